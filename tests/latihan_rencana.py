"""The training plan (docs/id/modul-best-practice/rencana-pelatihan.md) written from the exercise files, the same
files tests/test_latihan.py runs in a browser; the screenshots come from that run:

    python -m tests.latihan_rencana             # the Markdown only
    python -m tests.latihan_rencana --gambar    # and the pictures: runs tests/test_latihan.py with
                                                # BALAI_TANGKAPAN=docs/id/modul-best-practice/gambar
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

from tests.latihan_langkah import jenis, teks

MODUL = Path(__file__).resolve().parent.parent / "docs" / "id" / "modul-best-practice"
FOLDER_LATIHAN = MODUL / "latihan"
RENCANA = MODUL / "rencana-pelatihan.md"

PEMBUKA = """\
# Rencana pelatihan Balai

<!-- Berkas ini DIBUAT OTOMATIS dari docs/id/modul-best-practice/latihan/*.toml oleh
     `python -m tests.latihan_rencana`. Jangan diubah langsung: ubah berkas latihannya. -->

Rencana ini membagi pelatihan menjadi beberapa sesi menurut peran: operator kantor nagari, Wali Nagari, redaksi
situs web, dan tim teknis. Setiap sesi punya tujuan, dan setiap latihan ditulis langkah demi langkah.

**Setiap latihan di sini juga dijalankan otomatis** di peramban sungguhan (`tests/test_latihan.py`) terhadap
nagari percontohan yang baru diterapkan. Bila Balai berubah sehingga satu langkah tidak lagi berjalan seperti
tertulis, pengujian gagal dan menyebut sesi, latihan dan langkahnya. Jadi rencana ini selalu sesuai dengan
perangkat lunak yang dipakai peserta. Gambar layar juga diambil dari jalannya latihan yang sama.

## Menyiapkan ruang latihan

Pelatih menerapkan preset nagari percontohan di komputer latihan (lihat [Preset](../preset.md)):

```
balai preset apply nagari-percontohan
balai serve
```

Peserta masuk dengan akun `peserta01`, `peserta02`, dan seterusnya; kata sandinya diberikan pelatih. Beberapa
latihan memakai akun staf preset (`walinagari`, `redaksi`, `admin`) agar peserta melihat pembagian peran: yang
menyusun tidak sama dengan yang menyetujui. Sesudah sesi selesai, jalankan lagi `balai preset apply
nagari-percontohan`: semua isian peserta terhapus dan ruang latihan kembali seperti semula.
"""


def muat_sesi(folder: Path = FOLDER_LATIHAN) -> list[dict]:
    """Every session file in name order, checked: a step of an unknown kind fails here, naming its file."""
    sesi = []
    for berkas in sorted(folder.glob("*.toml")):
        data = tomllib.loads(berkas.read_text(encoding="utf-8"))
        data["sesi"]["berkas"] = berkas.stem
        if kurang := {"kode", "judul", "peserta", "lama", "tujuan"} - set(data.get("sesi", {})):
            raise ValueError(f"{berkas.name}: [sesi] tanpa {', '.join(sorted(kurang))}")
        for latihan in data.get("latihan", []):
            if kurang := {"kode", "judul", "tujuan", "pengguna", "langkah"} - set(latihan):
                raise ValueError(f"{berkas.name}, latihan {latihan.get('kode')}: tanpa {', '.join(sorted(kurang))}")
            for nomor, langkah in enumerate(latihan["langkah"], 1):
                try:
                    jenis(langkah)
                except ValueError as error:
                    raise ValueError(f"{berkas.name}, latihan {latihan['kode']}, langkah {nomor}: {error}") from None
        sesi.append(data)
    return sesi


def kode_sesi(data: dict) -> str:
    return data["sesi"]["kode"]


def _bungkus(teks_: str, awal: str = "") -> list[str]:
    """A paragraph or list item wrapped at 120 characters, the item's following lines indented under its text."""
    return textwrap.wrap(teks_, 120, initial_indent=awal, subsequent_indent=" " * len(awal),
                         break_long_words=False, break_on_hyphens=False)


def tulis_sesi(data: dict, nomor: int) -> list[str]:
    s = data["sesi"]
    baris = [f"## Sesi {nomor}: {s['judul']}", "", f"**Peserta:** {s['peserta']}. **Lama:** {s['lama']}.", ""]
    if s.get("pengantar"):
        baris += _bungkus(s["pengantar"]) + [""]
    baris += ["**Tujuan sesi.** Sesudah sesi ini peserta dapat:", ""]
    for tujuan in s["tujuan"]:
        baris += _bungkus(tujuan, "- ")
    baris.append("")
    for urut, latihan in enumerate(data["latihan"], 1):
        baris += [f"### Latihan {nomor}.{urut}: {latihan['judul']}", ""]
        baris += _bungkus(f"*Tujuan:* {latihan['tujuan']} *Akun:* `{latihan['pengguna']}`.") + [""]
        langkah_ke, dibuka = 0, [latihan["pengguna"]]
        for langkah in latihan["langkah"]:
            kalimat = teks(langkah, kode_sesi(data), tuple(dibuka))
            dibuka.append(langkah.get("sebagai", ""))
            if jenis(langkah) == "tangkap":
                baris += ["", kalimat, ""]
            else:
                langkah_ke += 1
                baris += _bungkus(kalimat, f"{langkah_ke}. ")
        for kunci, judul in (("catatan", "Catatan"), ("diskusi", "Diskusi")):
            if latihan.get(kunci):
                baris += [""] + _bungkus(f"*{judul}:* {latihan[kunci]}")
        baris.append("")
    return baris


def rencana(folder: Path = FOLDER_LATIHAN) -> str:
    baris = [PEMBUKA]
    semua = muat_sesi(folder)
    baris += ["## Ringkasan sesi", "", "| sesi | peserta | lama | latihan |", "|---|---|---|---|"]
    for nomor, data in enumerate(semua, 1):
        s = data["sesi"]
        baris.append(f"| {nomor}. {s['judul']} | {s['peserta']} | {s['lama']} | {len(data['latihan'])} |")
    baris.append("")
    for nomor, data in enumerate(semua, 1):
        baris += tulis_sesi(data, nomor)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(baris)).rstrip() + "\n"


def main(argv: list[str]) -> int:
    RENCANA.write_text(rencana(), encoding="utf-8")
    print(f"ditulis: {RENCANA}")
    if "--gambar" not in argv:
        return 0
    for lama in (MODUL / "gambar").glob("*.png"):  # a renamed or removed screenshot must not linger
        lama.unlink()
    env = {**os.environ, "BALAI_TANGKAPAN": str(MODUL / "gambar")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-k", "not screenshot",
                           str(Path(__file__).with_name("test_latihan.py"))], env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

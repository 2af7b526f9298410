"""The `satu_data` section of a preset (<preset>/satu_data/dataset.toml): which datasets the office publishes, on
which schedule, and the releases made when the preset is applied. It runs after every other section (its figures
are theirs: residents, budget, aid, potential).

``dataset.toml``:

- ``semua = true`` (optional): every dataset the enabled plugins offer is chosen, on ``jadwal`` (``"bulanan"``:
  released on the 1st for the month that closed; ``"manual"``: only when the office publishes it now);
- ``[[dataset]]``: ``nama`` (the dataset's name, as on the Satu Data page), ``terbit = true|false``, ``jadwal``;
  these override what ``semua`` chose. A dataset no enabled plugin offers now is still chosen (some appear only
  with data, e.g. aid recipients once a list is approved) and the apply says so; a malformed name is refused;
- ``terbitkan = ["bulan_lalu", "hari_ini"]`` (optional): releases made at once, of the chosen datasets, for the
  month that closed last and for this month so far (provisional figures).

Everything is checked before the first choice is saved. The export writes the choices (``[[dataset]]``) and no
release: figures are the nagari's own and are made again where the preset is applied.
"""

from __future__ import annotations

from pathlib import Path

from plugin_sdk.preset import GalatPreset, baca_toml, tulis_toml

from plugins.satu_data import registri
from plugins.satu_data.dataset import NAMA
from plugins.satu_data.pilihan import JADWAL, atur, semua as pilihan_semua
from plugins.satu_data.terbit import bulan_lalu, terbitkan

BERKAS = "dataset.toml"
TERBITKAN = ("bulan_lalu", "hari_ini")


def _jadwal(nilai, tempat: str) -> str:
    if nilai not in JADWAL:
        raise GalatPreset(f"{tempat}: jadwal {nilai!r} tidak dikenal; tulis \"bulanan\" atau \"manual\".")
    return nilai


def baca(folder: Path, dikenal: set[str]) -> tuple[dict[str, tuple[bool, str]], list[str]]:
    """({dataset: (terbit, jadwal)}, releases to make) from dataset.toml, or GalatPreset. `dikenal`: the datasets
    offered now (what ``semua`` chooses)."""
    tempat = f"satu_data/{BERKAS}"
    data = baca_toml(folder / BERKAS, tempat, wajib=True)
    if asing := sorted(set(data) - {"semua", "jadwal", "dataset", "terbitkan"}):
        raise GalatPreset(f"{tempat}: kunci tidak dikenal: {', '.join(asing)}.")
    pilihan: dict[str, tuple[bool, str]] = {}
    if data.get("semua"):
        jadwal = _jadwal(data.get("jadwal", "bulanan"), tempat)
        pilihan = {n: (True, jadwal) for n in sorted(dikenal)}
    for n, isi in enumerate(data.get("dataset") or [], start=1):
        tempat_ds = f"{tempat}, [[dataset]] ke-{n}"
        if not isinstance(isi, dict):
            raise GalatPreset(f"{tempat_ds}: harus berupa tabel.")
        nama = str(isi.get("nama") or "")
        if not NAMA.match(nama):
            raise GalatPreset(f"{tempat_ds}: nama dataset {nama!r} tidak sah (huruf kecil, angka dan tanda -).")
        pilihan[nama] = (bool(isi.get("terbit", True)), _jadwal(isi.get("jadwal", "bulanan"), tempat_ds))
    terbit = data.get("terbitkan", [])
    if not isinstance(terbit, list) or any(t not in TERBITKAN for t in terbit):
        raise GalatPreset(f"{tempat}: 'terbitkan' berisi \"bulan_lalu\" dan/atau \"hari_ini\".")
    return pilihan, terbit


async def pilih_dan_terbitkan(ctx, folder: Path, hari_ini) -> list:
    """Save the choices of `folder`/dataset.toml and make its releases; returns their outcomes (terbit.Hasil)."""
    dikenal = {d.nama for d in await registri.semua(ctx)}
    pilihan, terbit = baca(folder, dikenal)
    if pilihan:
        await atur(pilihan, dikenal=dikenal | set(pilihan), oleh="preset")
    nama = [n for n, (ya, _) in pilihan.items() if ya and n in dikenal]
    hasil = []
    if nama and "bulan_lalu" in terbit:
        hasil += await terbitkan(ctx, nama=nama, per=bulan_lalu(hari_ini), oleh="preset")
    if nama and "hari_ini" in terbit:
        hasil += await terbitkan(ctx, nama=nama, oleh="preset")
    return hasil


async def terapkan(konteks, folder: Path) -> None:
    """Apply <preset>/satu_data/: the choices saved, then the releases asked for."""
    hasil = await pilih_dan_terbitkan(konteks.request, folder, konteks.hari_ini)
    dikenal = {d.nama for d in await registri.semua(konteks.request)}
    dipilih = {n for n, r in (await pilihan_semua()).items() if r["terbit"]}
    if belum := sorted(dipilih - dikenal):
        konteks.catat(f"satu_data: dipilih tetapi belum ditawarkan plugin yang aktif (belum ada datanya?): "
                      f"{', '.join(belum)}")
    gagal = [h for h in hasil if h.status == "gagal"]
    konteks.catat(f"satu_data: {len(dipilih)} dataset dipilih, {len(hasil) - len(gagal)} terbitan dibuat"
                  + (f", {len(gagal)} gagal ({', '.join(h.dataset for h in gagal[:3])})" if gagal else ""))


async def ekspor(konteks, folder: Path) -> None:
    """The office's choices (dataset, published or not, schedule) as dataset.toml."""
    rows = await pilihan_semua()
    if not rows:
        return
    data = {"dataset": [{"nama": n, "terbit": bool(r["terbit"]), "jadwal": r["jadwal"]}
                        for n, r in sorted(rows.items())]}
    folder.mkdir(parents=True, exist_ok=True)
    judul = "Dataset data terbuka yang dipilih kantor nagari dan jadwal terbitnya."
    (folder / BERKAS).write_text(tulis_toml(data, judul), encoding="utf-8")

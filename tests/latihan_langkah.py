"""The training exercises' small step vocabulary: each step (one TOML inline table) is both a sentence of the
training plan (`teks`) and an action in a real browser (`jalankan`), so the plan cannot say what the software no
longer does.

Kinds (exactly one key of a step names its kind; `catatan` adds a sentence to the plan, `di` limits a step to a part
of the page, given as a CSS selector; any other key is refused):
    buka = "/admin/penduduk"                     open an address of the running Balai
    menu = "Penduduk"                            a link of the left-hand admin menu
    klik = "Simpan"                              a button or link by its name (`keterangan` names it otherwise;
                                                 klik = "*" with `di` takes the first link there)
    isi = "Nama lengkap", nilai = "..."          a field by its label (`tepat = true`: the exact label)
    pilih = "Agama", opsi = "Islam"              an option (else the first starting so) of the first list whose
                                                 label starts so
    centang = "Terbitkan sekarang"               a checkbox or a choice
    unggah = "Fotokopi KK *", berkas = "kk.jpg"  a file (a small sample picture or PDF the runner draws)
    lihat = "telah terbit"                       an assertion: the text shows (within `di` if given; `tunggu`: for
                                                 so many seconds, 30 unless told)
    tanpa = "[0-9]{16}", keterangan = "NIK"      an assertion: no text of the page matches the pattern
    unduh = "Unduh PDF", jenis = "application/pdf"  an assertion: the link gives a file of that type
    tangkap = "surat-terbit", judul = "..."      a screenshot for the plan (taken when BALAI_TANGKAPAN is set;
                                                 `di`: scrolled to that part first)
    perintah = "sync status", keluaran = "..."   a `balai` command in a terminal, its output holds `keluaran`
    ingat = "nik", dari = "p.lead", pola = "..." remember a value shown on the page, used later as {nik}
                                                 ({sandi}: the password of the account in use;
                                                 {hari_ini}, {dua_minggu_lalu}, {sebulan_lagi}: dates)
    sebagai = "walinagari"                       continue as another account ("warga": a resident's window)
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

# Dates as the plan says them, counted from the day the room is used (the preset's data is relative to it too).
TANGGAL = {"hari_ini": (0, "tanggal hari ini"), "dua_minggu_lalu": (-14, "tanggal dua minggu yang lalu"),
           "sebulan_lagi": (30, "tanggal sebulan dari hari ini")}
JENIS = ("buka", "menu", "klik", "isi", "pilih", "centang", "unggah", "lihat", "tanpa", "unduh", "tangkap", "perintah",
         "ingat", "sebagai")


PELENGKAP = {"di", "catatan", "keterangan", "tepat", "nilai", "opsi", "berkas", "jenis", "judul", "keluaran", "dari",
             "pola", "tunggu"}


def jenis(langkah: dict) -> str:
    """The step's kind; a step with none, two, or a key nobody reads (a typo would silently weaken it) is refused."""
    kinds = [k for k in langkah if k in JENIS]
    if len(kinds) != 1:
        raise ValueError(f"langkah harus punya tepat satu jenis dari {', '.join(JENIS)}: {langkah!r}")
    if lain := set(langkah) - PELENGKAP - {kinds[0]}:
        raise ValueError(f"kunci tidak dikenal {', '.join(sorted(lain))}: {langkah!r}")
    return kinds[0]


def teks(langkah: dict, sesi: str, dibuka: tuple[str, ...] = ()) -> str:
    """The step as one sentence (Markdown) of the training plan; `dibuka`: the accounts whose window is open."""
    k = jenis(langkah)
    nilai = langkah[k]
    nama = langkah.get("keterangan", nilai)
    kalimat = {
        "buka": f"Buka alamat `{nilai}`.",
        "menu": f"Pada menu kiri, klik **{nilai}**.",
        "klik": f"Klik {langkah['keterangan']}." if "keterangan" in langkah
                else f"Klik **{nama}**." if "{" not in nama else f"Klik {_nilai(nama)}.",
        "isi": f"Isi **{_label(nilai)}** dengan {_nilai(langkah.get('nilai', ''))}.",
        "pilih": f"Pada **{_label(nilai)}**, pilih **{langkah.get('opsi', '')}**.",
        "centang": f"Pilih **{nilai}**.",
        "unggah": f"Pada **{_label(nilai)}**, unggah berkas `{langkah.get('berkas', '')}`.",
        "lihat": f"Pastikan tampil {_nilai(nilai, 'tulisan ')}.",
        "tanpa": f"Pastikan halaman tidak memuat {nama}.",
        "unduh": f"Klik **{nilai}**: berkas {_nama_jenis(langkah.get('jenis', ''))} terunduh.",
        "tangkap": f"![{langkah.get('judul', nilai)}](gambar/{sesi}-{nilai}.png)",
        "perintah": f"Di terminal, jalankan `balai {nilai}`"
                    + (f"; keluarannya memuat «{langkah['keluaran']}»." if "keluaran" in langkah else "."),
        "ingat": f"Catat {nama}.",
        "sebagai": (f"Kembali ke jendela **{nilai}**." if nilai in dibuka
                    else "Buka jendela baru sebagai warga (layanan mandiri)." if nilai == "warga"
                    else f"Di jendela baru, masuk sebagai **{nilai}**."),
    }[k]
    if langkah.get("catatan"):
        kalimat += f" {langkah['catatan']}"
    return kalimat


def _nilai(nilai: str, awalan: str = "") -> str:
    """A value as the plan reads it: `{nik}` is the NIK noted in an earlier step, `{sandi}` one's own password."""
    if nilai == "{sandi}":
        return "kata sandi akun Anda"
    if nilai.strip("{}") in TANGGAL:
        return TANGGAL[nilai.strip("{}")][1]
    if "{" in nilai:
        return re.sub(r"\{(\w+)\}", lambda m: f"{m.group(1).upper() if len(m.group(1)) <= 3 else m.group(1)} "
                      "yang dicatat tadi", nilai)
    return f"{awalan}«{nilai}»" if awalan else f"`{nilai}`"


def _label(label: str) -> str:
    return label.rstrip(" *")


def _nama_jenis(mime: str) -> str:
    return {"application/pdf": "PDF", "text/csv": "CSV", "application/octet-stream": "cadangan"}.get(mime, mime)


class Pelaku:
    """The browser windows of one exercise: one per account (logged in on first use) and the resident's."""

    def __init__(self, browser, url: str, sandi: dict[str, str], balai, folder: Path, tangkapan: Path | None):
        self.browser, self.url, self.sandi, self.balai = browser, url, sandi, balai
        self.folder, self.tangkapan = folder, tangkapan
        self.halaman: dict[str, object] = {}
        hari_ini = date.today()
        self.ingatan = {nama: (hari_ini + timedelta(days=hari)).isoformat() for nama, (hari, _) in TANGGAL.items()}
        self.page = None

    def sebagai(self, akun: str) -> None:
        if akun not in self.halaman:
            context = self.browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30000)  # a busy 2-core CI machine; only a failure waits that long
            if akun != "warga":
                page.goto(self.url + "/masuk")
                page.get_by_label("Nama pengguna").fill(akun)
                page.get_by_label("Kata sandi").fill(self.sandi[akun])
                page.get_by_role("button", name="Masuk").click()
                page.wait_for_url(lambda u: "/masuk" not in u)
            self.halaman[akun] = page
        self.page = self.halaman[akun]
        self.ingatan["sandi"] = self.sandi.get(akun, "")  # {sandi}: the account's own password, asked again

    def tutup(self) -> None:
        for page in self.halaman.values():
            page.context.close()

    def isi_nilai(self, teks_: str) -> str:
        return teks_.format(**self.ingatan) if "{" in teks_ else teks_

    def jalankan(self, langkah: dict, sesi: str) -> None:
        from playwright.sync_api import expect

        k = jenis(langkah)
        nilai = langkah[k]
        page = self.page
        area = page.locator(langkah["di"]) if "di" in langkah else page
        if k == "sebagai":
            self.sebagai(nilai)
        elif k == "buka":
            response = page.goto(self.url + self.isi_nilai(nilai))
            assert response.status < 400, f"{nilai} menjawab {response.status}"
        elif k == "menu":
            page.get_by_role("navigation", name="Menu admin").get_by_role("link", name=nilai, exact=True).click()
        elif k == "klik":
            if nilai == "*":
                area.locator("a").first.click()
            else:
                self.tombol(area, self.isi_nilai(nilai)).click()
        elif k in ("isi", "pilih", "centang", "unggah"):
            # a rich text editor stands over a hidden field of the same label: the one a person sees
            kolom = page.get_by_label(nilai, exact=langkah.get("tepat", False))
            kolom = kolom.filter(visible=True) if k == "isi" else kolom
            if k == "isi":
                kolom.fill(self.isi_nilai(langkah["nilai"]))
            elif k == "pilih":  # a list's name holds its options' words too: the first list so named
                daftar = page.get_by_role("combobox", name=nilai).first
                opsi = [o.strip() for o in daftar.locator("option").all_inner_texts()]
                awal = [o for o in opsi if o.startswith(langkah["opsi"])]  # a budget line: its code and name
                daftar.select_option(label=langkah["opsi"] if langkah["opsi"] in opsi or not awal else awal[0])
            elif k == "centang":
                kolom.check()
            else:
                kolom.set_input_files(str(self.berkas_contoh(langkah["berkas"])))
        elif k == "lihat":
            tunggu = langkah.get("tunggu", 30) * 1000  # seconds: a job in the worker (a backup) takes longer
            expect(area.get_by_text(self.isi_nilai(nilai)).first).to_be_visible(timeout=tunggu)
        elif k == "tanpa":
            found = re.search(nilai, page.locator("body").inner_text())
            assert not found, f"halaman memuat {found.group(0)!r}"
        elif k == "unduh":
            link = area.get_by_role("link", name=nilai, exact=True).first
            response = page.request.get(self.url + link.get_attribute("href"))
            assert response.status == 200, f"unduhan {nilai}: {response.status}"
            assert response.headers["content-type"].startswith(langkah.get("jenis", "")), response.headers
            assert len(response.body()) > 100, "berkas unduhan kosong"
        elif k == "tangkap":
            if self.tangkapan:
                if "di" in langkah:  # the part the picture is about, scrolled into the window
                    area.first.evaluate("e => e.scrollIntoView({block: 'start'})")
                self.tangkapan.mkdir(parents=True, exist_ok=True)
                simpan_gambar(page.screenshot(), self.tangkapan / f"{sesi}-{nilai}.png")
        elif k == "perintah":
            keluaran = self.balai(*nilai.split())
            assert keluaran.returncode == 0, keluaran.stderr
            assert langkah.get("keluaran", "") in keluaran.stdout, keluaran.stdout[-2000:]
        elif k == "ingat":
            shown = area.locator(langkah["dari"]).first.inner_text()
            found = re.search(langkah.get("pola", r".+"), shown)
            assert found, f"{langkah['dari']} tidak memuat {langkah.get('pola')}: {shown!r}"
            self.ingatan[nilai] = found.group(0)

    @staticmethod
    def tombol(area, name: str):
        """The button or link so named; else the first whose name contains it (a letter type's link ends in its
        classification code)."""
        def cari(exact):
            return area.get_by_role("button", name=name, exact=exact).or_(area.get_by_role("link", name=name,
                                                                                          exact=exact))
        cari(False).first.wait_for()
        return cari(True).first if cari(True).count() else cari(False).first

    def berkas_contoh(self, nama: str) -> Path:
        path = self.folder / nama
        if not path.exists():
            Image.new("RGB", (600, 800), (235, 235, 225)).save(path)
        return path


def simpan_gambar(png: bytes, tujuan: Path) -> None:
    """A screenshot as a 256-colour PNG: about a fifth of the size, still sharp for text and buttons."""
    gambar = Image.open(io.BytesIO(png)).convert("RGB")
    gambar.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(tujuan, optimize=True)

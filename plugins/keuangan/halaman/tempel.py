"""Pasting a table of budget lines (from a spreadsheet or a document): "Periksa" shows every row with its problems,
"Simpan" saves all rows or none.

Columns, tab- or semicolon-separated: kegiatan | akun | uraian | anggaran | sumber dana (the last may be left out).
A header row is recognised and skipped. The kegiatan cell may carry the activity's name after its code
("02.03.01 Pembangunan jalan usaha tani"), which names a kegiatan the version does not have yet."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires

from plugins.keuangan import layanan
from plugins.keuangan.halaman.umum import BASE, Form, apbdes_atau_404, galat_dari, tanpa_kendali
from plugins.keuangan.jumlah import JumlahError, baca_jumlah, per_bagian, rupiah
from plugins.keuangan.kode import normal_akun, normal_kegiatan
from plugins.keuangan.plugin import KELOLA

BATAS_TEKS = 400_000  # characters: a whole APB Desa of a few thousand lines, not a pasted book
BATAS_BARIS = 5_000


def _sel(baris: str) -> list[str]:
    pemisah = "\t" if "\t" in baris else ";"
    return [" ".join(s.split()) for s in baris.split(pemisah)]


def _judul(sel: list[str]) -> bool:
    """A header row: its account cell has letters ("Kode Rekening", "Akun")."""
    return len(sel) > 1 and any(c.isalpha() for c in sel[1])


def baca_tempelan(teks: str) -> list[dict]:
    """Rows of the pasted text as simpan_banyak takes them (text, unchecked), blank lines and a header left out."""
    rows = []
    for i, baris in enumerate((teks or "").splitlines()):
        if not baris.strip():
            continue
        sel = _sel(baris)
        if i == 0 or not rows:
            if _judul(sel):
                continue
        sel += [""] * (5 - len(sel))
        kode_kegiatan, _, nama = sel[0].partition(" ")
        rows.append({"kegiatan": normal_kegiatan(kode_kegiatan), "kegiatan_nama": nama.strip()[:250],
                     "akun": normal_akun(sel[1]), "uraian": sel[2][:250], "anggaran": sel[3],
                     "sumber_dana": sel[4][:10].upper(), "lebih_kolom": len([s for s in sel[5:] if s])})
    return rows


async def _periksa(apbdes_id: int, rows: list[dict]) -> dict[str, str]:
    """simpan_banyak's own checks, without writing, plus a row with more columns than the table has."""
    try:
        galat = dict(await layanan.periksa_banyak(apbdes_id, _bersih(rows)))
    except layanan.KeuanganError as e:
        return galat_dari(e)
    for n, r in enumerate(rows, 1):
        if r["lebih_kolom"]:
            kunci = f"baris {n}"
            galat[kunci] = "; ".join(filter(None, [galat.get(kunci), "Kolomnya lebih dari lima; periksa pemisahnya."]))
    return galat


def _bersih(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "lebih_kolom"} for r in rows]


def _pratinjau(rows: list[dict], galat: dict[str, str]) -> tuple[list[dict], list[tuple[str, str]]]:
    """The rows as shown, and the anggaran totalled per part (pendapatan, belanja, pembiayaan: never one sum)."""
    tampil, pasangan = [], []
    for n, r in enumerate(rows, 1):
        try:
            sen = baca_jumlah(r["anggaran"])
            pasangan.append((r["akun"], sen))
            jumlah = rupiah(sen)
        except JumlahError:
            jumlah = r["anggaran"]
        tampil.append({**r, "n": n, "jumlah": jumlah, "masalah": galat.get(f"baris {n}", "")})
    return tampil, [(nama, rupiah(sen)) for nama, sen in per_bagian(pasangan)]


async def _halaman(request: Request, v: dict, isi: str, rows: list[dict] | None = None,
                   galat: dict | None = None, status_code: int = 200) -> Template:
    galat = galat or {}
    tampil, total = _pratinjau(rows or [], galat)
    return await page(request, "keuangan/admin/tempel.html", {
        "v": v, "isi": isi, "rows": tampil, "total": total, "galat": galat, "diperiksa": rows is not None,
        "umum": galat.get("umum") or galat.get("isi"), "salah": sum(1 for r in tampil if r["masalah"]),
        "kembali": f"{BASE}/{v['tahun']}?versi={v['versi']}"}, status_code)


@get(f"{BASE}/apbdes/{{apbdes_id:int}}/tempel", opt=requires(KELOLA, sample=f"{BASE}/apbdes/1/tempel"),
     include_in_schema=False)
async def tempel_form(request: Request, apbdes_id: Id) -> Template:
    return await _halaman(request, await apbdes_atau_404(apbdes_id), "")


@post(f"{BASE}/apbdes/{{apbdes_id:int}}/tempel", opt=requires(KELOLA), include_in_schema=False)
async def tempel(request: Request, apbdes_id: Id, data: Form) -> Template | Redirect:
    v = await apbdes_atau_404(apbdes_id)
    isi = data.get("isi") or ""
    if len(isi) > BATAS_TEKS:
        return await _halaman(request, v, "", [], {"isi": "Tabel terlalu panjang; tempel sebagian demi sebagian, "
                                                          "atau gunakan impor Siskeudes."}, 400)
    rows = baca_tempelan(tanpa_kendali(isi))
    if not rows:
        return await _halaman(request, v, isi, [], {"isi": "Belum ada baris untuk disimpan. Tempel tabel dengan "
                                                            "kolom kegiatan, akun, uraian, anggaran, sumber dana."},
                              400)
    if len(rows) > BATAS_BARIS:
        return await _halaman(request, v, isi, [], {"isi": f"Lebih dari {BATAS_BARIS} baris sekaligus; tempel "
                                                            "sebagian demi sebagian."}, 400)
    galat = await _periksa(apbdes_id, rows)
    if galat or data.get("aksi") != "simpan":
        return await _halaman(request, v, isi, rows, galat, 400 if galat else 200)
    try:
        jumlah = await layanan.simpan_banyak(request, apbdes_id, _bersih(rows))
    except layanan.KeuanganError as e:
        return await _halaman(request, v, isi, rows, galat_dari(e), 400)
    flash(request, f"{jumlah} baris anggaran disimpan ke {v['nama']}.")
    return Redirect(f"{BASE}/{v['tahun']}?versi={v['versi']}")


ROUTES = [tempel_form, tempel]

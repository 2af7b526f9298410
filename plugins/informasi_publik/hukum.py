"""Regulations and decisions: their names in the nagari's terms, checking a form, saving one with its PDF and the
status it gives an earlier one, and reading them for the public list, the office and the books.

One user action is one write transaction: the regulation, the earlier one's new status, the audit line and
`public_changed()` land together or not at all. The PDF is checked (`plugin_sdk.save_pdf`) before the transaction
and removed again when the transaction fails, so a refused form keeps no file.
"""

from __future__ import annotations

import re
from datetime import date

from plugin_sdk import FileStoreError, log_change, public_changed, save_pdf, stored_pdf, write_transaction

from plugins.informasi_publik.tabel_hukum import (BERLAKU, DICABUT, DIUBAH, JENIS, KEPKADES, MENCABUT, MENGUBAH,
                                                   PERBER, PERDES, PERKADES, ProdukHukum)

FOLDER = "informasi_publik/hukum"
SLUG = re.compile(r"^(perdes|perkades|kepkades|perber)-(\d{4})-(\d{1,5})$")
TAHUN_MIN, TAHUN_MAKS = 1945, 2100
NOMOR_MAKS = 99_999


class HukumError(ValueError):
    """A refused form: `galat` maps a field to its message in Bahasa Indonesia ("umum" for the whole form)."""

    def __init__(self, galat: dict[str, str]):
        super().__init__("; ".join(galat.values()))
        self.galat = galat


def nama_jenis(profil: dict) -> dict[str, str]:
    """Each kind's name in the nagari's terms: "Peraturan Nagari" in a nagari, "Peraturan Desa" in a desa."""
    desa = profil.get("sebutan_desa") or "Desa"
    kepala = profil.get("sebutan_kepala") or f"Kepala {desa}"
    return {PERDES: f"Peraturan {desa}", PERKADES: f"Peraturan {kepala}", KEPKADES: f"Keputusan {kepala}",
            PERBER: f"Peraturan Bersama {kepala}"}


def lembaran(jenis: str, profil: dict) -> str:
    """Where a kind is promulgated (Permendagri 111/2014): a Peraturan Desa in the Lembaran Desa, a Peraturan
    Kepala Desa and a Peraturan Bersama in the Berita Desa; a Keputusan is not promulgated ("")."""
    desa = profil.get("sebutan_desa") or "Desa"
    return {PERDES: f"Lembaran {desa}", PERKADES: f"Berita {desa}", PERBER: f"Berita {desa}"}.get(jenis, "")


def slug(row: dict) -> str:
    return f"{row['jenis']}-{row['tahun']}-{row['nomor']}"


def dari_slug(teks: str) -> tuple[str, int, int] | None:
    m = SLUG.match(teks or "")
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def sebutan(row: dict, profil: dict) -> str:
    """"Peraturan Nagari Nomor 5 Tahun 2026"."""
    return f"{nama_jenis(profil)[row['jenis']]} Nomor {row['nomor']} Tahun {row['tahun']}"


def _tanggal(data: dict, nama: str, label: str, galat: dict, wajib: bool = False) -> date | None:
    teks = (data.get(nama) or "").strip()
    if not teks:
        if wajib:
            galat[nama] = f"Isi {label}."
        return None
    try:
        nilai = date.fromisoformat(teks)
    except ValueError:
        galat[nama] = f"{label[0].upper()}{label[1:]} tidak valid (tttt-bb-hh)."
        return None
    if not TAHUN_MIN <= nilai.year <= TAHUN_MAKS:
        galat[nama] = f"{label[0].upper()}{label[1:]} di luar rentang tahun {TAHUN_MIN}-{TAHUN_MAKS}."
    return nilai


def _angka(data: dict, nama: str, label: str, batas: tuple[int, int], galat: dict) -> int | None:
    teks = (data.get(nama) or "").strip()
    if not teks.isdigit() or not batas[0] <= int(teks) <= batas[1]:
        galat[nama] = f"{label} harus angka {batas[0]} sampai {batas[1]}."
        return None
    return int(teks)


def _teks(data: dict, nama: str, batas: int) -> str:
    return " ".join("".join(c for c in str(data.get(nama) or "") if c.isprintable() or c.isspace()).split())[:batas + 1]


def periksa(data: dict) -> tuple[dict, dict[str, str]]:
    """The form's values as columns, and the messages of what is wrong (empty when it can be saved)."""
    galat: dict[str, str] = {}
    jenis = (data.get("jenis") or "").strip()
    if jenis not in JENIS:
        galat["jenis"] = "Pilih jenis produk hukum."
    nomor = _angka(data, "nomor", "Nomor", (1, NOMOR_MAKS), galat)
    ditetapkan = _tanggal(data, "ditetapkan", "tanggal ditetapkan", galat, wajib=True)
    tahun_teks = (data.get("tahun") or "").strip()
    if tahun_teks:
        tahun = _angka(data, "tahun", "Tahun", (TAHUN_MIN, TAHUN_MAKS), galat)
    else:
        tahun = ditetapkan.year if ditetapkan else None
    judul, pokok = _teks(data, "judul", 250), _teks(data, "pokok", 4000)
    if not judul:
        galat["judul"] = "Isi judul (tentang apa peraturan ini)."
    elif len(judul) > 250:
        galat["judul"] = "Judul paling panjang 250 huruf."
    if len(pokok) > 4000:
        galat["pokok"] = "Pokok isi paling panjang 4.000 huruf."
    diundangkan = _tanggal(data, "diundangkan", "tanggal diundangkan", galat)
    nomor_lembaran = _teks(data, "nomor_lembaran", 40)
    if len(nomor_lembaran) > 40:
        galat["nomor_lembaran"] = "Nomor lembaran paling panjang 40 huruf."
    if jenis == KEPKADES and (diundangkan or nomor_lembaran):
        galat["diundangkan"] = "Keputusan tidak diundangkan dalam Lembaran atau Berita; kosongkan isian ini."
    if diundangkan and ditetapkan and diundangkan < ditetapkan:
        galat["diundangkan"] = "Tanggal diundangkan tidak boleh sebelum tanggal ditetapkan."
    keterangan = _teks(data, "keterangan", 250)
    if len(keterangan) > 250:
        galat["keterangan"] = "Keterangan paling panjang 250 huruf."
    tindakan = (data.get("tindakan") or "").strip()
    mengubah_id = None
    if tindakan in (MENGUBAH, MENCABUT):
        teks = (data.get("mengubah_id") or "").strip()
        if not teks.isdigit():
            galat["mengubah_id"] = "Pilih peraturan yang diubah atau dicabut."
        else:
            mengubah_id = int(teks)
    elif tindakan:
        galat["tindakan"] = "Pilih: tidak mengubah, mengubah, atau mencabut."
    status = (data.get("status") or BERLAKU).strip()
    status_oleh = None
    if status not in (BERLAKU, DIUBAH, DICABUT):
        galat["status"] = "Status tidak dikenal."
    elif status != BERLAKU:
        teks = (data.get("status_oleh") or "").strip()
        if not teks.isdigit():
            kata = "mencabutnya" if status == DICABUT else "mengubahnya"
            galat["status_oleh"] = (f"Pilih peraturan yang {kata}: status {status} tanpa peraturan "
                                    f"yang {kata} tidak bisa disimpan.")
        else:
            status_oleh = int(teks)
    nilai = {"jenis": jenis, "nomor": nomor, "tahun": tahun, "judul": judul, "pokok": pokok,
             "ditetapkan": ditetapkan, "disepakati": _tanggal(data, "disepakati", "tanggal kesepakatan", galat),
             "diundangkan": diundangkan, "nomor_lembaran": nomor_lembaran, "keterangan": keterangan,
             "tindakan": tindakan if mengubah_id else "", "mengubah_id": mengubah_id,
             "status": status, "status_oleh": status_oleh}
    return nilai, galat


def _cari(nilai: dict) -> str:
    return f"{nilai['judul']} {nilai['pokok']}".lower()


async def satu(hukum_id: int) -> dict | None:
    return await ProdukHukum.select().where(ProdukHukum.id == hukum_id).first().run()


async def _periksa_kaitan(nilai: dict, hukum_id: int | None, galat: dict) -> None:
    """The duplicate number and the regulations this one names must hold inside the transaction."""
    if nilai["jenis"] and nilai["nomor"] and nilai["tahun"]:
        kembar = await ProdukHukum.select(ProdukHukum.id).where(
            ProdukHukum.jenis == nilai["jenis"], ProdukHukum.tahun == nilai["tahun"],
            ProdukHukum.nomor == nilai["nomor"]).first().run()
        if kembar and kembar["id"] != hukum_id:
            galat["nomor"] = f"Nomor {nilai['nomor']} tahun {nilai['tahun']} untuk jenis ini sudah dipakai."
    for kolom in ("mengubah_id", "status_oleh"):
        if nilai[kolom] is None:
            continue
        if nilai[kolom] == hukum_id:
            galat[kolom] = "Sebuah peraturan tidak dapat mengubah atau mencabut dirinya sendiri."
        elif await satu(nilai[kolom]) is None:
            galat[kolom] = "Peraturan yang dipilih tidak ditemukan."
    if nilai["mengubah_id"] and "mengubah_id" not in galat:
        lama = await satu(nilai["mengubah_id"])
        if lama["status"] == DICABUT and lama["status_oleh"] != hukum_id:
            galat["mengubah_id"] = "Peraturan itu sudah dicabut."


async def simpan(request, data: dict, pdf: bytes = b"", hukum_id: int | None = None) -> int:
    """Save the form (a new regulation, or `hukum_id` edited); return its id. Raises HukumError, saving nothing."""
    nilai, galat = periksa(data)
    lama = await satu(hukum_id) if hukum_id is not None else None
    if hukum_id is not None and lama is None:
        raise HukumError({"umum": "Produk hukum tidak ditemukan."})
    if galat:
        raise HukumError(galat)
    berkas = ""
    if pdf:
        try:
            berkas = save_pdf(request, FOLDER, pdf)
        except FileStoreError as exc:
            raise HukumError({"berkas": str(exc)}) from None
    try:
        async with write_transaction():
            await _periksa_kaitan(nilai, hukum_id, galat)
            if galat:
                raise HukumError(galat)
            hukum_id = await _tulis(request, nilai, berkas, lama)
    except BaseException:
        if berkas and (path := stored_pdf(request, FOLDER, berkas)) is not None:
            path.unlink(missing_ok=True)
        raise
    if lama and berkas and lama["berkas"] and (path := stored_pdf(request, FOLDER, lama["berkas"])):
        path.unlink(missing_ok=True)  # the replaced PDF, only once the new one is committed
    return hukum_id


async def _tulis(request, nilai: dict, berkas: str, lama: dict | None) -> int:
    kolom = {**nilai, "cari": _cari(nilai)}
    if berkas:
        kolom["berkas"] = berkas
    if nilai["status"] == BERLAKU:
        kolom["status_oleh"] = None
    if lama is None:
        rows = await ProdukHukum.insert(ProdukHukum(**kolom)).returning(ProdukHukum.id).run()
        hukum_id = rows[0]["id"]
        aksi = "tambah"
    else:
        hukum_id = lama["id"]
        await ProdukHukum.update({getattr(ProdukHukum, k): v for k, v in kolom.items()}).where(
            ProdukHukum.id == hukum_id).run()
        aksi = "ubah"
        if lama["mengubah_id"] and lama["mengubah_id"] != nilai["mengubah_id"]:
            await _pulihkan(request, lama["mengubah_id"], hukum_id)
    if nilai["mengubah_id"]:
        status = DICABUT if nilai["tindakan"] == MENCABUT else DIUBAH
        await ProdukHukum.update({ProdukHukum.status: status, ProdukHukum.status_oleh: hukum_id}).where(
            ProdukHukum.id == nilai["mengubah_id"]).run()
        await log_change(request, "ubah", "informasi_publik.hukum", nilai["mengubah_id"],
                         {"status": status, "oleh": hukum_id})
    await log_change(request, aksi, "informasi_publik.hukum", hukum_id,
                     {k: (v.isoformat() if isinstance(v, date) else v) for k, v in nilai.items()}
                     | ({"berkas": berkas} if berkas else {}))
    await public_changed()
    return hukum_id


async def _pulihkan(request, lama_id: int, oleh: int) -> None:
    """An edit no longer changing `lama_id`: it is in force again when this one was what changed it."""
    await ProdukHukum.update({ProdukHukum.status: BERLAKU, ProdukHukum.status_oleh: None}).where(
        ProdukHukum.id == lama_id, ProdukHukum.status_oleh == oleh).run()
    await log_change(request, "ubah", "informasi_publik.hukum", lama_id, {"status": BERLAKU})


async def daftar(*, cari: str = "", jenis: str = "", tahun: int | None = None, batas: int = 50,
                 mulai: int = 0) -> tuple[list[dict], int]:
    """Regulations newest first, filtered; and how many match. `cari` is every word in title or subject."""
    syarat = []
    if jenis in JENIS:
        syarat.append(ProdukHukum.jenis == jenis)
    if tahun is not None:
        syarat.append(ProdukHukum.tahun == tahun)
    for kata in (cari or "").lower().split()[:8]:
        kata = kata.replace("\\", "").replace("%", "").replace("_", "")
        if kata:
            syarat.append(ProdukHukum.cari.like(f"%{kata}%"))
    kueri = ProdukHukum.select().where(*syarat) if syarat else ProdukHukum.select()
    hitung = ProdukHukum.count().where(*syarat) if syarat else ProdukHukum.count()
    rows = await kueri.order_by(ProdukHukum.tahun, ascending=False).order_by(
        ProdukHukum.ditetapkan, ascending=False).order_by(ProdukHukum.nomor, ascending=False).limit(
        batas).offset(mulai).run()
    return rows, await hitung.run()


async def tahun_ada() -> list[int]:
    rows = await ProdukHukum.select(ProdukHukum.tahun).distinct().order_by(ProdukHukum.tahun, ascending=False).run()
    return [r["tahun"] for r in rows]


async def dengan_slug(teks: str) -> dict | None:
    kunci = dari_slug(teks)
    if kunci is None:
        return None
    jenis, tahun, nomor = kunci
    return await ProdukHukum.select().where(ProdukHukum.jenis == jenis, ProdukHukum.tahun == tahun,
                                            ProdukHukum.nomor == nomor).first().run()


async def nama_menurut_id(ids) -> dict[int, dict]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    rows = await ProdukHukum.select(ProdukHukum.id, ProdukHukum.jenis, ProdukHukum.tahun, ProdukHukum.nomor,
                                    ProdukHukum.judul).where(ProdukHukum.id.is_in(ids)).run()
    return {r["id"]: r for r in rows}


__all__ = ["FOLDER", "HukumError", "daftar", "dari_slug", "dengan_slug", "lembaran", "nama_jenis",
           "nama_menurut_id", "periksa", "satu", "sebutan", "simpan", "slug", "tahun_ada"]

"""Every write and read of the nagari's assets: registration, correction, and (mutasi.py, re-exported here) the
mutations that change an asset's condition or end its ownership, and their cancellation.

Each write is one user action: the whole form is checked first (periksa.py), then written in one write
transaction with its audit entry, so bad input changes nothing. Problems are raised as `AsetError` with a message
per form field in `.galat`.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Mapping

from plugin_sdk import log_change, nagari_profile, write_transaction

from plugins.aset.kib import AKTIF, ASAL, GOLONGAN, JENIS_TANAH, KONDISI, NAMA_MUTASI, PEMBATALAN, STATUS, nama_kode
from plugins.aset.mutasi import (batalkan_mutasi, berlaku, catat_mutasi, kondisi_awal, pesan_berakhir,
                                 semua_mutasi, uji_mutasi, uraian_mutasi)
from plugins.aset.periksa import KOLOM, AsetError, pengguna, periksa_aset
from plugins.aset.tables import Aset, NomorRegister
from plugins.aset.teks import rupiah, tanggal_panjang

__all__ = ["AsetError", "daftarkan", "ubah", "catat_mutasi", "uji_mutasi", "batalkan_mutasi", "baca", "riwayat",
           "daftar", "jorong_nagari", "kegiatan_anggaran", "sebutan"]

# The next register number of a code, in one statement on the counter row (ENGINEERING-NOTES 4): one more than the
# last number ever given under the code, or than the highest an asset holds now ({} 2) when that is higher (assets
# registered before the counter existed).
_NOMOR_BERIKUT = ("INSERT INTO aset_nomor (kode_barang, terakhir) VALUES ({}, {}) ON CONFLICT (kode_barang) DO UPDATE "
                  "SET terakhir = CASE WHEN aset_nomor.terakhir >= excluded.terakhir THEN aset_nomor.terakhir + 1 "
                  "ELSE excluded.terakhir END RETURNING terakhir")


def sebutan(request) -> dict[str, str]:
    """What the nagari calls itself and its parts ({"desa": "Nagari", "dusun": "Jorong"}), from its profile; the
    defaults without a request (demo data, a CLI import)."""
    profil = nagari_profile(request) if getattr(request, "app", None) is not None else {}
    return {"desa": profil.get("sebutan_desa") or "Nagari", "dusun": profil.get("sebutan_dusun") or "Jorong"}


def _json(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def _audit(nilai: Mapping[str, Any]) -> dict:
    return {k: _json(v) for k, v in nilai.items()}


async def jorong_nagari() -> dict[int, str]:
    """The nagari's jorong (wilayah level 1), id -> name, for the form's select and the list's filter."""
    from plugin_sdk.register import wilayah_rows

    rows = await wilayah_rows()
    return {r["id"]: r["nama"] for r in sorted(rows, key=lambda r: r["nama"]) if r["tingkat"] == 1}


async def _keuangan_aktif(request) -> bool:
    """Whether assets may link to the APB Desa: `keuangan` enabled for this request (code without a request, the
    demo or a CLI import, links whenever the plugin is installed)."""
    if request is None:
        try:
            import plugins.keuangan.api  # noqa: F401
        except ImportError:
            return False
        return True
    from plugin_sdk import enabled_plugins

    return "keuangan" in await enabled_plugins(request)


async def kegiatan_anggaran(request, tahun: int) -> dict[str, str]:
    """The kegiatan of `tahun`'s APB Desa an asset may link to (kode -> nama); {} without `keuangan` or its APB."""
    if not await _keuangan_aktif(request):
        return {}
    from plugins.keuangan.api import kegiatan_tahun

    return await kegiatan_tahun(tahun)


async def _periksa_anggaran(request, nilai: dict, galat: dict) -> None:
    if not nilai["anggaran_kegiatan"] or "anggaran" in galat:
        return
    tahun, kode = nilai["anggaran_tahun"], nilai["anggaran_kegiatan"]
    if not await _keuangan_aktif(request):
        galat["anggaran"] = "Modul keuangan tidak aktif; kosongkan kaitan ke kegiatan APB Desa."
    elif kode not in await kegiatan_anggaran(request, tahun):
        galat["anggaran"] = f"Kegiatan {kode} tidak ada dalam APB Desa tahun {tahun}."


async def _nomor_berikut(kode_barang: str) -> int:
    """The next register number of a code; never one given before, even one an asset gave up when its code was
    corrected (a number painted on an item names that item only). Called inside write_transaction, so it rolls back
    with a refused write; the unique index (kode_barang, nomor_register) is the last guard."""
    rows = await Aset.raw("SELECT MAX(nomor_register) AS n FROM aset_barang WHERE kode_barang = {}",
                          kode_barang).run()
    dipegang = (rows[0]["n"] or 0) if rows else 0
    rows = await NomorRegister.raw(_NOMOR_BERIKUT, kode_barang, dipegang + 1).run()
    return int(rows[0]["terakhir"])


async def daftarkan(request, isian: Mapping[str, Any], *, hari_ini: date) -> int:
    """Register a new asset from the form; returns its id. Raises AsetError, saving nothing."""
    nilai, galat = periksa_aset(isian, hari_ini=hari_ini, jorong_ada=set(await jorong_nagari()),
                                sebutan_dusun=sebutan(request)["dusun"])
    await _periksa_anggaran(request, nilai, galat)
    if galat:
        raise AsetError(galat)
    oleh = await pengguna(request)
    async with write_transaction():
        nomor = await _nomor_berikut(nilai["kode_barang"])
        rows = await Aset.insert(Aset(**nilai, nomor_register=nomor, status=AKTIF, oleh=oleh)).run()
        aset_id = rows[0]["id"]
        await log_change(request, "buat", "aset.barang", aset_id, {**_audit(nilai), "nomor_register": nomor})
    return aset_id


async def _sebelum_mutasi(aset_id: int, nilai: dict, galat: dict) -> None:
    """An acquisition moved after a mutation already recorded would make the history run backwards (and the
    books count the asset as new in a year that has earlier mutations): refused, beside the field typed."""
    tetap = berlaku(await semua_mutasi(aset_id))
    if not tetap or {"tahun_perolehan", "tanggal_perolehan"} & galat.keys():
        return
    pertama = min(m["tanggal"] for m in tetap)
    perolehan = nilai["tanggal_perolehan"] or date(nilai["tahun_perolehan"], 1, 1)
    if perolehan > pertama:
        kunci = "tanggal_perolehan" if nilai["tanggal_perolehan"] else "tahun_perolehan"
        galat[kunci] = (f"Perolehan tidak boleh setelah mutasi yang sudah tercatat "
                        f"({tanggal_panjang(pertama)}); periksa tahun dan tanggalnya.")


async def ubah(request, aset_id: int, isian: Mapping[str, Any], *, hari_ini: date) -> dict[str, list]:
    """Correct an owned asset's fields (its condition and status change only by mutation). Returns what changed,
    field -> [old, new] ("nomor_register" too when a new code gave it a new number); raises AsetError."""
    lama = await Aset.select().where(Aset.id == aset_id).first().run()
    if lama is None:
        raise AsetError("Aset itu tidak ditemukan.")
    if lama["status"] != AKTIF:
        raise AsetError(await pesan_berakhir(lama, "datanya tidak bisa diubah lagi"))
    nilai, galat = periksa_aset(isian, hari_ini=hari_ini, jorong_ada=set(await jorong_nagari()),
                                kondisi=lama["kondisi"], sebutan_dusun=sebutan(request)["dusun"])
    if nilai["anggaran_kegiatan"] and (nilai["anggaran_tahun"], nilai["anggaran_kegiatan"]) != (
            lama["anggaran_tahun"], lama["anggaran_kegiatan"]):
        await _periksa_anggaran(request, nilai, galat)  # a link kept as it was stays, even if keuangan went away
    await _sebelum_mutasi(aset_id, nilai, galat)
    if galat:
        raise AsetError(galat)
    berubah = {k: [lama[k], nilai[k]] for k in KOLOM if lama[k] != nilai[k]}
    if not berubah:
        return {}
    async with write_transaction():
        isi = {getattr(Aset, k): nilai[k] for k in berubah}
        if "kode_barang" in berubah:  # a new code numbers the asset in its own series; the old number stays taken
            nomor = await _nomor_berikut(nilai["kode_barang"])
            isi[Aset.nomor_register] = nomor
            berubah["nomor_register"] = [lama["nomor_register"], nomor]
        isi[Aset.diubah] = datetime.now(timezone.utc)
        diubah = await Aset.update(isi).where((Aset.id == aset_id) & (Aset.status == AKTIF)).returning(
            Aset.id).run()
        if not diubah:  # ended by another clerk between the check above and this write
            raise AsetError(await pesan_berakhir(lama, "datanya tidak bisa diubah lagi"))
        await log_change(request, "ubah", "aset.barang", aset_id,
                         {k: [_json(a), _json(b)] for k, (a, b) in berubah.items()})
    return berubah


# --- reading ----------------------------------------------------------------------------------------------------

def _label(row: dict) -> dict:
    """The row with the names of its codes, for pages and books."""
    return {**row, "golongan_nama": GOLONGAN.get(row["golongan"], row["golongan"]),
            "kode_nama": nama_kode(row["kode_barang"]), "asal_nama": ASAL.get(row["asal"], row["asal"]),
            "kondisi_nama": KONDISI.get(row["kondisi"], row["kondisi"]),
            "status_nama": STATUS.get(row["status"], row["status"]),
            "jenis_tanah_nama": JENIS_TANAH.get(row["jenis_tanah"], row["jenis_tanah"]),
            "anggaran": f"{row['anggaran_tahun']}|{row['anggaran_kegiatan']}" if row["anggaran_kegiatan"] else ""}


async def baca(aset_id: int) -> dict | None:
    """One asset with the names of its codes (golongan_nama, asal_nama, kondisi_nama, status_nama, ...), or None."""
    row = await Aset.select().where(Aset.id == aset_id).first().run()
    return _label(row) if row else None


async def riwayat(aset_id: int) -> list[dict]:
    """The asset's history: its registration first, then every mutation row by date, cancellations included. Each
    entry: jenis ("pendaftaran" or a NAMA_MUTASI key), jenis_nama, tanggal (None for a registration without a date),
    uraian (a sentence), dibatalkan (a cancellation names it), terakhir (the latest standing mutation: the one that
    can be cancelled), and the mutation's own fields (kondisi_lama, kondisi_baru, nilai, pihak, dokumen, keterangan,
    oleh, dicatat)."""
    aset = await Aset.select().where(Aset.id == aset_id).first().run()
    if aset is None:
        return []
    mutasi = await semua_mutasi(aset_id)
    tetap = berlaku(mutasi)
    per_id = {m["id"]: m for m in mutasi}
    batal = {m["membatalkan"]: m for m in mutasi if m["jenis"] == PEMBATALAN}
    awal = kondisi_awal(aset, mutasi)
    asal = ASAL.get(aset["asal"], aset["asal"])
    daftar_ = [{"jenis": "pendaftaran", "jenis_nama": "Pendaftaran", "tanggal": aset["tanggal_perolehan"],
                "tahun": aset["tahun_perolehan"], "kondisi_lama": "", "kondisi_baru": awal, "nilai": aset["nilai"],
                "pihak": "", "dokumen": "", "keterangan": aset["keterangan"], "oleh": aset["oleh"],
                "dicatat": aset["dibuat"], "id": None, "dibatalkan": None, "terakhir": False,
                "uraian": f"Diperoleh tahun {aset['tahun_perolehan']} dari {asal}, senilai {rupiah(aset['nilai'])}, "
                          f"kondisi {KONDISI.get(awal, awal).lower()}"}]
    for m in mutasi:
        daftar_.append({**{k: m[k] for k in ("jenis", "tanggal", "kondisi_lama", "kondisi_baru", "nilai", "pihak",
                                               "dokumen", "keterangan", "oleh", "dicatat")},
                        "id": m["id"], "tahun": m["tanggal"].year,
                        "jenis_nama": NAMA_MUTASI.get(m["jenis"], m["jenis"]),
                        "dibatalkan": batal.get(m["id"]), "terakhir": bool(tetap) and m["id"] == tetap[-1]["id"],
                        "uraian": uraian_mutasi(m, tanggal=False, dibatalkan=per_id.get(m["membatalkan"]))})
    return daftar_


async def daftar(*, golongan: str | None = None, status: str | None = None, jorong: int | None = None,
                 cari: str = "", mulai: int = 0, batas: int = 50) -> tuple[list[dict], int]:
    """Assets by class, code and register number, filtered; and how many match. `cari` finds every word in the
    name, code, location or note."""
    syarat = []
    if golongan in GOLONGAN:
        syarat.append(Aset.golongan == golongan)
    if status in STATUS:
        syarat.append(Aset.status == status)
    if jorong is not None:
        syarat.append(Aset.jorong == jorong)
    from piccolo.engine import engine_finder

    # ILIKE on PostgreSQL; SQLite's LIKE already ignores ASCII case (and Piccolo warns on each ILIKE there)
    mirip = "ilike" if engine_finder().engine_type == "postgres" else "like"
    for kata in (cari or "").split()[:8]:
        kata = kata.replace("\\", "").replace("%", "").replace("_", "")
        if kata:
            pola = f"%{kata}%"
            kolom = (Aset.nama, Aset.kode_barang, Aset.lokasi, Aset.keterangan)
            syarat.append(getattr(kolom[0], mirip)(pola) | getattr(kolom[1], mirip)(pola)
                          | getattr(kolom[2], mirip)(pola) | getattr(kolom[3], mirip)(pola))
    kueri = Aset.select().where(*syarat) if syarat else Aset.select()
    hitung = Aset.count().where(*syarat) if syarat else Aset.count()
    rows = await kueri.order_by(Aset.golongan).order_by(Aset.kode_barang).order_by(Aset.nomor_register).offset(
        max(mulai, 0)).limit(max(batas, 1)).run()
    return [_label(r) for r in rows], await hitung.run()

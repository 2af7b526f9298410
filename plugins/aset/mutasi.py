"""Mutations of an asset: a change of condition, a sale, a transfer, a write-off, each kept as a row of history;
and the cancellation (`pembatalan`) of the latest one when it was recorded by mistake.

The asset row only carries the condition and status the mutations led to; it is updated in the same transaction
as the mutation is written, with a conditional UPDATE (... WHERE status = 'aktif'), so when two clerks sell the
same asset at the same moment the second one is refused instead of selling it twice.

A cancellation deletes nothing: it is a row of its own naming the mutation it cancels, and both stay in the
history. `berlaku()` is the one reading of that history: a cancelled mutation and its cancellation are read as if
neither had happened, by the asset page, the totals (rekap.py, in SQL) and the books A.3 and A.5.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Iterable, Mapping

from plugin_sdk import log_change, write_transaction

from plugins.aset.kib import AKTIF, KONDISI, MUTASI, MUTASI_AKHIR, NAMA_MUTASI, PEMBATALAN, PERUBAHAN_KONDISI
from plugins.aset.periksa import AsetError, baca_tanggal, pengguna
from plugins.aset.tables import Aset, MutasiAset
from plugins.aset.teks import AngkaError, baca_rupiah, rupiah, tanggal_panjang, tanggal_pendek

__all__ = ["berlaku", "semua_mutasi", "kondisi_awal", "keadaan", "uraian_mutasi",
           "pesan_berakhir", "periksa_mutasi", "uji_mutasi", "catat_mutasi", "rencana_pembatalan", "batalkan_mutasi"]

# how a sentence says an asset ended: "Aset ini sudah dijual pada ..."
KATA_AKHIR = {"dijual": "dijual", "dipindahtangankan": "dipindahtangankan", "dihapus": "dihapuskan"}
PIHAK_WAJIB = {"penjualan": "Isi nama pembeli.", "pemindahtanganan": "Isi nama penerima aset."}
PANJANG_ALASAN = 300


# --- reading the history ------------------------------------------------------------------------------------------

def berlaku(mutasi: Iterable[Mapping[str, Any]]) -> list:
    """The mutations that stand, in the order given: every row but the cancellations and the mutations they cancel.
    Give it all of an asset's rows (cancellations included); the books call it on the rows they read."""
    rows = list(mutasi)
    batal = {m["membatalkan"] for m in rows if m["jenis"] == PEMBATALAN}
    return [m for m in rows if m["jenis"] != PEMBATALAN and m["id"] not in batal]


async def semua_mutasi(aset_id: int) -> list[dict]:
    """Every mutation row of the asset, cancellations included, in the history's order (date, then entry)."""
    return await MutasiAset.select().where(MutasiAset.aset == aset_id).order_by(MutasiAset.tanggal).order_by(
        MutasiAset.id).run()


def kondisi_awal(aset: Mapping[str, Any], mutasi: Iterable[Mapping[str, Any]]) -> str:
    """The condition the asset was registered with: the old condition of its first recorded mutation (a correction
    never changes the condition), else its current one."""
    pertama = min((m for m in mutasi if m["jenis"] != PEMBATALAN), key=lambda m: m["id"], default=None)
    return pertama["kondisi_lama"] if pertama and pertama["kondisi_lama"] else aset["kondisi"]


def keadaan(aset: Mapping[str, Any], mutasi: list) -> tuple[str, str]:
    """(condition, status) the standing mutations lead to, from the condition at registration."""
    kondisi, status = kondisi_awal(aset, mutasi), AKTIF
    for m in berlaku(mutasi):
        kondisi = m["kondisi_baru"] or kondisi
        status = MUTASI_AKHIR.get(m["jenis"], status)
    return kondisi, status


async def _akhir(aset_id: int) -> dict | None:
    """The standing mutation that ended the asset, if any."""
    akhir = [m for m in berlaku(await semua_mutasi(aset_id)) if m["jenis"] in MUTASI_AKHIR]
    return akhir[-1] if akhir else None


async def pesan_berakhir(aset: dict, akibat: str = "riwayatnya tidak bisa ditambah") -> str:
    """"Aset ini sudah dijual pada 3 Maret 2026; riwayatnya tidak bisa ditambah." for an asset no longer owned."""
    akhir = await _akhir(aset["id"])
    kata = KATA_AKHIR.get(aset["status"], "tidak dimiliki lagi")
    pada = f" pada {tanggal_panjang(akhir['tanggal'])}" if akhir else ""
    return f"Aset ini sudah {kata}{pada}; {akibat}."


def uraian_mutasi(m: Mapping[str, Any], *, tanggal: bool = True, dibatalkan: Mapping[str, Any] | None = None) -> str:
    """A mutation as one sentence: "3 Mar 2026: dijual kepada Pak Datuak seharga Rp 12.500.000 (BA 4/2026)".
    A cancellation names the mutation it cancels when `dibatalkan` (that row) is given."""
    jenis = m["jenis"]
    if jenis == PERUBAHAN_KONDISI:
        teks = (f"kondisi {KONDISI.get(m['kondisi_lama'], m['kondisi_lama']).lower()} menjadi "
                f"{KONDISI.get(m['kondisi_baru'], m['kondisi_baru']).lower()}")
    elif jenis == "penjualan":
        teks = f"dijual kepada {m['pihak']}" + (f" seharga {rupiah(m['nilai'])}" if m["nilai"] else "")
    elif jenis == "pemindahtanganan":
        teks = f"dipindahtangankan kepada {m['pihak']}" + (f" senilai {rupiah(m['nilai'])}" if m["nilai"] else "")
    elif jenis == PEMBATALAN:
        teks = "membatalkan " + (f"{NAMA_MUTASI.get(dibatalkan['jenis'], 'mutasi').lower()} tanggal "
                                 f"{tanggal_panjang(dibatalkan['tanggal'])}" if dibatalkan else "mutasi")
        teks += f"; alasan: {m['keterangan']}" if m.get("keterangan") else ""
        return f"{tanggal_pendek(m['tanggal'])}: {teks}" if tanggal else teks[:1].upper() + teks[1:]
    else:
        teks = "dihapuskan" + (f" senilai {rupiah(m['nilai'])}" if m["nilai"] else "")
    if m.get("dokumen"):
        teks += f" ({m['dokumen']})"
    if m.get("keterangan"):
        teks += f"; {m['keterangan']}"
    return f"{tanggal_pendek(m['tanggal'])}: {teks}" if tanggal else teks[:1].upper() + teks[1:]


# --- recording a mutation ------------------------------------------------------------------------------------------

def _teks(isian: Mapping[str, Any], kunci: str) -> str:
    nilai = isian.get(kunci)
    return "" if nilai is None else " ".join(str(nilai).split())


def periksa_mutasi(isian: Mapping[str, Any], aset: dict, terakhir: date | None, *,
                   hari_ini: date) -> tuple[dict, dict]:
    """(the mutation's column values, problems per field) for an owned asset; `terakhir` is the date of its
    latest standing mutation (history is written in order: nothing may be slipped in before it)."""
    galat: dict[str, str] = {}
    jenis = _teks(isian, "jenis")
    if jenis not in MUTASI:
        galat["jenis"] = "Pilih jenis mutasi."
    teks = _teks(isian, "tanggal")
    tanggal = baca_tanggal(teks)
    perolehan = aset["tanggal_perolehan"] or date(aset["tahun_perolehan"], 1, 1)
    if tanggal is None:
        galat["tanggal"] = "Isi tanggal mutasi dengan benar." if teks else "Tanggal mutasi wajib diisi."
    elif tanggal > hari_ini:
        galat["tanggal"] = f"Tanggal mutasi tidak boleh setelah hari ini ({tanggal_panjang(hari_ini)})."
    elif tanggal < perolehan:
        galat["tanggal"] = f"Tanggal mutasi tidak boleh sebelum aset diperoleh ({tanggal_panjang(perolehan)})."
    elif terakhir is not None and tanggal < terakhir:
        galat["tanggal"] = f"Tanggal mutasi tidak boleh sebelum mutasi terakhir ({tanggal_panjang(terakhir)})."
    kondisi_baru = aset["kondisi"]
    if jenis == PERUBAHAN_KONDISI:
        kondisi_baru = _teks(isian, "kondisi_baru")
        if kondisi_baru not in KONDISI:
            galat["kondisi_baru"] = "Pilih kondisi baru aset."
        elif kondisi_baru == aset["kondisi"]:
            galat["kondisi_baru"] = f"Kondisi aset ini sudah {KONDISI[kondisi_baru].lower()}; pilih kondisi lain."
    nilai = 0
    try:
        nilai = baca_rupiah(_teks(isian, "nilai"))
    except AngkaError as exc:
        galat["nilai"] = str(exc)
    pihak, dokumen, keterangan = _teks(isian, "pihak"), _teks(isian, "dokumen"), _teks(isian, "keterangan")
    if jenis in PIHAK_WAJIB and not pihak:
        galat["pihak"] = PIHAK_WAJIB[jenis]
    for kunci, isi, panjang in (("pihak", pihak, 200), ("dokumen", dokumen, 120), ("keterangan", keterangan, 300)):
        if len(isi) > panjang:
            galat[kunci] = f"Paling panjang {panjang} huruf."
    return {"jenis": jenis, "tanggal": tanggal, "kondisi_lama": aset["kondisi"], "kondisi_baru": kondisi_baru,
            "nilai": nilai, "pihak": pihak, "dokumen": dokumen, "keterangan": keterangan}, galat


async def _periksa_untuk(aset_id: int, isian: Mapping[str, Any], hari_ini: date) -> tuple[dict, dict]:
    """(the asset row, the mutation's values) of a form that may be recorded; raises AsetError otherwise."""
    aset = await Aset.select().where(Aset.id == aset_id).first().run()
    if aset is None:
        raise AsetError("Aset itu tidak ditemukan.")
    if aset["status"] != AKTIF:
        raise AsetError(await pesan_berakhir(aset))
    tetap = berlaku(await semua_mutasi(aset_id))
    nilai, galat = periksa_mutasi(isian, aset, tetap[-1]["tanggal"] if tetap else None, hari_ini=hari_ini)
    if galat:
        raise AsetError(galat)
    return aset, nilai


async def uji_mutasi(aset_id: int, isian: Mapping[str, Any], *, hari_ini: date) -> dict:
    """The mutation as it would be recorded, checked but not written (the confirmation screen shows it); raises
    AsetError exactly as `catat_mutasi` would."""
    return (await _periksa_untuk(aset_id, isian, hari_ini))[1]


async def catat_mutasi(request, aset_id: int, isian: Mapping[str, Any], *, hari_ini: date) -> int:
    """Record a mutation of an owned asset and update its condition or status; returns the mutation's id.
    Raises AsetError (nothing saved) for an asset no longer owned or a form with mistakes."""
    async with write_transaction():
        aset, nilai = await _periksa_untuk(aset_id, isian, hari_ini)
        status = MUTASI_AKHIR.get(nilai["jenis"], AKTIF)
        diubah = await Aset.update({Aset.kondisi: nilai["kondisi_baru"], Aset.status: status,
                                    Aset.diubah: datetime.now(timezone.utc)}).where(
            (Aset.id == aset_id) & (Aset.status == AKTIF)).returning(Aset.id).run()
        if not diubah:  # only a writer outside write_transaction could get here; refuse rather than write twice
            raise AsetError("Aset ini baru saja diubah petugas lain; muat ulang halamannya.")
        rows = await MutasiAset.insert(MutasiAset(aset=aset_id, **nilai, oleh=await pengguna(request))).run()
        mutasi_id = rows[0]["id"]
        await log_change(request, "mutasi", "aset.barang", aset_id,
                         {"mutasi": mutasi_id, "jenis": nilai["jenis"], "tanggal": nilai["tanggal"].isoformat(),
                          "kondisi": [aset["kondisi"], nilai["kondisi_baru"]], "status": [aset["status"], status],
                          "nilai": nilai["nilai"], "pihak": nilai["pihak"], "dokumen": nilai["dokumen"],
                          "keterangan": nilai["keterangan"]})
    return mutasi_id


# --- cancelling the latest mutation -------------------------------------------------------------------------------

def _sesudah_batal(aset: Mapping[str, Any], semua: list) -> dict | None:
    """{"mutasi": the latest standing mutation, "kondisi", "status": what the asset returns to without it}, or None
    when no mutation stands."""
    tetap = berlaku(semua)
    if not tetap:
        return None
    kondisi, status = keadaan(aset, [*semua, {"id": 0, "jenis": PEMBATALAN, "membatalkan": tetap[-1]["id"]}])
    return {"mutasi": tetap[-1], "kondisi": kondisi, "status": status}


async def rencana_pembatalan(aset: Mapping[str, Any]) -> dict | None:
    """What cancelling the asset's latest mutation now would do (see `_sesudah_batal`), for the page that asks."""
    return _sesudah_batal(aset, await semua_mutasi(aset["id"]))


def _alasan(isian: Mapping[str, Any]) -> tuple[str, dict]:
    alasan = _teks(isian, "alasan")
    if not alasan:
        return alasan, {"alasan": "Tulis alasan pembatalannya, misalnya \u201csalah pilih aset\u201d."}
    if len(alasan) > PANJANG_ALASAN:
        return alasan, {"alasan": f"Paling panjang {PANJANG_ALASAN} huruf."}
    return alasan, {}


async def batalkan_mutasi(request, aset_id: int, mutasi_id: int, isian: Mapping[str, Any], *,
                          hari_ini: date) -> int:
    """Cancel the asset's latest standing mutation, `mutasi_id` (the one the clerk saw): a `pembatalan` row that
    names it and gives the reason (`isian["alasan"]`, required), dated `hari_ini`. The asset's condition and status
    are recomputed from the mutations that still stand, so a sale recorded by mistake gives the asset back. Returns
    the cancellation's id; raises AsetError, saving nothing."""
    alasan, galat = _alasan(isian)
    async with write_transaction():
        aset = await Aset.select().where(Aset.id == aset_id).first().run()
        if aset is None:
            raise AsetError("Aset itu tidak ditemukan.")
        rencana = _sesudah_batal(aset, await semua_mutasi(aset_id))
        if rencana is None:
            raise AsetError("Aset ini belum punya mutasi yang bisa dibatalkan.")
        batal, kondisi, status = rencana["mutasi"], rencana["kondisi"], rencana["status"]
        if batal["id"] != mutasi_id:
            raise AsetError("Hanya mutasi terakhir yang bisa dibatalkan, dan mutasi itu bukan yang terakhir lagi; "
                            "periksa riwayat aset ini.")
        if galat:
            raise AsetError(galat)
        diubah = await Aset.update({Aset.kondisi: kondisi, Aset.status: status,
                                    Aset.diubah: datetime.now(timezone.utc)}).where(
            (Aset.id == aset_id) & (Aset.status == aset["status"]) & (Aset.kondisi == aset["kondisi"])).returning(
            Aset.id).run()
        if not diubah:
            raise AsetError("Aset ini baru saja diubah petugas lain; muat ulang halamannya.")
        rows = await MutasiAset.insert(MutasiAset(
            aset=aset_id, jenis=PEMBATALAN, tanggal=hari_ini, kondisi_lama=aset["kondisi"], kondisi_baru=kondisi,
            keterangan=alasan, membatalkan=batal["id"], oleh=await pengguna(request))).run()
        pembatalan_id = rows[0]["id"]
        await log_change(request, "batal_mutasi", "aset.barang", aset_id,
                         {"pembatalan": pembatalan_id, "mutasi": batal["id"], "jenis": batal["jenis"],
                          "tanggal": batal["tanggal"].isoformat(), "alasan": alasan,
                          "kondisi": [aset["kondisi"], kondisi], "status": [aset["status"], status]})
    return pembatalan_id

"""Mutations of an asset: a change of condition, a sale, a transfer, a write-off, each kept as a row of history.

The asset row only carries the condition and status the mutations led to; it is updated in the same transaction
as the mutation is written, with a conditional UPDATE (... WHERE status = 'aktif'), so when two clerks sell the
same asset at the same moment the second one is refused instead of selling it twice.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Mapping

from plugin_sdk import log_change, write_transaction

from plugins.aset.kib import AKTIF, KONDISI, MUTASI, MUTASI_AKHIR, PERUBAHAN_KONDISI
from plugins.aset.periksa import AsetError, baca_tanggal, pengguna
from plugins.aset.tables import Aset, MutasiAset
from plugins.aset.teks import AngkaError, baca_rupiah, rupiah, tanggal_panjang, tanggal_pendek

# how a sentence says an asset ended: "Aset ini sudah dijual pada ..."
KATA_AKHIR = {"dijual": "dijual", "dipindahtangankan": "dipindahtangankan", "dihapus": "dihapuskan"}
PIHAK_WAJIB = {"penjualan": "Isi nama pembeli.", "pemindahtanganan": "Isi nama penerima aset."}


async def _akhir(aset_id: int) -> dict | None:
    """The mutation that ended the asset, if any."""
    return await MutasiAset.select().where((MutasiAset.aset == aset_id) & MutasiAset.jenis.is_in(
        list(MUTASI_AKHIR))).order_by(MutasiAset.tanggal, ascending=False).first().run()


async def pesan_berakhir(aset: dict, akibat: str = "riwayatnya tidak bisa ditambah") -> str:
    """"Aset ini sudah dijual pada 3 Maret 2026; riwayatnya tidak bisa ditambah." for an asset no longer owned."""
    akhir = await _akhir(aset["id"])
    kata = KATA_AKHIR.get(aset["status"], "tidak dimiliki lagi")
    pada = f" pada {tanggal_panjang(akhir['tanggal'])}" if akhir else ""
    return f"Aset ini sudah {kata}{pada}; {akibat}."


def uraian_mutasi(m: Mapping[str, Any], *, tanggal: bool = True) -> str:
    """A mutation as one sentence: "3 Mar 2026: dijual kepada Pak Datuak seharga Rp12.500.000 (BA 4/2026)"."""
    jenis = m["jenis"]
    if jenis == PERUBAHAN_KONDISI:
        teks = (f"kondisi {KONDISI.get(m['kondisi_lama'], m['kondisi_lama']).lower()} menjadi "
                f"{KONDISI.get(m['kondisi_baru'], m['kondisi_baru']).lower()}")
    elif jenis == "penjualan":
        teks = f"dijual kepada {m['pihak']}" + (f" seharga {rupiah(m['nilai'])}" if m["nilai"] else "")
    elif jenis == "pemindahtanganan":
        teks = f"dipindahtangankan kepada {m['pihak']}" + (f" senilai {rupiah(m['nilai'])}" if m["nilai"] else "")
    else:
        teks = "dihapuskan" + (f" senilai {rupiah(m['nilai'])}" if m["nilai"] else "")
    if m.get("dokumen"):
        teks += f" ({m['dokumen']})"
    if m.get("keterangan"):
        teks += f"; {m['keterangan']}"
    return f"{tanggal_pendek(m['tanggal'])}: {teks}" if tanggal else teks[:1].upper() + teks[1:]


def _teks(isian: Mapping[str, Any], kunci: str) -> str:
    nilai = isian.get(kunci)
    return "" if nilai is None else " ".join(str(nilai).split())


def periksa_mutasi(isian: Mapping[str, Any], aset: dict, terakhir: date | None, *,
                   hari_ini: date) -> tuple[dict, dict]:
    """(the mutation's column values, problems per field) for an owned asset; `terakhir` is the date of its
    latest mutation (history is written in order: nothing may be slipped in before it)."""
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


async def catat_mutasi(request, aset_id: int, isian: Mapping[str, Any], *, hari_ini: date) -> int:
    """Record a mutation of an owned asset and update its condition or status; returns the mutation's id.
    Raises AsetError (nothing saved) for an asset no longer owned or a form with mistakes."""
    async with write_transaction():
        aset = await Aset.select().where(Aset.id == aset_id).first().run()
        if aset is None:
            raise AsetError("Aset itu tidak ditemukan.")
        if aset["status"] != AKTIF:
            raise AsetError(await pesan_berakhir(aset))
        terakhir = await MutasiAset.select(MutasiAset.tanggal).where(MutasiAset.aset == aset_id).order_by(
            MutasiAset.tanggal, ascending=False).first().run()
        nilai, galat = periksa_mutasi(isian, aset, terakhir["tanggal"] if terakhir else None, hari_ini=hari_ini)
        if galat:
            raise AsetError(galat)
        status = MUTASI_AKHIR.get(nilai["jenis"], AKTIF)
        diubah = await Aset.update({Aset.kondisi: nilai["kondisi_baru"], Aset.status: status,
                                    Aset.diubah: datetime.now(timezone.utc)}).where(
            (Aset.id == aset_id) & (Aset.status == AKTIF)).returning(Aset.id).run()
        if not diubah:  # only a writer outside write_transaction could get here; refuse rather than write twice
            raise AsetError("Aset ini baru saja diubah petugas lain; muat ulang halamannya.")
        rows = await MutasiAset.insert(MutasiAset(aset=aset_id, **nilai, oleh=pengguna(request))).run()
        mutasi_id = rows[0]["id"]
        await log_change(request, "mutasi", "aset.barang", aset_id,
                         {"mutasi": mutasi_id, "jenis": nilai["jenis"], "tanggal": nilai["tanggal"].isoformat(),
                          "kondisi": [aset["kondisi"], nilai["kondisi_baru"]], "status": [aset["status"], status],
                          "nilai": nilai["nilai"], "pihak": nilai["pihak"], "dokumen": nilai["dokumen"],
                          "keterangan": nilai["keterangan"]})
    return mutasi_id

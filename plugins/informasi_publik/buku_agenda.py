"""Books A.7 Buku Agenda and A.8 Buku Ekspedisi for the `buku_administrasi` plugin (Permendagri 47/2016).

A.7 is the real Agenda (not `sementara`): its own rows are the incoming letters and the outgoing letters typed by
hand; the letters `surat` issued join it through surat's own `Sumbangan("A.7", ...)`, merged by date, so this
book never reads surat's tables. With this plugin disabled, surat's stand-in A.7 shows its letters alone.
"""

from __future__ import annotations

from datetime import date

from plugins.informasi_publik.agenda import mirip
from plugins.informasi_publik.tabel_agenda import Ekspedisi, SuratKeluar, SuratMasuk


def periode(saring) -> tuple[date | None, date | None]:
    """The first and last day of the book filter's year or month (None, None without a period)."""
    if saring.tahun is None:
        return None, None
    if saring.bulan:
        akhir = date(saring.tahun + (saring.bulan == 12), saring.bulan % 12 + 1, 1)
        return date(saring.tahun, saring.bulan, 1), date.fromordinal(akhir.toordinal() - 1)
    return date(saring.tahun, 1, 1), date(saring.tahun, 12, 31)


def _cari(saring) -> str:
    return (saring.cari or "").strip().replace("%", "").replace("_", "")[:100]


def _ket_masuk(r: dict) -> str:
    bagian = [f"Agenda {r['nomor_agenda']}/{r['tahun']}"]
    if r["disposisi_nama"]:
        bagian.append(f"disposisi kepada {r['disposisi_nama']}" + (f": {r['disposisi_isi']}"
                                                                    if r["disposisi_isi"] else ""))
    if r["keterangan"]:
        bagian.append(r["keterangan"])
    return "; ".join(bagian)


async def agenda(saring, *, mulai: int = 0, batas: int | None = None):
    """A.7's own rows: incoming letters by date received and manual outgoing letters by their date."""
    from plugins.buku_administrasi.api import slice_rows

    dari, sampai = periode(saring)
    masuk = SuratMasuk.select().order_by(SuratMasuk.tanggal_terima).order_by(SuratMasuk.nomor_agenda)
    keluar = SuratKeluar.select().order_by(SuratKeluar.tanggal).order_by(SuratKeluar.id)
    if dari is not None:
        masuk = masuk.where(SuratMasuk.tanggal_terima >= dari, SuratMasuk.tanggal_terima <= sampai)
        keluar = keluar.where(SuratKeluar.tanggal >= dari, SuratKeluar.tanggal <= sampai)
    if cari := _cari(saring):
        masuk = masuk.where(mirip(SuratMasuk.nomor_surat, cari) | mirip(SuratMasuk.pengirim, cari)
                            | mirip(SuratMasuk.isi, cari))
        keluar = keluar.where(mirip(SuratKeluar.nomor, cari) | mirip(SuratKeluar.kepada, cari)
                              | mirip(SuratKeluar.isi, cari))
    rows = [{"tanggal": r["tanggal_terima"], "masuk_nomor": r["nomor_surat"], "masuk_tanggal": r["tanggal_surat"],
             "masuk_pengirim": r["pengirim"], "masuk_isi": r["isi"], "keterangan": _ket_masuk(r)}
            for r in await masuk.run()]
    rows += [{"tanggal": r["tanggal"], "keluar_nomor": r["nomor"], "keluar_tanggal": r["tanggal"],
              "keluar_kepada": r["kepada"], "keluar_isi": r["isi"], "keterangan": r["keterangan"] or "Dicatat manual"}
             for r in await keluar.run()]
    rows.sort(key=lambda r: r["tanggal"])
    return slice_rows(rows, mulai, batas)


async def ekspedisi(saring, *, mulai: int = 0, batas: int | None = None):
    """A.8: one row per letter dispatched, by the date it was sent."""
    from plugins.buku_administrasi.api import Hasil

    syarat = []
    dari, sampai = periode(saring)
    if dari is not None:
        syarat += [Ekspedisi.tanggal_kirim >= dari, Ekspedisi.tanggal_kirim <= sampai]
    if cari := _cari(saring):
        syarat.append(mirip(Ekspedisi.nomor_surat, cari) | mirip(Ekspedisi.kepada, cari)
                      | mirip(Ekspedisi.isi, cari))
    syarat = syarat or [Ekspedisi.id > 0]
    jumlah = await Ekspedisi.count().where(*syarat).run()
    query = Ekspedisi.select().where(*syarat).order_by(Ekspedisi.tanggal_kirim).order_by(Ekspedisi.id)
    if batas is not None:
        query = query.limit(batas).offset(mulai)
    rows = [{"tanggal_kirim": r["tanggal_kirim"], "nomor_surat": r["nomor_surat"], "tanggal_surat": r["tanggal_surat"],
             "isi": r["isi"], "kepada": r["kepada"],
             "keterangan": "; ".join(filter(None, [r["cara"], f"diterima oleh {r['penerima']}" if r["penerima"]
                                                   else "", r["keterangan"]]))} for r in await query.run()]
    return Hasil(rows, jumlah)


def books() -> list:
    from plugins.buku_administrasi.api import A7_KOLOM, Buku, Kolom

    a8 = (Kolom("tanggal_kirim", "Tanggal pengiriman", "date"), Kolom("nomor_surat", "Nomor surat"),
          Kolom("tanggal_surat", "Tanggal surat", "date"), Kolom("isi", "Isi singkat surat yang dikirim"),
          Kolom("kepada", "Ditujukan kepada"), Kolom("keterangan", "Keterangan"))
    return [
        Buku("A.7", "Buku Agenda", A7_KOLOM, agenda, saringan=("periode", "cari"), urutan=70, urut="tanggal",
             petunjuk_cari="Cari nomor surat, pengirim, tujuan atau isi",
             keterangan="Surat masuk menurut tanggal diterima dan surat keluar menurut tanggal surat: yang "
                        "diterbitkan layanan surat dan yang dicatat manual."),
        Buku("A.8", "Buku Ekspedisi", a8, ekspedisi, saringan=("periode", "cari"), urutan=80,
             petunjuk_cari="Cari nomor surat, tujuan atau isi",
             keterangan="Pengiriman surat keluar: tanggal, surat, tujuan, cara dan penerimanya."),
    ]

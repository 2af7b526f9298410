"""Writing the APB Desa (plugin `keuangan`, issue 22): versions, lines, pasted tables and realisation. Bad input
gets a message per field or row in Bahasa Indonesia and changes nothing; every change is audited; a change the
public can see moves the public version."""

from __future__ import annotations

from datetime import date

import pytest

from core.audit.tables import AuditEntri
from plugin_sdk import public_version
from plugin_sdk.testing import run_sync
from plugins.keuangan import layanan, layanan_realisasi
from plugins.keuangan.layanan import KeuanganError
from plugins.keuangan.ringkasan import ringkasan, versi_tahun
from plugins.keuangan.tables import Apbdes, BarisAnggaran, Kegiatan, Realisasi
from tests.test_keuangan_ringkasan import JT, TAHUN, apbdes_kecil, cari, permintaan


def gagal(coro) -> KeuanganError:
    with pytest.raises(KeuanganError) as galat:
        run_sync(coro)
    return galat.value


def jumlah_baris(apbdes_id: int) -> int:
    return run_sync(BarisAnggaran.count().where(BarisAnggaran.apbdes == apbdes_id).run())


def audit(jenis: str) -> list[dict]:
    return run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == jenis).order_by(AuditEntri.nomor).run())


@pytest.fixture
def req(balai):
    return permintaan(balai)


@pytest.fixture
def draf(req):
    """A new, empty draft APB Desa."""
    return run_sync(layanan.buat_apbdes(req, TAHUN))


def test_a_year_gets_one_apbdes_and_a_perubahan_only_from_the_version_in_force(balai, req):
    apbdes_id = run_sync(layanan.buat_apbdes(req, TAHUN))
    assert "sudah ada" in gagal(layanan.buat_apbdes(req, TAHUN)).pesan
    assert "antara 2000 dan 2100" in gagal(layanan.buat_apbdes(req, 1999)).pesan
    assert "Belum ada APB Desa" in gagal(layanan.buat_perubahan(req, TAHUN + 1)).pesan   # nothing to change
    assert "Masih ada rancangan" in gagal(layanan.buat_perubahan(req, TAHUN)).pesan      # not in force yet
    assert "belum berisi baris" in gagal(layanan.tetapkan(req, apbdes_id, berlaku_sejak=date(TAHUN, 1, 2))).pesan
    run_sync(layanan.simpan_baris(req, apbdes_id, {"akun": "4.2.1.01", "uraian": "Dana Desa", "anggaran": "1.000"}))
    e = gagal(layanan.tetapkan(req, apbdes_id, berlaku_sejak=date(TAHUN + 3, 1, 1)))
    assert "berlaku_sejak" in e.galat and f"31 Desember {TAHUN + 1}" in e.galat["berlaku_sejak"]
    assert gagal(layanan.tetapkan(req, apbdes_id, berlaku_sejak="bukan tanggal")).galat["berlaku_sejak"]
    assert run_sync(Apbdes.select(Apbdes.status).where(Apbdes.id == apbdes_id).first().run())["status"] == "draf"
    sebelum = run_sync(public_version())
    run_sync(layanan.tetapkan(req, apbdes_id, berlaku_sejak=f"{TAHUN}-01-02", nomor_perdes="1 Tahun X"))
    assert run_sync(public_version()) > sebelum
    assert "Hanya rancangan" in gagal(layanan.tetapkan(req, apbdes_id, berlaku_sejak=date(TAHUN, 1, 2))).pesan
    assert "Hanya rancangan" in gagal(layanan.hapus_apbdes(req, apbdes_id)).pesan

    kedua = run_sync(layanan.buat_perubahan(req, TAHUN))
    assert "Masih ada rancangan" in gagal(layanan.buat_perubahan(req, TAHUN)).pesan
    assert jumlah_baris(kedua) == 1
    e = gagal(layanan.tetapkan(req, kedua, berlaku_sejak=date(TAHUN, 1, 1)))  # before the version it replaces
    assert "tidak boleh sebelum 02-01" in e.galat["berlaku_sejak"]
    run_sync(layanan.tetapkan(req, kedua, berlaku_sejak=date(TAHUN, 8, 1)))
    ketiga = run_sync(layanan.buat_perubahan(req, TAHUN))
    versi = run_sync(versi_tahun(TAHUN))
    assert [(v["versi"], v["status"], v["nama"]) for v in versi] == [
        (1, "diganti", f"APB Desa {TAHUN}"), (2, "berlaku", f"APB Desa Perubahan {TAHUN}"),
        (3, "draf", f"APB Desa Perubahan II {TAHUN}")]
    assert "sudah diganti" in gagal(layanan.simpan_baris(req, apbdes_id, {"akun": "4.2.3", "anggaran": "1"})).pesan
    run_sync(layanan.hapus_apbdes(req, ketiga))
    assert jumlah_baris(ketiga) == 0 and [v["versi"] for v in run_sync(versi_tahun(TAHUN))] == [1, 2]
    assert [a["aksi"] for a in audit("keuangan.apbdes")] == ["buat", "tetapkan", "buat", "tetapkan", "buat", "hapus"]


BARIS_SALAH = [  # a line as typed, the field blamed, what the operator reads
    ({"akun": "4.2.1.01", "anggaran": "-5.000"}, "anggaran", "Jumlah tidak boleh negatif."),
    ({"akun": "4.2.1.01", "anggaran": "lima juta"}, "anggaran", "hanya boleh berisi angka"),
    ({"akun": "4.2.1.01", "anggaran": ""}, "anggaran", "wajib diisi"),
    ({"akun": "4.2.1.01", "anggaran": -5}, "anggaran", "tidak boleh negatif"),
    ({"akun": "4.9.1.01", "anggaran": "1.000"}, "akun", "tidak ada dalam daftar rekening"),
    ({"akun": "1.1.1", "anggaran": "1.000"}, "akun", "bukan rekening APB Desa"),
    ({"akun": "5.2.1.01", "anggaran": "1.000"}, "kegiatan", "Belanja harus di bawah sebuah kegiatan"),
    ({"akun": "5.2.1.01", "kegiatan": "09.01.01", "anggaran": "1"}, "kegiatan", "Bidang 09 tidak ada"),
    ({"akun": "4.2.1.01", "kegiatan": "01.01.01", "anggaran": "1"}, "kegiatan", "tidak memakai kegiatan"),
    ({"akun": "5.2.1.01", "kegiatan": "02.03.07", "anggaran": "1"}, "kegiatan_nama", "belum ada"),
    ({"akun": "4.2.1.01", "anggaran": "1", "uraian": "x" * 251}, "uraian", "paling panjang 250"),
]


def test_a_bad_line_is_refused_per_field_and_nothing_is_saved(req, draf):
    for data, kunci, pesan in BARIS_SALAH:
        e = gagal(layanan.simpan_baris(req, draf, data))
        assert pesan in e.galat.get(kunci, ""), (data, e.galat)
    assert jumlah_baris(draf) == 0 and audit("keuangan.baris") == []
    assert run_sync(Kegiatan.count().where(Kegiatan.apbdes == draf).run()) == 0


def test_lines_are_read_the_way_operators_type_them_and_corrected_in_force(balai, req, draf):
    baris_id = run_sync(layanan.simpan_baris(req, draf, {
        "kegiatan": "02.03.01.", "kegiatan_nama": "Pembangunan jalan", "akun": "5.3.5.01.", "uraian": " Rabat  beton ",
        "anggaran": "Rp 1.250.000,50", "sumber_dana": "dds"}))
    baris = run_sync(BarisAnggaran.select().where(BarisAnggaran.id == baris_id).first().run())
    assert (baris["kegiatan"], baris["akun"], baris["uraian"], baris["anggaran"], baris["sumber_dana"]) == (
        "02.03.01", "5.3.5.01", "Rabat beton", 125_000_050, "DDS")
    assert run_sync(Kegiatan.select(Kegiatan.nama).where(Kegiatan.apbdes == draf).run()) == [
        {"nama": "Pembangunan jalan"}]
    e = gagal(layanan.simpan_baris(req, draf, {"kegiatan": "02.03.01", "akun": "5.3.5.01", "anggaran": "5"}))
    assert "sudah ada" in e.galat["akun"]
    run_sync(layanan.tetapkan(req, draf, berlaku_sejak=date(TAHUN, 1, 2)))
    sebelum = run_sync(public_version())
    run_sync(layanan.simpan_baris(req, draf, {"kegiatan": "02.03.01", "akun": "5.3.5.01", "uraian": "Rabat beton",
                                              "anggaran": 200 * JT}, baris_id=baris_id))
    assert run_sync(public_version()) > sebelum             # the public sees the corrected figure
    assert run_sync(ringkasan(TAHUN)).belanja.anggaran == 200 * JT
    koreksi = audit("keuangan.baris")[-1]
    assert koreksi["aksi"] == "ubah" and "koreksi_versi_berlaku" in koreksi["rincian"]
    assert "125000050" in koreksi["rincian"] and "20000000000" in koreksi["rincian"]
    run_sync(layanan.simpan_kegiatan(req, draf, "02.03.01", "Pembangunan jalan jorong"))
    assert cari(run_sync(ringkasan(TAHUN)).belanja, "02.03.01").nama == "Pembangunan jalan jorong"
    assert "wajib diisi" in gagal(layanan.simpan_kegiatan(req, draf, "02.03.01", " ")).galat["nama"]


def test_a_pasted_table_is_saved_whole_or_not_at_all_with_a_message_per_row(req, draf):
    tabel = [
        {"kegiatan": "", "akun": "4.2.1.01", "uraian": "Dana Desa", "anggaran": "800.000.000"},
        {"kegiatan": "", "akun": "4.2.3.01", "uraian": "ADD", "anggaran": "4OO.000"},            # letter O
        {"kegiatan": "", "akun": "5.2.1.01", "uraian": "ATK", "anggaran": "1.000.000"},          # no kegiatan
        {"kegiatan": "01.01.01", "kegiatan_nama": "Operasional kantor", "akun": "5.2.1.01", "uraian": "ATK",
         "anggaran": "1.000.000"},
        {"kegiatan": "", "akun": "4.2.1.01", "uraian": "Dana Desa lagi", "anggaran": "1"},         # same pos as row 1
        {"kegiatan": "", "akun": "9.9.9", "uraian": "?", "anggaran": "-1"},
    ]
    e = gagal(layanan.simpan_banyak(req, draf, tabel))
    assert set(e.galat) == {"baris 2", "baris 3", "baris 5", "baris 6"}
    assert "hanya boleh berisi angka" in e.galat["baris 2"]
    assert "Belanja harus di bawah sebuah kegiatan" in e.galat["baris 3"]
    assert "sudah ada di baris 1" in e.galat["baris 5"]
    assert "bukan rekening APB Desa" in e.galat["baris 6"] and "negatif" in e.galat["baris 6"]
    assert jumlah_baris(draf) == 0 and run_sync(Kegiatan.count().where(Kegiatan.apbdes == draf).run()) == 0
    assert run_sync(layanan.periksa_banyak(draf, tabel)) == e.galat   # the preview says exactly the same
    assert "Tidak ada baris" in gagal(layanan.simpan_banyak(req, draf, [])).pesan

    baik = [tabel[0], {**tabel[1], "anggaran": "400.000.000"}, tabel[3]]
    assert run_sync(layanan.periksa_banyak(draf, baik)) == {} and jumlah_baris(draf) == 0
    assert run_sync(layanan.simpan_banyak(req, draf, baik)) == 3
    # pasting again replaces the lines of the same pos instead of adding to them
    assert run_sync(layanan.simpan_banyak(req, draf, [{**tabel[0], "anggaran": "900.000.000"}])) == 1
    r = run_sync(ringkasan(TAHUN, apbdes_id=draf))
    assert jumlah_baris(draf) == 3 and r.pendapatan.anggaran == 1_300 * JT and r.belanja.anggaran == JT
    assert cari(r.belanja, "01.01.01").nama == "Operasional kantor"
    assert [a["aksi"] for a in audit("keuangan.baris")] == ["simpan_banyak", "simpan_banyak"]


def test_a_line_with_realisation_cannot_be_deleted_or_moved_only_set_to_zero(balai, req):
    apbdes_id = apbdes_kecil(balai)
    r = run_sync(ringkasan(TAHUN))
    jalan = cari(r.belanja, "02.03.01/5.3.5.01")
    e = gagal(layanan.hapus_baris(req, jalan.baris_id))
    assert "sudah ada realisasinya; ubah anggarannya menjadi 0 bila perlu." in e.pesan
    e = gagal(layanan.simpan_baris(req, apbdes_id, {"kegiatan": "02.03.01", "akun": "5.3.6.01", "anggaran": "1"},
                                   baris_id=jalan.baris_id))
    assert "sudah ada realisasinya" in e.galat["akun"]
    run_sync(layanan.simpan_baris(req, apbdes_id, {"kegiatan": "02.03.01", "akun": "5.3.5.01", "anggaran": "0"},
                                  baris_id=jalan.baris_id))
    assert cari(run_sync(ringkasan(TAHUN)).belanja, "02.03.01/5.3.5.01").anggaran == 0
    honor = cari(r.belanja, "02.03.01/5.2.2.01")            # no realisation: may go
    run_sync(layanan.hapus_baris(req, honor.baris_id))
    r = run_sync(ringkasan(TAHUN))
    assert cari(r.belanja, "02.03.01/5.2.2.01") is None and r.belanja.anggaran == 350 * JT
    assert audit("keuangan.baris")[-1]["aksi"] == "hapus"


def test_realisation_is_checked_against_the_budget_and_the_calendar(balai, req, monkeypatch):
    assert "Belum ada APB Desa" in gagal(layanan.catat_realisasi(
        req, TAHUN, {"akun": "4.2.1.01", "tanggal": date(TAHUN, 2, 1), "jumlah": "5"})).pesan
    apbdes_kecil(balai)
    sah = {"kegiatan": "01.01.01", "akun": "5.1.1.01", "tanggal": date(TAHUN, 2, 1), "jumlah": "1.000.000"}
    for salah, kunci, pesan in [
        ({"akun": "5.1.3.01"}, "akun", "Tidak ada baris anggaran untuk kegiatan 01.01.01 rekening 5.1.3.01"),
        ({"kegiatan": ""}, "akun", "Tidak ada baris anggaran"),
        ({"tanggal": date(TAHUN + 1, 1, 1)}, "tanggal", f"di tahun anggaran {TAHUN}"),
        ({"tanggal": "31-02-2025"}, "tanggal", "Isi tanggal dengan benar"),
        ({"jumlah": "0"}, "jumlah", "lebih dari nol"),
        ({"jumlah": "-1.000"}, "jumlah", "tidak boleh negatif"),
        ({"jumlah": "seribu"}, "jumlah", "hanya boleh berisi angka"),
    ]:
        e = gagal(layanan.catat_realisasi(req, TAHUN, {**sah, **salah}))
        assert pesan in e.galat[kunci], (salah, e.galat)
    monkeypatch.setattr(layanan_realisasi, "_hari_ini", lambda request: date(TAHUN, 6, 30))  # the nagari's today
    e = gagal(layanan.catat_realisasi(req, TAHUN, {**sah, "tanggal": date(TAHUN, 7, 1)}))
    assert "tidak boleh di masa depan" in e.galat["tanggal"]
    sebelum = run_sync(Realisasi.count().run())
    assert sebelum == 7 and run_sync(layanan.lebih_anggaran(TAHUN, "01.01.01", "5.1.1.01")) is None
    assert run_sync(layanan.lebih_anggaran(TAHUN, "02.03.01", "5.3.5.01")) == (700 * JT, 750 * JT)
    # over budget is allowed, and then flagged
    versi, diubah = run_sync(public_version()), run_sync(ringkasan(TAHUN)).apbdes["diubah"]
    rid = run_sync(layanan.catat_realisasi(req, TAHUN, {**sah, "jumlah": "30.000.000", "bukti": "BKU-12"}))
    assert run_sync(public_version()) > versi and run_sync(ringkasan(TAHUN)).apbdes["diubah"] > diubah
    assert run_sync(layanan.lebih_anggaran(TAHUN, "01.01.01", "5.1.1.01")) == (60 * JT, 65 * JT)
    run_sync(layanan.catat_realisasi(req, TAHUN, {**sah, "jumlah": "20.000.000"}, realisasi_id=rid))
    assert run_sync(layanan.lebih_anggaran(TAHUN, "01.01.01", "5.1.1.01")) is None
    run_sync(layanan.hapus_realisasi(req, rid))
    assert run_sync(ringkasan(TAHUN)).belanja.realisasi == 785 * JT
    assert [a["aksi"] for a in audit("keuangan.realisasi")][-3:] == ["buat", "ubah", "hapus"]


def test_imported_realisation_is_replaced_whole_and_importing_again_changes_nothing(balai, req):
    apbdes_kecil(balai)
    impor = [{"kegiatan": "02.03.01", "akun": "5.3.5.01", "tanggal": date(TAHUN, 9, 1), "jumlah": 10 * JT,
              "uraian": "Termin 2", "bukti": "SPP-1"},
             {"kegiatan": "02.03.01", "akun": "5.3.5.01", "tanggal": f"{TAHUN}-09-02", "jumlah": -2 * JT,
              "uraian": "Koreksi", "bukti": "JU-1"}]
    assert run_sync(layanan.ganti_realisasi_impor(req, TAHUN, impor)) == 2
    assert run_sync(ringkasan(TAHUN)).belanja.realisasi == 793 * JT
    tercatat = len(audit("keuangan.realisasi"))
    versi = run_sync(public_version())
    assert run_sync(layanan.ganti_realisasi_impor(req, TAHUN, list(reversed(impor)))) == 2
    assert len(audit("keuangan.realisasi")) == tercatat and run_sync(public_version()) == versi
    assert run_sync(layanan.ganti_realisasi_impor(req, TAHUN, impor[:1])) == 1
    assert run_sync(ringkasan(TAHUN)).belanja.realisasi == 795 * JT     # the hand-entered realisation stays
    hasil_impor = run_sync(Realisasi.select(Realisasi.id).where(Realisasi.sumber == "siskeudes").first().run())
    assert "impor Siskeudes" in gagal(layanan.hapus_realisasi(req, hasil_impor["id"])).pesan
    assert "tidak terbaca" in gagal(layanan.ganti_realisasi_impor(req, TAHUN, [{**impor[0], "jumlah": "10"}])).pesan
    assert run_sync(Realisasi.count().where(Realisasi.sumber == "siskeudes").run()) == 1


def sidik(apbdes_id: int) -> str:
    return run_sync(Apbdes.select(Apbdes.sidik_berkas).where(Apbdes.id == apbdes_id).first().run())["sidik_berkas"]


def test_a_hand_correction_to_an_imported_version_forgets_the_file_it_came_from(balai, req):
    """Re-importing the original file after a correction must not be refused as the same file."""
    apbdes_id = apbdes_kecil(balai)
    jalan = cari(run_sync(ringkasan(TAHUN)).belanja, "02.03.01/5.3.5.01")
    koreksi = [
        lambda: layanan.simpan_baris(req, apbdes_id, {"kegiatan": "02.03.01", "akun": "5.3.5.01",
                                                      "anggaran": "710.000.000"}, baris_id=jalan.baris_id),
        lambda: layanan.simpan_banyak(req, apbdes_id, [{"akun": "4.2.1.01", "uraian": "DD", "anggaran": "1"}]),
        lambda: layanan.simpan_kegiatan(req, apbdes_id, "02.03.01", "Jalan jorong"),
        lambda: layanan.hapus_baris(req, cari(run_sync(ringkasan(TAHUN)).belanja, "02.03.01/5.2.2.01").baris_id),
    ]
    for ubah in koreksi:
        run_sync(Apbdes.update({Apbdes.sidik_berkas: "ab" * 32}).where(Apbdes.id == apbdes_id).run())
        run_sync(ubah())
        assert sidik(apbdes_id) == "", ubah
    # recording realisation does not change the version: an imported file stays recognised
    run_sync(Apbdes.update({Apbdes.sidik_berkas: "ab" * 32}).where(Apbdes.id == apbdes_id).run())
    run_sync(layanan.catat_realisasi(req, TAHUN, {"kegiatan": "02.03.01", "akun": "5.3.5.01",
                                                  "tanggal": date(TAHUN, 9, 9), "jumlah": "1.000"}))
    assert sidik(apbdes_id) == "ab" * 32


def test_a_perubahan_cannot_drop_a_line_whose_pos_has_realisation(balai, req):
    apbdes_kecil(balai)
    perubahan = run_sync(layanan.buat_perubahan(req, TAHUN))
    honor = cari(run_sync(ringkasan(TAHUN, apbdes_id=perubahan)).belanja, "02.03.01/5.2.2.01")
    run_sync(layanan.hapus_baris(req, honor.baris_id))      # no realisation yet: the draft may drop it
    run_sync(layanan.catat_realisasi(req, TAHUN, {"kegiatan": "02.03.01", "akun": "5.2.2.01",
                                                  "tanggal": date(TAHUN, 8, 8), "jumlah": "2.500.000"}))
    e = gagal(layanan.tetapkan(req, perubahan, berlaku_sejak=date(TAHUN, 9, 1)))
    assert "kegiatan 02.03.01 rekening 5.2.2.01" in e.pesan and "kembalikan barisnya (anggaran boleh 0)" in e.pesan
    assert run_sync(Apbdes.select(Apbdes.status).where(Apbdes.id == perubahan).first().run())["status"] == "draf"
    assert run_sync(ringkasan(TAHUN)).apbdes["versi"] == 1
    # what an import asks before a new set of lines replaces the version in force
    semua = {(b["kegiatan"], b["akun"]) for b in run_sync(BarisAnggaran.select().where(
        BarisAnggaran.apbdes == perubahan).run())}
    assert run_sync(layanan.pos_terealisasi_tanpa_baris(TAHUN, semua)) == [("02.03.01", "5.2.2.01", 250_000_000)]
    assert run_sync(layanan.pos_terealisasi_tanpa_baris(TAHUN, semua | {("02.03.01", "5.2.2.01")})) == []
    run_sync(layanan.simpan_baris(req, perubahan, {"kegiatan": "02.03.01", "akun": "5.2.2.01", "anggaran": "0"}))
    run_sync(layanan.tetapkan(req, perubahan, berlaku_sejak=date(TAHUN, 9, 1)))
    honor = cari(run_sync(ringkasan(TAHUN)).belanja, "02.03.01/5.2.2.01")
    assert (honor.anggaran, honor.realisasi, honor.baris_id is not None) == (0, 250_000_000, True)


def test_renamed_activities_and_corrected_lines_are_audited_with_old_and_new_values(balai, req):
    import json
    apbdes_id = apbdes_kecil(balai)
    jalan = cari(run_sync(ringkasan(TAHUN)).belanja, "02.03.01/5.3.5.01")
    run_sync(layanan.simpan_baris(req, apbdes_id, {"kegiatan": "02.03.01", "kegiatan_nama": "Jalan usaha tani",
                                                   "akun": "5.3.5.01", "anggaran": "700.000.000",
                                                   "uraian": "Rabat beton jalan jorong", "sumber_dana": "DDS"},
                                  baris_id=jalan.baris_id))
    ganti = [a for a in audit("keuangan.kegiatan") if a["aksi"] == "ubah"]
    assert [a["objek_id"] for a in ganti] == [f"{apbdes_id}/02.03.01"]
    assert json.loads(ganti[0]["rincian"])["nama"] == ["Pembangunan jalan jorong", "Jalan usaha tani"]

    run_sync(layanan.simpan_banyak(req, apbdes_id, [   # a paste correcting the version in force
        {"kegiatan": "01.01.01", "kegiatan_nama": "Siltap dan tunjangan", "akun": "5.1.1.01",
         "uraian": "Penghasilan tetap wali nagari", "anggaran": "66.000.000", "sumber_dana": "ADD"},
        {"kegiatan": "", "akun": "4.2.1.01", "uraian": "Dana Desa", "anggaran": "800.000.000", "sumber_dana": "DDS"},
        {"kegiatan": "", "akun": "4.3.6.01", "uraian": "Bunga bank", "anggaran": "1.000.000"}]))
    ganti = [a for a in audit("keuangan.kegiatan") if a["aksi"] == "ubah"]
    assert json.loads(ganti[-1]["rincian"])["nama"] == ["Penyediaan penghasilan tetap", "Siltap dan tunjangan"]
    rincian = json.loads(audit("keuangan.baris")[-1]["rincian"])
    assert rincian["koreksi_versi_berlaku"] is True
    assert rincian["diubah"] == {"01.01.01/5.1.1.01": {"anggaran": [60 * JT, 66 * JT], "sumber_dana": ["DDS", "ADD"]}}
    assert rincian["ditambah"] == {"4.3.6.01": JT}           # the unchanged Dana Desa row is not listed

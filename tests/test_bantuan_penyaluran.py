"""Distributions of aid (plugin `bantuan`, issue 25): recorded only for a recipient of an approved list who was not
removed, with the date checked against today and the cycle's period, the amount read as rupiah (the program's
amount by default), who received it named; every refusal records nothing; the cycle's totals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from plugin_sdk.testing import run_sync
from plugins.bantuan import penyaluran, program, siklus
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.tables import PenyaluranBantuan
from tests.test_bantuan_program import audit, galat, isian, pengguna
from tests.test_bantuan_siklus import daftar, tambah, warga
from tests.surat_helpers import demo_nagari

HARI_INI = date.today()
AWAL = HARI_INI - timedelta(days=30)  # the cycle's period started a month ago


@pytest.fixture
def daftar_disetujui(balai):
    """A money program (Rp300.000 per recipient) whose first cycle lists four residents, one of them removed,
    approved by the Wali Nagari; and a second cycle being prepared."""
    demo_nagari(balai, residents=60)
    admin, wali = pengguna(balai), pengguna(balai, "wali", "wali_nagari")
    pid = run_sync(program.simpan_program(admin, isian(sasaran="penduduk", kuota="", mulai=AWAL.isoformat(),
                                                       selesai="")))
    sid = run_sync(siklus.buat_siklus(admin, pid, {"nama": "Tahap 1", "periode_mulai": AWAL.isoformat()},
                                      hari_ini=HARI_INI))
    for p in warga()[:4]:
        tambah(admin, sid, p["nik"], "Keluarga miskin ekstrem")
    entri = daftar(sid)
    run_sync(siklus.keluarkan(admin, entri[3]["id"], "Sudah menerima PKH"))
    run_sync(siklus.ajukan(admin, sid))
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    return {"admin": admin, "wali": wali, "program": pid, "siklus": sid, "entri": entri}


def catat(oleh, peserta_id: int, **lain) -> int:
    isi = {"tanggal": HARI_INI.isoformat(), "jumlah": "", "diterima_oleh": "Yang bersangkutan", **lain}
    return run_sync(penyaluran.catat(oleh, peserta_id, isi, hari_ini=HARI_INI))


def test_a_distribution_is_recorded_with_the_programs_amount_by_default_and_audited(daftar_disetujui):
    admin, entri = daftar_disetujui["admin"], daftar_disetujui["entri"]
    pid = catat(admin, entri[0]["id"], keterangan="Tunai di kantor wali nagari")
    catat(admin, entri[0]["id"], tanggal=(HARI_INI - timedelta(days=10)).isoformat(), jumlah="Rp 150.000,00",
          diterima_oleh="Siti Aminah (istri)")
    rows = run_sync(penyaluran.daftar(entri[0]["id"]))
    assert [(r["tanggal"], r["jumlah"], r["jumlah_rupiah"], r["diterima_oleh"]) for r in rows] == [
        (HARI_INI - timedelta(days=10), 15_000_000, "Rp150.000", "Siti Aminah (istri)"),
        (HARI_INI, 30_000_000, "Rp300.000", "Yang bersangkutan")]  # by date, the default amount filled in
    assert rows[1]["id"] == pid and rows[1]["oleh"] == "admin"
    catatan = audit("catat_penyaluran")
    assert [c["objek_id"] for c in catatan] == [f"peserta:{entri[0]['id']}"] * 2
    assert catatan[0]["rincian"]["jumlah"] == 30_000_000 and catatan[0]["rincian"]["penyaluran"] == pid


def test_bad_input_is_refused_beside_its_field_and_records_nothing(daftar_disetujui):
    admin, entri = daftar_disetujui["admin"], daftar_disetujui["entri"]
    salah = [
        ({"tanggal": ""}, "tanggal", "Isi tanggal"),
        ({"tanggal": "kemarin"}, "tanggal", "tidak dikenali"),
        ({"tanggal": (HARI_INI + timedelta(days=1)).isoformat()}, "tanggal", "setelah hari ini"),
        ({"tanggal": (AWAL - timedelta(days=1)).isoformat()}, "tanggal", "sebelum periode siklus ini dimulai"),
        ({"jumlah": "-300.000"}, "jumlah", "tidak boleh negatif"),
        ({"jumlah": "tiga ratus"}, "jumlah", "Tulis jumlah dalam rupiah"),
        ({"jumlah": "0"}, "jumlah", "Isi jumlah uang"),
        ({"diterima_oleh": "  "}, "diterima_oleh", "Tulis nama orang yang menerima"),
        ({"keterangan": "x" * 301}, "keterangan", "Paling banyak 300"),
    ]
    for lain, kolom, pesan in salah:
        isi = {"tanggal": HARI_INI.isoformat(), "jumlah": "", "diterima_oleh": "Yang bersangkutan", **lain}
        e = galat(penyaluran.catat, admin, entri[1]["id"], isi, hari_ini=HARI_INI)
        assert pesan in e.galat.get(kolom, ""), (lain, e.galat)
    semua = galat(penyaluran.catat, admin, entri[1]["id"], {"tanggal": "", "jumlah": "-1", "diterima_oleh": ""},
                  hari_ini=HARI_INI)
    assert semua.galat.keys() == {"tanggal", "jumlah", "diterima_oleh"}
    assert run_sync(PenyaluranBantuan.count().run()) == 0


def test_only_an_approved_lists_recipient_who_was_not_removed_receives(daftar_disetujui):
    admin, entri = daftar_disetujui["admin"], daftar_disetujui["entri"]
    isi = {"tanggal": HARI_INI.isoformat(), "diterima_oleh": "Yang bersangkutan"}
    assert "dikeluarkan" in str(galat(penyaluran.catat, admin, entri[3]["id"], isi, hari_ini=HARI_INI))
    sid2 = run_sync(siklus.buat_siklus(admin, daftar_disetujui["program"], {
        "nama": "Tahap 2", "periode_mulai": AWAL.isoformat()}, hari_ini=HARI_INI))
    disusun = daftar(sid2)[0]
    assert "sudah disetujui" in str(galat(penyaluran.catat, admin, disusun["id"], isi, hari_ini=HARI_INI))
    assert "tidak berhak" in str(galat(penyaluran.catat, daftar_disetujui["wali"], entri[0]["id"], isi,
                                       hari_ini=HARI_INI))
    assert galat(penyaluran.catat, admin, entri[0]["id"] + 999, isi, hari_ini=HARI_INI).tidak_ada


def test_goods_are_recorded_with_the_programs_goods_by_default(balai):
    demo_nagari(balai, residents=60)
    admin, wali = pengguna(balai), pengguna(balai, "wali", "wali_nagari")
    pid = run_sync(program.simpan_program(admin, isian(sasaran="penduduk", kuota="", bentuk="barang", nilai="",
                                                       barang="Beras 10 kg", mulai=AWAL.isoformat())))
    sid = run_sync(siklus.buat_siklus(admin, pid, {"nama": "Januari", "periode_mulai": AWAL.isoformat()},
                                      hari_ini=HARI_INI))
    eid = tambah(admin, sid, warga()[0]["nik"])
    run_sync(siklus.ajukan(admin, sid))
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    catat(admin, eid)
    catat(admin, eid, barang="Beras 5 kg dan minyak goreng 2 liter")
    assert [(r["barang"], r["jumlah"]) for r in run_sync(penyaluran.daftar(eid))] == [
        ("Beras 10 kg", 0), ("Beras 5 kg dan minyak goreng 2 liter", 0)]


def test_the_cycles_totals_count_recipients_served_and_the_amount(daftar_disetujui):
    admin, entri, sid = daftar_disetujui["admin"], daftar_disetujui["entri"], daftar_disetujui["siklus"]
    kosong = run_sync(penyaluran.rekap(sid))
    assert (kosong["penerima"], kosong["tersalurkan"], kosong["belum"], kosong["jumlah"]) == (3, 0, 3, 0)
    catat(admin, entri[0]["id"])
    catat(admin, entri[0]["id"], jumlah="100.000")
    catat(admin, entri[1]["id"])
    rekap = run_sync(penyaluran.rekap(sid))
    assert (rekap["penerima"], rekap["tersalurkan"], rekap["belum"], rekap["kali"]) == (3, 2, 1, 3)
    assert (rekap["jumlah"], rekap["jumlah_rupiah"]) == (70_000_000, "Rp700.000")
    with pytest.raises(BantuanError) as info:
        run_sync(penyaluran.rekap(sid + 99))
    assert info.value.tidak_ada

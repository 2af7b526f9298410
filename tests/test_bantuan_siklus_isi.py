"""Editing a list being prepared by hand (plugin `bantuan`, issue 25): a resident, family or group added only when
living (or named) with a reason and never twice, many entries at once all or nothing with a reason per row,
removing with a reason and undoing it, and finding entries in the list."""

from __future__ import annotations

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import run_sync
from plugins.bantuan import siklus
from tests.test_bantuan_program import audit, galat
from tests.test_bantuan_siklus import (HARI_INI, UMUR_60, daftar, nagari, program_baru,  # noqa: F401
                                       siklus_baru, tambah, warga)


def test_adding_by_hand_needs_a_living_resident_a_reason_and_no_duplicate(nagari):
    petugas = nagari["petugas"]
    pid = program_baru(nagari["admin"])
    sid = siklus_baru(petugas, pid)
    assert daftar(sid) == []  # no rules: the list starts empty
    orang = warga()[5]
    pergi = run_sync(Penduduk.select().where(Penduduk.status_dasar == 3).first().run())
    salah = [
        ({"nik_atau_kk": orang["nik"], "alasan": ""}, "alasan", "Tulis alasan"),
        ({"nik_atau_kk": "12345", "alasan": "x"}, "nik_atau_kk", "16 angka"),
        ({"nik_atau_kk": "1306" + "0" * 12, "alasan": "x"}, "nik_atau_kk", "Tidak ada penduduk hidup"),
        ({"nik_atau_kk": pergi["nik"], "alasan": "x"}, "nik_atau_kk", "tercatat pindah"),
        ({"nik_atau_kk": orang["nik"][:6] + " " + orang["nik"][6:], "alasan": "x" * 301}, "alasan", "300"),
    ]
    for isi, kolom, pesan in salah:
        e = galat(siklus.tambah, petugas, sid, hari_ini=HARI_INI, **isi)
        assert pesan in e.galat.get(kolom, ""), (isi, e.galat)
    kk = run_sync(Penduduk.select(Penduduk.keluarga.no_kk).where(Penduduk.id == orang["id"]).first().run())
    assert "bukan No. KK" in str(galat(siklus.tambah, petugas, sid, nik_atau_kk=kk["keluarga.no_kk"], alasan="x",
                                       hari_ini=HARI_INI))

    eid = tambah(petugas, sid, orang["nik"][:8] + " " + orang["nik"][8:])  # spaces as people type them
    e = daftar(sid)[0]
    assert (e["id"], e["asal"], e["alasan"], e["oleh"], e["data"]["nama"]) == (
        eid, "manual", "Lansia tinggal sendiri", "petugas", orang["nama"])
    assert "Sudah ada" in str(galat(siklus.tambah, petugas, sid, nik_atau_kk=orang["nik"], alasan="lagi",
                                    hari_ini=HARI_INI))
    run_sync(siklus.keluarkan(petugas, eid, "Sudah menerima PKH"))
    assert "batalkan pengeluarannya" in str(galat(siklus.tambah, petugas, sid, nik_atau_kk=orang["nik"],
                                                  alasan="lagi", hari_ini=HARI_INI))
    assert audit("tambah_peserta")[-1]["rincian"]["peserta"] == [{"kunci": f"p:{orang['id']}",
                                                                  "alasan": "Lansia tinggal sendiri"}]


def test_a_family_program_takes_a_members_nik_or_the_no_kk_and_the_head_receives(nagari):
    admin = nagari["admin"]
    pid = program_baru(admin, sasaran="keluarga")
    sid = siklus_baru(admin, pid)
    anak = next(p for p in warga() if p["hubungan"] == 4)
    kepala = next(p for p in warga() if p["keluarga"] == anak["keluarga"] and p["hubungan"] == 1)
    eid = tambah(admin, sid, anak["nik"])
    e = daftar(sid)[0]
    assert (e["id"], e["kunci"], e["keluarga"], e["penduduk"]) == (eid, f"k:{anak['keluarga']}", anak["keluarga"],
                                                                   kepala["id"])
    assert e["data"]["nama"] == kepala["nama"] and len(e["data"]["anggota"]) >= 2
    kk = run_sync(Penduduk.select(Penduduk.keluarga.no_kk).where(Penduduk.id == kepala["id"]).first().run())
    assert "Sudah ada" in str(galat(siklus.tambah, admin, sid, nik_atau_kk=kk["keluarga.no_kk"], alasan="x",
                                    hari_ini=HARI_INI))  # the same family by its No. KK


def test_groups_are_added_by_name_once_whatever_the_case(nagari):
    admin = nagari["admin"]
    pid = program_baru(admin, sasaran="kelompok", nama="Bibit kelompok tani")
    sid = siklus_baru(admin, pid)
    assert "nama kelompok" in galat(siklus.tambah, admin, sid, kelompok="", alasan="x",
                                    hari_ini=HARI_INI).galat["kelompok"]
    run_sync(siklus.tambah(admin, sid, kelompok="Kelompok Tani  Saiyo", alasan="Proposal 2026", hari_ini=HARI_INI))
    assert "Sudah ada" in galat(siklus.tambah, admin, sid, kelompok="kelompok tani saiyo", alasan="x",
                                hari_ini=HARI_INI).galat["kelompok"]
    e = daftar(sid)[0]
    assert (e["kunci"], e["kelompok"], e["data"]["nama"], e["penduduk"]) == (
        "g:kelompok tani saiyo", "Kelompok Tani Saiyo", "Kelompok Tani Saiyo", None)


def test_many_entries_are_added_all_or_nothing_with_a_reason_per_row(nagari):
    admin = nagari["admin"]
    sid = siklus_baru(admin, program_baru(admin))
    orang = warga()
    baris = [{"nik_atau_kk": orang[0]["nik"], "no_kartu": "KKS-001"},
             {"nik_atau_kk": "99", "alasan": "x"},
             {"nik_atau_kk": orang[1]["nik"], "alasan": "Janda lansia"},
             {"nik_atau_kk": orang[0]["nik"]}]
    e = galat(siklus.tambah_banyak, admin, sid, baris, sumber="Impor dari OpenSID: peserta.xlsx", hari_ini=HARI_INI)
    assert e.galat.keys() == {"baris-2", "baris-4"} and "baris 1" in e.galat["baris-4"]
    assert "2 dari 4 baris" in str(e)
    n = run_sync(siklus.tambah_banyak(admin, sid, [baris[0], baris[2]], sumber="Impor dari OpenSID: peserta.xlsx",
                                      hari_ini=HARI_INI))
    assert n == 2
    assert [(e["alasan"], e["no_kartu"]) for e in daftar(sid)] == [
        ("Impor dari OpenSID: peserta.xlsx", "KKS-001"), ("Janda lansia", "")]
    assert "Tidak ada baris" in str(galat(siklus.tambah_banyak, admin, sid, [], sumber="x", hari_ini=HARI_INI))


def test_removing_and_undoing_need_a_list_being_prepared_and_are_audited(nagari):
    petugas = nagari["petugas"]
    sid = siklus_baru(petugas, program_baru(nagari["admin"], UMUR_60))
    e = daftar(sid)[0]
    assert "Tulis alasan" in str(galat(siklus.keluarkan, petugas, e["id"], "  "))
    run_sync(siklus.keluarkan(petugas, e["id"], "Sudah menerima PKH"))
    assert "sudah dikeluarkan" in str(galat(siklus.keluarkan, petugas, e["id"], "lagi"))
    assert run_sync(siklus.ringkasan(sid))["keluar"] == 1
    run_sync(siklus.batal_keluarkan(petugas, e["id"]))
    assert "masih ada" in str(galat(siklus.batal_keluarkan, petugas, e["id"]))
    kembali = daftar(sid)[0]
    assert (kembali["keluar"], kembali["alasan_keluar"]) == (False, "")
    assert [a["aksi"] for a in audit() if a["objek_id"] == f"peserta:{e['id']}"] == [
        "keluarkan_peserta", "batal_keluarkan_peserta"]
    assert "tidak berhak" in str(galat(siklus.keluarkan, nagari["wali"], e["id"], "x"))
    assert galat(siklus.keluarkan, petugas, e["id"] + 999, "x").tidak_ada


def test_the_list_is_searched_filtered_and_paged(nagari):
    admin = nagari["admin"]
    sid = siklus_baru(admin, program_baru(admin))
    orang = warga()[:12]
    for p in orang:
        tambah(admin, sid, p["nik"])
    run_sync(siklus.keluarkan(admin, daftar(sid)[0]["id"], "Pindah program"))
    halaman, jumlah = run_sync(siklus.peserta(sid, mulai=5, batas=5))
    assert jumlah == 12 and [e["data"]["nama"] for e in halaman] == [p["nama"] for p in orang[5:10]]
    assert run_sync(siklus.peserta(sid, keluar=False))[1] == 11
    nama = orang[3]["nama"]
    cari, n = run_sync(siklus.peserta(sid, cari=nama.split()[0].upper()))
    assert nama in [e["data"]["nama"] for e in cari] and n < 12
    assert [e["data"]["nik"] for e in run_sync(siklus.peserta(sid, cari=orang[7]["nik"]))[0]] == [orang[7]["nik"]]

"""A program's cycles (plugin `bantuan`, issue 25): a new list from the rules' candidates with their reasons,
entries added by hand only for living residents with a reason, maker-checker approval (one's own list, or a list
one changed, is refused; so is a user without the right), approval freezes each entry's data against later register
edits, a death recorded after approval is flagged on the next cycle while the approved list stays as it was, a
flagged entry blocks submission until removed or kept with a reason, the quota, and every refusal changing nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.penduduk import jurnal
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import run_sync
from plugins.bantuan import penerima, program, siklus
from plugins.bantuan.tables import PesertaBantuan, SiklusBantuan
from tests.surat_helpers import demo_nagari
from tests.test_bantuan_program import TAHUN, audit, galat, isian, pengguna

HARI_INI = date.today()
UMUR_60 = {"syarat": [{"kolom": "umur", "op": ">=", "nilai": 60}]}


def umur(lahir: date) -> int:
    return HARI_INI.year - lahir.year - ((HARI_INI.month, HARI_INI.day) < (lahir.month, lahir.day))


def warga() -> list[dict]:
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).run())


def program_baru(admin, aturan=None, **lain) -> int:
    pid = run_sync(program.simpan_program(admin, isian(**{"sasaran": "penduduk", "kuota": "", **lain})))
    if aturan:
        run_sync(program.simpan_aturan(admin, pid, aturan))
    return pid


def siklus_baru(oleh, pid: int, nama: str = "Tahap 1") -> int:
    return run_sync(siklus.buat_siklus(oleh, pid, {"nama": nama, "periode_mulai": f"{TAHUN}-01-01",
                                                   "periode_selesai": f"{TAHUN}-03-31"}, hari_ini=HARI_INI))


def daftar(siklus_id: int, **saring) -> list[dict]:
    return run_sync(siklus.peserta(siklus_id, batas=500, **saring))[0]


def tambah(oleh, siklus_id: int, nik: str, alasan: str = "Lansia tinggal sendiri") -> int:
    return run_sync(siklus.tambah(oleh, siklus_id, nik_atau_kk=nik, alasan=alasan, hari_ini=HARI_INI))


@pytest.fixture
def nagari(balai):
    """The demo register (60 living residents) and the users of a nagari office: the administrator, an operator
    who prepares lists and the Wali Nagari who approves them."""
    demo_nagari(balai, residents=60)
    return {"admin": pengguna(balai), "petugas": pengguna(balai, "petugas", "operator"),
            "wali": pengguna(balai, "wali", "wali_nagari")}


def test_a_new_cycle_lists_the_rules_candidates_with_their_reasons(nagari):
    petugas = nagari["petugas"]
    pid = program_baru(nagari["admin"], UMUR_60)
    sid = siklus_baru(petugas, pid)
    tua = {p["id"]: p for p in warga() if umur(p["tanggal_lahir"]) >= 60}
    entri = daftar(sid)
    assert len(tua) >= 3 and {e["penduduk"] for e in entri} == set(tua)
    for e in entri:
        orang = tua[e["penduduk"]]
        assert (e["kunci"], e["asal"], e["asal_nama"]) == (f"p:{orang['id']}", "aturan", "Memenuhi aturan")
        assert f"umur {umur(orang['tanggal_lahir'])} tahun" in e["alasan"]
        assert (e["data"]["nama"], e["data"]["nik"], e["tanda"]) == (orang["nama"], orang["nik"], "")
    s = run_sync(siklus.siklus(sid))
    assert (s["nomor"], s["status"], s["status_nama"], s["disusun_oleh"]) == (1, "disusun", "Disusun", "petugas")
    assert s["program"]["id"] == pid
    assert run_sync(siklus.ringkasan(sid))["asal"]["aturan"] == len(tua)
    catatan = audit("buat_siklus")[-1]
    assert catatan["objek_id"] == f"siklus:{sid}" and catatan["rincian"]["aturan"] == len(tua)
    assert catatan["pengguna"] == "petugas"


def test_a_cycle_is_refused_for_a_program_not_running_or_with_a_cycle_still_open(nagari):
    admin = nagari["admin"]
    draf = program_baru(admin, UMUR_60, status="draf")
    assert "sedang berjalan" in str(galat(siklus.buat_siklus, admin, draf, {"nama": "Tahap 1",
                                                                           "periode_mulai": f"{TAHUN}-01-01"},
                                          hari_ini=HARI_INI))
    pid = program_baru(admin, UMUR_60)
    salah = galat(siklus.buat_siklus, admin, pid, {"nama": "", "periode_mulai": f"{TAHUN - 1}-12-01",
                                                   "periode_selesai": "31-03"}, hari_ini=HARI_INI)
    assert {"nama", "periode_mulai", "periode_selesai"} == salah.galat.keys()
    assert "sebelum program dimulai" in salah.galat["periode_mulai"]
    siklus_baru(admin, pid)
    assert "belum disetujui" in str(galat(siklus.buat_siklus, admin, pid, {"nama": "Tahap 2",
                                                                          "periode_mulai": f"{TAHUN}-04-01"},
                                          hari_ini=HARI_INI))
    assert galat(siklus.buat_siklus, admin, pid + 99, {}, hari_ini=HARI_INI).tidak_ada


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


def test_the_wali_approves_and_nobody_approves_a_list_they_prepared_submitted_or_changed(nagari):
    petugas, admin, wali = nagari["petugas"], nagari["admin"], nagari["wali"]
    pid = program_baru(admin, UMUR_60)
    sid = siklus_baru(petugas, pid)
    assert run_sync(siklus.ringkasan(sid))["bertanda"] == 0  # nothing flagged on a first list
    assert "sudah diajukan" in str(galat(siklus.setujui, wali, sid, hari_ini=HARI_INI))  # not submitted yet
    entri = daftar(sid)
    run_sync(siklus.isi_kartu(admin, entri[0]["id"], "KKS-0001"))  # the administrator changed an entry
    run_sync(siklus.ajukan(petugas, sid))
    assert "sedang menunggu persetujuan" in str(galat(siklus.keluarkan, petugas, entri[1]["id"], "x"))
    assert "tidak berhak menyetujui" in str(galat(siklus.setujui, petugas, sid, hari_ini=HARI_INI))
    assert str(galat(siklus.setujui, admin, sid, hari_ini=HARI_INI)) == siklus.MILIK_SENDIRI
    assert run_sync(siklus.siklus(sid))["status"] == "diajukan"

    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    s = run_sync(siklus.siklus(sid))
    assert (s["status"], s["disetujui_oleh"], s["diajukan_oleh"]) == ("disetujui", "wali", "petugas")
    assert s["disetujui"] is not None
    assert [a["aksi"] for a in audit() if a["objek_id"] == f"siklus:{sid}"][-2:] == ["ajukan", "setujui"]
    assert audit("setujui")[-1]["pengguna"] == "wali"
    assert "sudah disetujui" in str(galat(siklus.setujui, wali, sid, hari_ini=HARI_INI))

    # the next list, prepared by the administrator, who cannot approve it either
    sid2 = siklus_baru(admin, pid, "Tahap 2")
    run_sync(siklus.ajukan(admin, sid2))
    assert str(galat(siklus.setujui, admin, sid2, hari_ini=HARI_INI)) == siklus.MILIK_SENDIRI
    run_sync(siklus.setujui(wali, sid2, hari_ini=HARI_INI))


def test_sending_back_needs_a_note_and_opens_the_list_again(nagari):
    petugas, wali = nagari["petugas"], nagari["wali"]
    sid = siklus_baru(petugas, program_baru(nagari["admin"], UMUR_60))
    run_sync(siklus.ajukan(petugas, sid))
    assert "catatan" in galat(siklus.kembalikan, wali, sid, " ").galat
    assert "tidak berhak" in str(galat(siklus.kembalikan, petugas, sid, "Periksa lagi"))
    run_sync(siklus.kembalikan(wali, sid, "Periksa lagi yang sudah menerima PKH"))
    s = run_sync(siklus.siklus(sid))
    assert (s["status"], s["catatan"]) == ("disusun", "Periksa lagi yang sudah menerima PKH")
    run_sync(siklus.keluarkan(petugas, daftar(sid)[0]["id"], "Sudah menerima PKH"))
    assert "diajukan" in str(galat(siklus.kembalikan, wali, sid, "lagi"))


def test_approval_freezes_the_data_against_later_register_corrections(nagari):
    petugas, wali, admin = nagari["petugas"], nagari["wali"], nagari["admin"]
    pid = program_baru(admin, UMUR_60)
    sid = siklus_baru(petugas, pid)
    pertama = daftar(sid)[0]
    run_sync(siklus.ajukan(petugas, sid))
    # corrected while waiting for approval: the approval writes the data of that moment
    run_sync(jurnal.correct(pertama["penduduk"], {"nama": "Nama Saat Disetujui"}, actor=admin.state["user"]))
    assert daftar(sid)[0]["data"]["nama"] == pertama["data"]["nama"]
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    lama = "Nama Saat Disetujui"
    assert daftar(sid)[0]["data"]["nama"] == lama
    run_sync(jurnal.correct(pertama["penduduk"], {"nama": "Nama Sesudah Koreksi"}, actor=admin.state["user"],
                            alasan="Salah ketik"))
    assert run_sync(Penduduk.select().where(Penduduk.id == pertama["penduduk"]).first().run())["nama"] == \
        "Nama Sesudah Koreksi"
    beku = next(e for e in daftar(sid) if e["id"] == pertama["id"])
    assert beku["data"]["nama"] == lama  # the approved list keeps who got it, as they were
    assert next(r for r in run_sync(penerima.penerima(pid)) if r["id"] == pertama["id"])["data"]["nama"] == lama
    # nothing of an approved list changes but its card numbers
    for fn, args in ((siklus.keluarkan, (petugas, pertama["id"], "x")), (siklus.batal_keluarkan, (petugas, pertama["id"])),
                     (siklus.periksa_ulang, (petugas, sid)), (siklus.ajukan, (petugas, sid))):
        kw = {"hari_ini": HARI_INI} if fn is siklus.periksa_ulang else {}
        assert "sudah disetujui" in str(galat(fn, *args, **kw))
    assert "sudah disetujui" in str(galat(siklus.tambah, petugas, sid, nik_atau_kk=warga()[0]["nik"], alasan="x",
                                          hari_ini=HARI_INI))
    run_sync(siklus.isi_kartu(petugas, pertama["id"], "KKS 1306 0001"))
    assert next(e for e in daftar(sid) if e["id"] == pertama["id"])["no_kartu"] == "KKS 1306 0001"
    # the next cycle carries the recipient over with the register's data of now
    sid2 = siklus_baru(petugas, pid, "Tahap 2")
    lanjut = next(e for e in daftar(sid2) if e["kunci"] == pertama["kunci"])
    assert (lanjut["asal"], lanjut["data"]["nama"], lanjut["no_kartu"]) == ("lanjutan", "Nama Sesudah Koreksi",
                                                                          "KKS 1306 0001")


def test_a_death_after_approval_is_flagged_on_the_next_cycle_and_blocks_it_until_decided(nagari):
    petugas, wali, admin = nagari["petugas"], nagari["wali"], nagari["admin"]
    pid = program_baru(admin, UMUR_60)
    sid = siklus_baru(petugas, pid)
    run_sync(siklus.ajukan(petugas, sid))
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    sebelum = daftar(sid)
    meninggal, pindah = sebelum[0], sebelum[1]
    run_sync(jurnal.record_leaving(meninggal["penduduk"], "mati", HARI_INI - timedelta(days=3), {},
                                   actor=admin.state["user"]))
    run_sync(jurnal.record_leaving(pindah["penduduk"], "pindah_keluar", HARI_INI - timedelta(days=2), {},
                                   actor=admin.state["user"]))

    sid2 = siklus_baru(petugas, pid, "Tahap 2")
    assert daftar(sid) == sebelum  # the approved list stays exactly as approved
    baru = {e["kunci"]: e for e in daftar(sid2)}
    assert len(baru) == len(sebelum) and all(e["asal"] == "lanjutan" for e in baru.values())
    mati = baru[meninggal["kunci"]]
    assert (mati["tanda"], mati["tanda_nama"], mati["perlu_keputusan"]) == ("meninggal", "Meninggal", True)
    assert mati["data"]["nama"] == meninggal["data"]["nama"]  # still named on the list, with its last data
    assert baru[pindah["kunci"]]["tanda"] == "pindah"
    assert [e["kunci"] for e in daftar(sid2, tanda="belum")] == [meninggal["kunci"], pindah["kunci"]]
    hitung = run_sync(siklus.ringkasan(sid2))
    assert (hitung["bertanda"], hitung["belum_diputuskan"], hitung["asal"]["lanjutan"]) == (2, 2, len(sebelum))

    assert "belum diputuskan" in str(galat(siklus.ajukan, petugas, sid2))
    assert "Tulis alasan" in str(galat(siklus.pertahankan, petugas, mati["id"], ""))
    assert "tidak bertanda" in str(galat(siklus.pertahankan, petugas, baru[sebelum[2]["kunci"]]["id"], "x"))
    run_sync(siklus.keluarkan(petugas, mati["id"], "Meninggal dunia"))
    assert "belum diputuskan" in str(galat(siklus.ajukan, petugas, sid2))
    run_sync(siklus.pertahankan(petugas, baru[pindah["kunci"]]["id"], "Pindah ke jorong tetangga, tetap terdaftar"))
    run_sync(siklus.ajukan(petugas, sid2))
    run_sync(siklus.setujui(wali, sid2, hari_ini=HARI_INI))
    akhir = {e["kunci"]: e for e in daftar(sid2)}
    assert (akhir[meninggal["kunci"]]["keluar"], akhir[meninggal["kunci"]]["alasan_keluar"]) == (
        True, "Meninggal dunia")
    assert akhir[pindah["kunci"]]["tanda_alasan"].startswith("Pindah ke jorong")
    kunci = {r["kunci"] for r in run_sync(penerima.penerima(pid))}
    assert meninggal["kunci"] not in kunci and pindah["kunci"] in kunci
    assert len(daftar(sid)) == len(sebelum)


def test_a_death_recorded_while_the_list_waits_for_approval_stops_the_approval(nagari):
    petugas, wali, admin = nagari["petugas"], nagari["wali"], nagari["admin"]
    sid = siklus_baru(petugas, program_baru(admin, UMUR_60))
    run_sync(siklus.ajukan(petugas, sid))
    e = daftar(sid)[0]
    run_sync(jurnal.record_leaving(e["penduduk"], "mati", HARI_INI, {}, actor=admin.state["user"]))
    pesan = str(galat(siklus.setujui, wali, sid, hari_ini=HARI_INI))
    assert "register mencatat perubahan pada 1 penerima" in pesan and e["data"]["nama"] in pesan
    run_sync(siklus.kembalikan(wali, sid, "Ada penerima yang meninggal"))
    assert run_sync(siklus.periksa_ulang(petugas, sid, hari_ini=HARI_INI))["bertanda"] == 1
    run_sync(siklus.keluarkan(petugas, e["id"], "Meninggal dunia"))
    run_sync(siklus.ajukan(petugas, sid))
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    assert run_sync(siklus.ringkasan(sid))["keluar"] == 1


def test_a_family_whose_head_died_is_not_flagged_and_receives_through_its_next_member(nagari):
    admin, wali = nagari["admin"], nagari["wali"]
    pid = program_baru(admin, sasaran="keluarga")
    sid = siklus_baru(admin, pid)
    kepala = next(p for p in warga() if p["hubungan"] == 1 and sum(
        q["keluarga"] == p["keluarga"] for q in warga()) >= 3)
    tambah(admin, sid, kepala["nik"], "Keluarga miskin")
    run_sync(siklus.ajukan(admin, sid))
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    run_sync(jurnal.record_leaving(kepala["id"], "mati", HARI_INI - timedelta(days=1), {}, actor=admin.state["user"]))
    sid2 = siklus_baru(admin, pid, "Tahap 2")
    e = daftar(sid2)[0]
    assert e["tanda"] == "" and e["penduduk"] != kepala["id"]
    assert e["data"]["nama"] != kepala["nama"] and daftar(sid)[0]["data"]["nama"] == kepala["nama"]


def test_a_list_over_the_quota_or_empty_is_not_submitted(nagari):
    petugas, admin = nagari["petugas"], nagari["admin"]
    kosong = siklus_baru(petugas, program_baru(admin, kuota="2"))
    assert "masih kosong" in str(galat(siklus.ajukan, petugas, kosong))
    orang = warga()
    for p in orang[:3]:
        tambah(petugas, kosong, p["nik"])
    e = galat(siklus.ajukan, petugas, kosong)
    assert "melebihi kuota program (2 orang)" in str(e) and "keluarkan 1 orang" in str(e)
    assert run_sync(siklus.ringkasan(kosong))["melebihi_kuota"]
    run_sync(siklus.keluarkan(petugas, daftar(kosong)[2]["id"], "Kuota penuh; masuk daftar tunggu"))
    run_sync(siklus.ajukan(petugas, kosong))
    assert run_sync(siklus.siklus(kosong))["status"] == "diajukan"


def test_a_recheck_takes_off_who_no_longer_meets_the_rules_visibly_and_adds_new_candidates(nagari):
    petugas, admin = nagari["petugas"], nagari["admin"]
    pid = program_baru(admin, UMUR_60)
    sid = siklus_baru(petugas, pid)
    muda = daftar(sid)[0]
    calon = next(p for p in warga() if 40 <= umur(p["tanggal_lahir"]) < 60)
    manual = next(p for p in warga() if umur(p["tanggal_lahir"]) < 60 and p["id"] != calon["id"])
    tambah(petugas, sid, manual["nik"], "Penyandang disabilitas")
    aktor = admin.state["user"]
    run_sync(jurnal.correct(muda["penduduk"], {"tanggal_lahir": date(HARI_INI.year - 30, 1, 1)}, actor=aktor))
    run_sync(jurnal.correct(calon["id"], {"tanggal_lahir": date(HARI_INI.year - 70, 1, 1)}, actor=aktor))
    run_sync(jurnal.record_leaving(manual["id"], "mati", HARI_INI, {}, actor=aktor))

    hasil = run_sync(siklus.periksa_ulang(petugas, sid, hari_ini=HARI_INI))
    assert (hasil["ditambah"], hasil["dikeluarkan"], hasil["bertanda"]) == (1, 1, 1)
    entri = {e["kunci"]: e for e in daftar(sid)}
    keluar = entri[muda["kunci"]]
    assert keluar["keluar"] and keluar["alasan_keluar"].startswith("Tidak lagi memenuhi aturan (diperiksa ")
    assert (entri[f"p:{calon['id']}"]["asal"], "umur 70 tahun" in entri[f"p:{calon['id']}"]["alasan"]) == (
        "aturan", True)
    assert entri[f"p:{manual['id']}"]["tanda"] == "meninggal"
    assert daftar(sid, keluar=True) == [keluar]
    assert audit("periksa_ulang")[-1]["rincian"]["dikeluarkan_kunci"] == [muda["kunci"]]
    # corrected back: the next check puts the entry it took off back on the list
    run_sync(jurnal.correct(muda["penduduk"], {"tanggal_lahir": date(HARI_INI.year - 80, 1, 1)}, actor=aktor))
    assert run_sync(siklus.periksa_ulang(petugas, sid, hari_ini=HARI_INI))["dikembalikan"] == 1
    assert not next(e for e in daftar(sid) if e["kunci"] == muda["kunci"])["keluar"]


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


def test_demo_data_prepares_and_approves_without_a_request(nagari):
    pid = program_baru(None, UMUR_60)
    sid = siklus_baru(None, pid)
    run_sync(siklus.ajukan(None, sid))
    run_sync(siklus.setujui(None, sid, hari_ini=HARI_INI))
    s = run_sync(siklus.siklus(sid))
    assert (s["status"], s["disusun_oleh"], s["disetujui_oleh"]) == ("disetujui", "sistem", "sistem")
    assert len(run_sync(penerima.penerima(pid))) == len(daftar(sid)) > 0


def test_approving_a_public_program_rebuilds_the_public_list(nagari):
    from plugin_sdk import public_version

    admin, wali = nagari["admin"], nagari["wali"]
    pid = program_baru(admin, UMUR_60, publik="1", dasar_hukum="Permendesa PDTT 7/2023")
    sid = siklus_baru(admin, pid)
    run_sync(siklus.ajukan(admin, sid))
    awal = run_sync(public_version())
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    assert run_sync(public_version()) == awal + 1
    assert run_sync(SiklusBantuan.count().where(SiklusBantuan.status == "disetujui").run()) == 1
    assert run_sync(PesertaBantuan.count().run()) == len(daftar(sid))

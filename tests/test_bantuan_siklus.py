"""A program's cycles (plugin `bantuan`, issue 25): a new list from the rules' candidates with their reasons and
from the last cycle's recipients, a re-check against the register and the rules, maker-checker approval (one's own
list, or a list one changed, is refused; so is a user without the right), approval freezes each entry's data
against later register edits, a death recorded after approval is flagged on the next cycle while the approved list
stays as it was, a flagged entry blocks submission until removed or kept with a reason, the quota, and every
refusal changing nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.penduduk import jurnal
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import run_sync
from plugins.bantuan import penerima, program, siklus
from plugins.bantuan.galat import BantuanError
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


def test_who_was_removed_from_the_last_list_stays_removed_with_its_reason_on_the_next(nagari):
    """The reserves a musyawarah left out do not come back as new rule candidates to be removed one by one."""
    petugas, wali = nagari["petugas"], nagari["wali"]
    pid = program_baru(nagari["admin"], UMUR_60)
    sid = siklus_baru(petugas, pid)
    cadangan = daftar(sid)[-1]
    run_sync(siklus.keluarkan(petugas, cadangan["id"], "Melebihi kuota; cadangan"))
    run_sync(siklus.ajukan(petugas, sid))
    run_sync(siklus.setujui(wali, sid, hari_ini=HARI_INI))
    sid2 = siklus_baru(petugas, pid, "Tahap 2")
    kedua = {e["kunci"]: e for e in daftar(sid2)}
    assert set(kedua) == {e["kunci"] for e in daftar(sid)}
    tetap_keluar = kedua[cadangan["kunci"]]
    assert tetap_keluar["keluar"] and tetap_keluar["alasan_keluar"] == "Melebihi kuota; cadangan (Tahap 1)"
    assert sum(e["keluar"] for e in kedua.values()) == 1
    run_sync(siklus.batal_keluarkan(petugas, tetap_keluar["id"]))  # the clerk can still put them back
    assert not next(e for e in daftar(sid2) if e["kunci"] == cadangan["kunci"])["keluar"]


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
    for fn, args in ((siklus.keluarkan, (petugas, pertama["id"], "x")),
                     (siklus.batal_keluarkan, (petugas, pertama["id"])),
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


def test_a_family_whose_head_died_is_flagged_for_the_clerk_and_receives_through_its_next_member(nagari):
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
    # the family lives on, but the clerk decides who receives now: flagged, with the next member as receiver
    assert e["tanda"] == "meninggal" and e["penduduk"] != kepala["id"]
    assert e["data"]["nama"] != kepala["nama"] and daftar(sid)[0]["data"]["nama"] == kepala["nama"]
    with pytest.raises(BantuanError):
        run_sync(siklus.ajukan(admin, sid2))
    run_sync(siklus.pertahankan(admin, e["id"], "Istri menjadi kepala keluarga dan menerima bantuan"))
    run_sync(siklus.ajukan(admin, sid2))


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

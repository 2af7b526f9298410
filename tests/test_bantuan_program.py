"""Aid programs (plugin `bantuan`, issue 25): the program form refuses bad input beside its field and saves nothing,
a public list needs its legal basis, the target cannot change once a cycle exists, rules are stored checked (never
for groups), and the programs list shows each program's latest cycle and how many receive now."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import pytest

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.tables import Pengguna
from core.web.auth import load_user
from plugin_sdk.testing import run_sync
from plugins.bantuan import program as layanan
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.tables import DtksKeluarga, PenyaluranBantuan, PesertaBantuan, ProgramBantuan, SiklusBantuan

HARI_INI = date.today()
TAHUN = HARI_INI.year


def pengguna(balai, username: str = "admin", peran: str | None = None):
    """What the services read of a request: the app and the logged-in user (made with `peran` when given)."""
    async def muat():
        if peran is not None:
            await create_user(username, username.title(), f"sandi-{username}-uji-1", peran)
        row = await Pengguna.select(Pengguna.id).where(Pengguna.username == username).first().run()
        return await load_user(row["id"])
    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(balai=balai)), client=None,
                           state={"user": run_sync(muat)})


def isian(**lain) -> dict:
    return {"nama": "BLT Dana Desa 2026", "sumber": "blt_dd", "sasaran": "keluarga", "mulai": f"{TAHUN}-01-01",
            "selesai": f"{TAHUN}-12-31", "kuota": "40", "bentuk": "uang", "nilai": "300.000", "status": "aktif",
            "keterangan": "", **lain}


def keadaan() -> dict:
    """Every row of bantuan's tables and the audit's length: what a refusal must leave as it was."""
    async def baca():
        hasil = {t._meta.tablename: await t.select().order_by(t.id).run()
                 for t in (ProgramBantuan, SiklusBantuan, PesertaBantuan, PenyaluranBantuan, DtksKeluarga)}
        hasil["audit"] = await AuditEntri.count().run()
        return hasil
    return run_sync(baca)


def galat(fn, *args, **kwargs) -> BantuanError:
    sebelum = keadaan()
    with pytest.raises(BantuanError) as info:
        run_sync(fn(*args, **kwargs))
    assert keadaan() == sebelum, "a refusal changed something"
    return info.value


def audit(aksi: str | None = None) -> list[dict]:
    rows = run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == "bantuan").order_by(AuditEntri.nomor).run())
    return [{**r, "rincian": json.loads(r["rincian"])} for r in rows if aksi is None or r["aksi"] == aksi]


def test_program_form_refuses_bad_input_beside_its_field_and_saves_nothing(balai):
    admin = pengguna(balai)
    salah = [
        ({"nama": ""}, "nama", "Isi nama program"),
        ({"sumber": "apbn"}, "sumber", "Pilih sumber dana"),
        ({"sumber": "lain"}, "sumber_lain", "pemberi dana"),
        ({"sasaran": "desa"}, "sasaran", "Pilih sasaran"),
        ({"mulai": ""}, "mulai", "Isi tanggal mulai"),
        ({"mulai": "1/1/2026"}, "mulai", "tidak dikenali"),
        ({"selesai": f"{TAHUN - 1}-12-31"}, "selesai", "tidak boleh sebelum tanggal mulai"),
        ({"kuota": "0"}, "kuota", "bilangan bulat 1 atau lebih"),
        ({"kuota": "12,5"}, "kuota", "bilangan bulat"),
        ({"kuota": "-3"}, "kuota", "bilangan bulat"),
        ({"nilai": ""}, "nilai", "Isi besar bantuan"),
        ({"nilai": "-300.000"}, "nilai", "tidak boleh negatif"),
        ({"nilai": "tiga ratus ribu"}, "nilai", "Tulis jumlah dalam rupiah"),
        ({"bentuk": "barang", "nilai": ""}, "barang", "Tulis barang"),
        ({"status": "ditutup"}, "status", "Pilih status"),
        ({"publik": "1"}, "dasar_hukum", "dasar hukumnya"),
        ({"nama": "x" * 151}, "nama", "Paling banyak 150"),
    ]
    for lain, kolom, pesan in salah:
        e = galat(layanan.simpan_program, admin, isian(**lain))
        assert pesan in e.galat.get(kolom, ""), (lain, e.galat)
    semua = galat(layanan.simpan_program, admin, isian(nama="", kuota="nol", nilai="", publik="1"))
    assert {"nama", "kuota", "nilai", "dasar_hukum"} <= semua.galat.keys()  # every message at once
    assert "belum ada yang disimpan" in str(semua)
    assert run_sync(ProgramBantuan.count().run()) == 0 and audit() == []


def test_program_is_saved_with_its_codes_and_every_change_audited(balai):
    admin = pengguna(balai)
    pid = run_sync(layanan.simpan_program(admin, isian(kuota="1.200", nama_utuh="1")))
    p = run_sync(layanan.program(pid))
    assert (p["nama"], p["kuota"], p["nilai"], p["nilai_rupiah"]) == ("BLT Dana Desa 2026", 1200, 30_000_000,
                                                                     "Rp300.000")
    assert (p["sumber_nama"], p["sasaran_nama"], p["status_nama"]) == ("BLT Dana Desa", "Keluarga", "Berjalan")
    assert p["nama_utuh"] is False  # full names only mean something on a public list
    assert (p["siklus"], p["penerima"], p["aturan_uraian"], p["oleh"]) == ([], 0, [], "admin")
    assert audit("buat")[0]["objek_id"] == f"program:{pid}"

    run_sync(layanan.simpan_program(admin, isian(kuota="", sumber="lain", sumber_lain="Baznas Kabupaten Agam",
                                                 publik="1", dasar_hukum="Permendesa PDTT 7/2023 Pasal 8"), pid))
    p = run_sync(layanan.program(pid))
    assert (p["kuota"], p["sumber_nama"], p["publik"]) == (None, "Baznas Kabupaten Agam", True)
    assert audit("ubah")[-1]["rincian"]["program"]["kuota"] == [1200, None]
    assert audit("ubah")[-1]["rincian"]["program"]["sumber"] == ["blt_dd", "lain"]
    jumlah = len(audit())
    run_sync(layanan.simpan_program(admin, isian(kuota="", sumber="lain", sumber_lain="Baznas Kabupaten Agam",
                                                 publik="1", dasar_hukum="Permendesa PDTT 7/2023 Pasal 8"), pid))
    assert len(audit()) == jumlah  # saving the same form again changes nothing and logs nothing

    with pytest.raises(BantuanError) as info:
        run_sync(layanan.program(pid + 99))
    assert info.value.tidak_ada
    assert galat(layanan.simpan_program, admin, isian(), pid + 99).tidak_ada


def test_a_public_program_bumps_the_public_version(balai):
    from plugin_sdk import public_version

    admin = pengguna(balai)
    awal = run_sync(public_version())
    pid = run_sync(layanan.simpan_program(admin, isian()))
    assert run_sync(public_version()) == awal  # nothing public yet
    run_sync(layanan.simpan_program(admin, isian(publik="1", dasar_hukum="Perbup Agam 12/2025"), pid))
    assert run_sync(public_version()) == awal + 1
    run_sync(layanan.simpan_program(admin, isian(), pid))  # taken off the public list: the page must change too
    assert run_sync(public_version()) == awal + 2


def test_the_target_cannot_change_once_the_program_has_a_cycle(balai):
    admin = pengguna(balai)
    pid = run_sync(layanan.simpan_program(admin, isian(sasaran="penduduk")))
    run_sync(layanan.simpan_program(admin, isian(sasaran="keluarga"), pid))  # no cycle yet: allowed
    run_sync(SiklusBantuan.insert(SiklusBantuan(program=pid, nomor=1, nama="Tahap 1",
                                                periode_mulai=date(TAHUN, 1, 1))).run())
    e = galat(layanan.simpan_program, admin, isian(sasaran="penduduk"), pid)
    assert "sudah punya siklus" in e.galat["sasaran"]
    run_sync(layanan.simpan_program(admin, isian(nama="BLT DD Tahap Lanjutan"), pid))  # other fields still change
    assert run_sync(layanan.program(pid))["nama"] == "BLT DD Tahap Lanjutan"


def test_rules_are_stored_checked_in_words_and_never_for_groups(balai):
    admin = pengguna(balai)
    pid = run_sync(layanan.simpan_program(admin, isian(sasaran="penduduk")))
    aturan = {"syarat": [{"kolom": "umur", "op": ">=", "nilai": 60}]}
    run_sync(layanan.simpan_aturan(admin, pid, aturan))
    p = run_sync(layanan.program(pid))
    assert json.loads(p["aturan"])["syarat"][0]["kolom"] == "umur"
    assert p["aturan_uraian"] == ["Umur 60 tahun atau lebih"]
    assert audit("ubah_aturan")[-1]["rincian"]["aturan"][0] == ""

    rusak = galat(layanan.simpan_aturan, admin, pid, {"syarat": [{"kolom": "gaji", "op": ">=", "nilai": 1}]})
    assert "syarat-0-kolom" in rusak.galat
    lain = galat(layanan.simpan_aturan, admin, pid,
                 {"syarat": [{"kolom": "menerima_program", "op": "ya", "nilai": pid + 50}]})
    assert "syarat-0-nilai" in lain.galat  # a program that does not exist
    # a group target has no rules, and a program with rules cannot become one for groups
    kelompok = run_sync(layanan.simpan_program(admin, isian(sasaran="kelompok", nama="Bantuan kelompok tani")))
    assert "tidak memakai aturan" in str(galat(layanan.simpan_aturan, admin, kelompok, aturan))
    assert "hapus aturan" in galat(layanan.simpan_program, admin, isian(sasaran="kelompok"), pid).galat["sasaran"]
    run_sync(layanan.simpan_aturan(admin, pid, None))  # cleared: candidates by hand only
    assert run_sync(layanan.program(pid))["aturan"] == ""


def test_an_operator_without_the_right_changes_no_program(balai):
    pid = run_sync(layanan.simpan_program(pengguna(balai), isian()))
    tamu = pengguna(balai, "redaksi1", "redaksi")
    assert "tidak berhak" in str(galat(layanan.simpan_program, tamu, isian(nama="Ganti nama"), pid))
    assert "tidak berhak" in str(galat(layanan.simpan_aturan, tamu, pid, {"syarat": []}))


def test_demo_data_saves_a_program_without_a_request(balai):
    pid = run_sync(layanan.simpan_program(None, isian()))
    run_sync(layanan.simpan_aturan(None, pid, {"syarat": [{"kolom": "anggota_keluarga", "op": ">=", "nilai": 4}]}))
    p = run_sync(layanan.program(pid))
    assert p["oleh"] == "sistem" and p["aturan_uraian"]
    assert audit()[0]["pengguna"] == ""


def test_programs_list_running_first_with_their_latest_cycle_and_recipients(balai):
    admin = pengguna(balai)
    a = run_sync(layanan.simpan_program(admin, isian(nama="PKH", sumber="pkh", status="selesai")))
    b = run_sync(layanan.simpan_program(admin, isian(nama="BLT Dana Desa")))
    c = run_sync(layanan.simpan_program(admin, isian(nama="Beras miskin", bentuk="barang", nilai="",
                                                      barang="Beras 10 kg", status="draf")))

    async def siklus_dengan(program_id, nomor, status, peserta):
        rows = await SiklusBantuan.insert(SiklusBantuan(program=program_id, nomor=nomor, nama=f"Tahap {nomor}",
                                                        periode_mulai=date(TAHUN, nomor, 1), status=status)).run()
        for i, keluar in enumerate(peserta):
            await PesertaBantuan.insert(PesertaBantuan(siklus=rows[0]["id"], kunci=f"g:kelompok {i}",
                                                       keluar=keluar)).run()

    run_sync(siklus_dengan(b, 1, "disetujui", [False, False, True]))
    run_sync(siklus_dengan(b, 2, "disusun", [False]))
    daftar = run_sync(layanan.daftar_program())
    assert [p["id"] for p in daftar] == [b, c, a]  # running, draft, finished
    assert (daftar[0]["terakhir"]["nomor"], daftar[0]["terakhir"]["status_nama"], daftar[0]["penerima"]) == (
        2, "Disusun", 2)  # two receive now: the approved cycle's list, the removed one aside
    assert daftar[1]["terakhir"] is None and daftar[1]["bentuk_nama"] == "Barang"
    p = run_sync(layanan.program(b))
    assert [(s["nomor"], s["jumlah"]) for s in p["siklus"]] == [(2, 1), (1, 2)] and p["penerima"] == 2

"""Rules of the register that need no browser: NIK checks, code lists, the journal."""

from datetime import date

import pytest

from core.penduduk import kode
from core.penduduk.formulir import FormErrors, clean_resident
from core.penduduk.jurnal import cancel, correct, record_leaving
from core.penduduk.nik import check_kk, check_nik, temporary
from core.penduduk.pendaftaran import register
from core.penduduk.tables import Penduduk, Peristiwa
from plugin_sdk.testing import run_sync
from core.profil.waktu import today as nagari_today

ACTOR = {"id": 1, "username": "admin"}


def test_nik_hard_errors_and_soft_warnings():
    assert check_nik("130705").errors == ["NIK harus 16 angka."]
    assert "0000" in check_nik("1307051208900000").errors[0]
    woman = check_nik("1307055208900001", date(1990, 8, 12), 2)
    assert woman.ok and woman.warnings == []
    mismatch = check_nik("1307051208900001", date(1991, 8, 12), 2)
    assert mismatch.ok and len(mismatch.warnings) == 2  # date and sex disagree: warnings, not errors
    assert check_nik(temporary("1307052001", 7)).ok
    assert check_kk("13070512345").errors and check_kk("1307051234560001").ok


def test_code_lists_ship_in_full():
    assert len(kode.labels("pekerjaan")) == 89 and kode.label("pekerjaan", 88) == "Wiraswasta"
    assert len(kode.labels("pendidikan_sedang")) == 18
    assert kode.labels("status_kawin")[6] == "Cerai Mati"


FORM = {"nik": "1307051208900001", "nama": "Rustam Datuak", "jenis_kelamin": "1", "tempat_lahir": "Taram",
        "tanggal_lahir": "1990-08-12", "agama": "1", "hubungan": "1", "status_kawin": "2", "pendidikan_kk": "5",
        "pekerjaan": "9", "kewarganegaraan": "1"}


def test_form_errors_name_each_field():
    with pytest.raises(FormErrors) as caught:
        clean_resident({**FORM, "nama": "", "tanggal_lahir": "2999-01-01", "agama": "99", "nik": "12"})
    assert set(caught.value.errors) == {"nama", "tanggal_lahir", "agama", "nik"}


def add(form=None, jenis="pendataan_awal", family=None, tanggal=date(2024, 1, 5)):
    data, _ = clean_resident(form or FORM)
    family = family or {"no_kk": "1307051234560001", "wilayah_id": None, "alamat": "Jorong Koto"}
    return run_sync(register(data, jenis, tanggal, family, actor=ACTOR))


def test_register_death_cancel_and_the_journal(balai):
    pid = add()
    keluarga = run_sync(Penduduk.select(Penduduk.keluarga).where(Penduduk.id == pid).first().run())["keluarga"]
    with pytest.raises(FormErrors, match="sudah punya kepala"):
        add({**FORM, "nik": "1307055505920002", "nama": "Siti", "jenis_kelamin": "2"},
            family={"keluarga_id": keluarga})
    with pytest.raises(FormErrors, match="sudah terdaftar"):
        add(family={"keluarga_id": keluarga})
    death = run_sync(record_leaving(pid, "mati", date(2025, 3, 1), {"sebab": "sakit"}, actor=ACTOR))
    assert run_sync(Penduduk.select(Penduduk.status_dasar).where(Penduduk.id == pid).first().run())["status_dasar"] == 2
    run_sync(cancel(death, "salah orang", actor=ACTOR))
    assert run_sync(Penduduk.select(Penduduk.status_dasar).where(Penduduk.id == pid).first().run())["status_dasar"] == 1
    kinds = [e["jenis"] for e in run_sync(Peristiwa.select(Peristiwa.jenis).order_by(Peristiwa.id).run())]
    assert kinds == ["pendataan_awal", "mati", "pembatalan"]
    assert run_sync(Peristiwa.select(Peristiwa.dibatalkan).where(Peristiwa.id == death).first().run())["dibatalkan"]


def test_correction_keeps_old_and_new_and_nothing_half_saved(balai):
    pid = add()
    data, _ = clean_resident({**FORM, "nama": "Rustam Dt. Bandaro", "pekerjaan": "88"})
    changed = run_sync(correct(pid, data, actor=ACTOR, alasan="salah ketik"))
    assert changed["nama"] == ["Rustam Datuak", "Rustam Dt. Bandaro"] and changed["pekerjaan"] == [9, 88]
    entry = run_sync(Peristiwa.select().where(Peristiwa.jenis == "koreksi").first().run())
    assert "Rustam Datuak" in entry["rincian"]


def test_a_returning_resident_is_reactivated_not_duplicated(balai):
    pid = add()
    run_sync(record_leaving(pid, "pindah_keluar", date(2024, 6, 1), {"tujuan": "Padang"}, actor=ACTOR))
    again = add(jenis="pindah_masuk", family={"no_kk": "1307051234560002", "wilayah_id": None, "alamat": "Koto"},
                tanggal=date(2025, 1, 1))
    assert again == pid
    row = run_sync(Penduduk.select(Penduduk.status_dasar).where(Penduduk.id == pid).first().run())
    assert row["status_dasar"] == 1 and run_sync(Penduduk.count().run()) == 1


def test_a_late_entry_counts_in_the_first_open_month(balai):
    from core.penduduk.bulan import close_month

    with pytest.raises(FormErrors, match="sudah lewat"):
        run_sync(close_month(nagari_today().strftime("%Y-%m"), actor=ACTOR))
    run_sync(close_month("2025-06", actor=ACTOR, today=date(2025, 8, 1)))
    with pytest.raises(FormErrors, match="sudah ditutup"):
        run_sync(close_month("2025-05", actor=ACTOR, today=date(2025, 8, 1)))
    pid = add(tanggal=date(2025, 3, 10))  # registered late: March was already closed
    run_sync(record_leaving(pid, "mati", date(2025, 7, 2), {}, actor=ACTOR))
    months = [e["bulan_laporan"] for e in run_sync(Peristiwa.select(Peristiwa.bulan_laporan).order_by(
        Peristiwa.id).run())]
    assert months == ["2025-07", "2025-07"]

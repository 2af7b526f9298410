"""Marriage and divorce as journal events: statuses, family cards, the journal, widowhood at a death, every
refusal leaving the register untouched, the monthly report unmoved, and the pages a clerk clicks through."""

import json
from datetime import date, timedelta

import pytest

from core.audit.tables import AuditEntri
from core.penduduk.formulir import FormErrors, clean_resident
from core.penduduk.jurnal import cancel, record_leaving
from core.penduduk.pendaftaran import register
from core.penduduk.perkawinan import record_divorce, record_marriage, spouses
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, RiwayatKK, Wilayah
from plugin_sdk.testing import post_form, run_sync
from plugins.statistik.bulanan import monthly_report
from core.profil.waktu import today as nagari_today

ACTOR = {"id": 1, "username": "admin"}
TODAY = nagari_today()
WED = date(2025, 6, 14)
BASE = {"tempat_lahir": "Taram", "agama": "1", "hubungan": "1", "status_kawin": "1", "pendidikan_kk": "5",
        "pekerjaan": "9", "kewarganegaraan": "1"}


def person(nik, nama, sex, born, *, kk=None, join=None, **form):
    data, _ = clean_resident({**BASE, "nik": nik, "nama": nama, "jenis_kelamin": str(sex), "tanggal_lahir": born,
                              **form})
    family = {"keluarga_id": row(join)["keluarga"]} if join else {"no_kk": kk, "wilayah_id": form.get("w"),
                                                                   "alamat": "Jorong Koto"}
    return run_sync(register(data, "pendataan_awal", date(2024, 1, 5), family, actor=ACTOR))


def row(pid):
    return run_sync(Penduduk.select().where(Penduduk.id == pid).first().run())


def entries(pid, jenis):
    rows = run_sync(Peristiwa.select().where((Peristiwa.penduduk == pid) & (Peristiwa.jenis == jenis)).order_by(
        Peristiwa.id).run())
    return [{**r, "rincian": json.loads(r["rincian"])} for r in rows]


@pytest.fixture
def village(balai):
    """Rustam and Siti unmarried, each heading a KK of their own; Datuk and Nurani married before the register
    began (the KK says so, the journal has no marriage); Rina heads a KK with her son; Bujang is a single man."""
    people = {
        "rustam": person("1307051208900001", "Rustam", 1, "1990-08-12", kk="1307050000000001"),
        "siti": person("1307055509920002", "Siti", 2, "1992-09-15", kk="1307050000000002"),
        "datuk": person("1307050101600003", "Datuk", 1, "1960-01-01", kk="1307050000000003", status_kawin="2"),
        "rina": person("1307054103880005", "Rina", 2, "1988-03-01", kk="1307050000000005", status_kawin="6"),
        "bujang": person("1307050202950007", "Bujang", 1, "1995-02-02", kk="1307050000000007"),
    }
    people["nurani"] = person("1307054101620004", "Nurani", 2, "1962-01-01", join=people["datuk"], hubungan="3",
                              status_kawin="2")
    people["anak"] = person("1307050505100006", "Anak Rina", 1, "2010-05-05", join=people["rina"], hubungan="4")
    return people


def snapshot():
    residents = run_sync(Penduduk.select(Penduduk.id, Penduduk.status_kawin, Penduduk.keluarga, Penduduk.hubungan,
                                         Penduduk.no_akta_kawin, Penduduk.status_dasar).order_by(Penduduk.id).run())
    return (run_sync(Peristiwa.count().run()), run_sync(AuditEntri.count().run()), run_sync(Keluarga.count().run()),
            run_sync(RiwayatKK.count().run()), residents)


def test_marriage_with_a_new_kk_marries_both_and_journals_each(village):
    r, s = village["rustam"], village["siti"]
    ids = run_sync(record_marriage(r, s, WED, no_akta="0123/045/VI/2025", tanggal_akta=WED, keluarga="baru",
                                   no_kk="1307051406250001", actor=ACTOR))
    rustam, siti = row(r), row(s)
    assert rustam["status_kawin"] == siti["status_kawin"] == 2  # Kawin Tercatat: a certificate number was given
    assert rustam["no_akta_kawin"] == siti["no_akta_kawin"] == "0123/045/VI/2025"
    new = run_sync(Keluarga.select().where(Keluarga.no_kk == "1307051406250001").first().run())
    assert rustam["keluarga"] == siti["keluarga"] == new["id"]
    assert (rustam["hubungan"], siti["hubungan"]) == (1, 3)  # the husband heads it, the wife is Istri
    for me, other in ((r, s), (s, r)):
        [entry] = entries(me, "perkawinan")
        assert entry["id"] in ids and entry["tanggal_peristiwa"] == WED
        assert entry["rincian"]["pasangan_id"] == other and entry["rincian"]["no_akta"] == "0123/045/VI/2025"
        assert entry["rincian"]["tanggal_akta"] == "2025-06-14"
        assert entry["rincian"]["sebelum"]["status_kawin"] == 1 and entry["rincian"]["sesudah"]["status_kawin"] == 2
        assert len(entries(me, "perubahan_kk")) == 1
        assert run_sync(AuditEntri.count().where((AuditEntri.aksi == "perkawinan")
                                                 & (AuditEntri.objek_id == str(me))).run()) == 1
    assert [p["id"] for p in run_sync(spouses(r))] == [s]


def test_joining_a_kk_as_spouse_or_as_menantu(village):
    run_sync(record_marriage(village["siti"], village["rustam"], WED, keluarga="gabung", ikut=village["siti"],
                             actor=ACTOR))
    siti = row(village["siti"])
    assert siti["status_kawin"] == 3  # no certificate: Kawin Belum Tercatat
    assert siti["keluarga"] == row(village["rustam"])["keluarga"] and siti["hubungan"] == 3
    # The newcomer is Suami/Istri only when the host heads the KK; joining a daughter's KK makes him Menantu.
    anak = person("1307054404000008", "Putri Datuk", 2, "2000-04-04", join=village["datuk"], hubungan="4")
    run_sync(record_marriage(village["bujang"], anak, WED, keluarga="gabung", ikut=village["bujang"], actor=ACTOR))
    bujang = row(village["bujang"])
    assert bujang["keluarga"] == row(village["datuk"])["keluarga"] and bujang["hubungan"] == 5  # Menantu


def test_divorce_makes_both_cerai_hidup_and_hands_the_kk_over(village):
    r, s = village["rustam"], village["siti"]
    run_sync(record_marriage(r, s, WED, no_akta="0123/2025", tanggal_akta=WED, keluarga="gabung", ikut=s,
                             actor=ACTOR))
    kk = row(r)["keluarga"]
    with pytest.raises(FormErrors, match="akta cerai"):  # a registered marriage ends by a court's decision
        run_sync(record_divorce(s, None, date(2026, 1, 10), actor=ACTOR))
    day = min(TODAY, date(2026, 1, 10))
    run_sync(record_divorce(s, None, day, no_akta="77/AC/2026", tanggal_akta=day, keluarga="baru", keluar=r,
                            no_kk="1307051001260001", actor=ACTOR))
    rustam, siti = row(r), row(s)
    assert rustam["status_kawin"] == siti["status_kawin"] == 4  # Cerai Hidup Tercatat
    assert (siti["keluarga"], siti["hubungan"]) == (kk, 1)  # she now heads the KK he left
    assert rustam["hubungan"] == 1 and rustam["keluarga"] != kk
    [entry] = entries(r, "perceraian")
    assert entry["rincian"]["pasangan_id"] == s and entry["rincian"]["jenis_cerai"] == "cerai hidup"
    assert run_sync(spouses(r)) == [] and run_sync(spouses(s)) == []


def test_a_death_widows_the_spouse_in_the_same_step(village):
    r, s = village["rustam"], village["siti"]
    run_sync(record_marriage(r, s, WED, actor=ACTOR))
    death = run_sync(record_leaving(r, "mati", date(2025, 12, 1), {"sebab": "sakit"}, actor=ACTOR))
    assert row(s)["status_kawin"] == 6 and row(r)["status_kawin"] == 3  # the dead keep their last status
    [entry] = entries(s, "perceraian")
    assert entry["rincian"] == {**entry["rincian"], "jenis_cerai": "cerai mati", "peristiwa_mati": death,
                                "pasangan_id": r}
    # Older records: no marriage entry, the KK says who the spouse is.
    run_sync(record_leaving(village["datuk"], "mati", date(2025, 12, 2), {}, actor=ACTOR))
    assert row(village["nurani"])["status_kawin"] == 6
    # A death of an unmarried resident touches nobody else.
    before = run_sync(Peristiwa.count().run())
    run_sync(record_leaving(village["bujang"], "mati", date(2025, 12, 3), {}, actor=ACTOR))
    assert run_sync(Peristiwa.count().run()) == before + 1


def test_polygamy_needs_the_courts_permit_and_then_both_wives_count(village):
    r, s, rina = village["rustam"], village["siti"], village["rina"]
    run_sync(record_marriage(r, s, WED, actor=ACTOR))
    run_sync(record_marriage(r, rina, date(2025, 8, 1), izin_poligami=True, no_izin="12/Pdt.P/2025/PA.Tsb",
                             actor=ACTOR))
    assert entries(rina, "perkawinan")[0]["rincian"]["izin_pengadilan"] == "12/Pdt.P/2025/PA.Tsb"
    assert {p["id"] for p in run_sync(spouses(r))} == {s, rina}
    with pytest.raises(FormErrors, match="lebih dari satu pasangan"):
        run_sync(record_divorce(r, None, date(2025, 9, 1), actor=ACTOR))
    run_sync(record_leaving(r, "mati", date(2025, 10, 1), {}, actor=ACTOR))
    assert row(s)["status_kawin"] == row(rina)["status_kawin"] == 6


def test_cancelling_one_marriage_entry_restores_that_persons_status(village):
    r, s = village["rustam"], village["siti"]
    mine, _ = run_sync(record_marriage(r, s, WED, no_akta="9/2025", tanggal_akta=WED, actor=ACTOR))
    run_sync(cancel(mine, "salah orang", actor=ACTOR))
    assert (row(r)["status_kawin"], row(r)["no_akta_kawin"]) == (1, "")
    assert run_sync(spouses(r)) == []


def bad_inputs(v):
    """(call, field, words of the message) for every refusal; each call makes its coroutine when run."""
    r, s, dead = v["rustam"], v["siti"], v["bujang"]
    def marry(a, b, tanggal=WED, **kw):
        return lambda: record_marriage(a, b, tanggal, actor=ACTOR, **kw)

    def divorce(a, b, tanggal=WED, **kw):
        return lambda: record_divorce(a, b, tanggal, actor=ACTOR, **kw)

    return [
        (marry(r, r), "pasangan", "orang yang sama"),
        (marry(r, v["datuk"]), "pasangan", "laki-laki dan seorang perempuan"),
        (marry(s, dead), "pasangan", "berstatus mati"),
        (marry(r, s, tanggal=TODAY + timedelta(days=1)), "tanggal_peristiwa", "masa depan"),
        (marry(r, s, tanggal=date(1991, 1, 1)), "tanggal_peristiwa", "sebelum tanggal lahir"),
        (marry(r, v["nurani"]), "pasangan", "masih berstatus kawin"),
        (marry(v["datuk"], s), "izin_poligami", "izin Pengadilan"),
        (marry(v["datuk"], s, izin_poligami=True), "no_izin", "Nomor izin pengadilan"),
        (marry(r, s, no_akta="1/2025", tanggal_akta=date(2025, 1, 1)), "tanggal_akta", "sebelum tanggal peristiwa"),
        (marry(r, s, no_akta="1/2025"), "tanggal_akta", "wajib diisi"),
        (marry(r, s, tanggal_lapor=TODAY + timedelta(days=1)), "tanggal_lapor", "masa depan"),
        (marry(r, s, keluarga="pindah"), "keluarga", "Pilih perubahan KK"),
        (marry(r, s, keluarga="gabung"), "ikut", "Pilih siapa"),
        (marry(r, s, keluarga="baru", no_kk="123"), "no_kk", "16 angka"),
        (marry(r, s, keluarga="baru", kepala=v["datuk"]), "kepala", "salah satu dari pasangan"),
        # refused only after both statuses were written: the head of a KK with a child cannot leave it
        (marry(r, v["rina"], keluarga="baru", kepala=v["rina"], no_kk="1307050000000099"), "umum",
         "masih punya anggota"),
        (divorce(r, None), "umum", "tidak berstatus kawin"),
        (divorce(v["datuk"], s), "pasangan", "tidak tercatat sebagai pasangan"),
        (divorce(v["datuk"], v["datuk"]), "pasangan", "orang yang sama"),
        # refused after both statuses were written: no family with that number
        (divorce(v["datuk"], None, date(2025, 2, 1), no_akta="5/AC", tanggal_akta=date(2025, 2, 2),
                 keluarga="gabung", keluar=v["nurani"], hubungan=4), "keluarga_id", "nomor KK"),
    ]


def test_every_bad_input_is_refused_and_nothing_is_half_saved(village):
    run_sync(record_leaving(village["bujang"], "mati", date(2025, 1, 1), {}, actor=ACTOR))  # Bujang is dead
    before = snapshot()
    for call, field, words in bad_inputs(village):
        with pytest.raises(FormErrors) as caught:
            run_sync(call)
        assert field in caught.value.errors and words in caught.value.errors[field], (field, caught.value.errors)
        assert snapshot() == before, (field, words)


def test_a_dead_or_moved_away_resident_cannot_marry_or_divorce(village):
    run_sync(record_leaving(village["siti"], "pindah_keluar", date(2025, 1, 1), {}, actor=ACTOR))
    before = snapshot()
    with pytest.raises(FormErrors, match="berstatus pindah"):
        run_sync(record_marriage(village["rustam"], village["siti"], WED, actor=ACTOR))
    with pytest.raises(FormErrors, match="berstatus pindah"):
        run_sync(record_divorce(village["siti"], None, WED, actor=ACTOR))
    assert snapshot() == before


def test_the_monthly_report_does_not_move_with_a_marriage(balai):
    koto = run_sync(Wilayah.insert(Wilayah(nama="Koto")).returning(Wilayah.id).run())[0]["id"]
    baruah = run_sync(Wilayah.insert(Wilayah(nama="Baruah")).returning(Wilayah.id).run())[0]["id"]
    r = person("1307051208900001", "Rustam", 1, "1990-08-12", kk="1307050000000001", w=koto)
    s = person("1307055509920002", "Siti", 2, "1992-09-15", kk="1307050000000002", w=baruah)
    month = f"{TODAY.year:04d}-{TODAY.month:02d}"
    before = run_sync(monthly_report(month))
    run_sync(record_marriage(r, s, TODAY, keluarga="tetap", actor=ACTOR))
    assert run_sync(monthly_report(month)) == before  # a marriage alone is no movement
    run_sync(record_divorce(r, None, TODAY, actor=ACTOR))
    assert run_sync(monthly_report(month)) == before
    run_sync(record_marriage(r, s, TODAY, keluarga="gabung", ikut=s, actor=ACTOR))  # Siti moves to Koto
    after = run_sync(monthly_report(month))
    total, was = after["total"]["angka"]["jumlah"]["jumlah"], before["total"]["angka"]["jumlah"]["jumlah"]
    assert {k: total[k] for k in ("awal", "lahir", "datang", "mati", "pindah", "akhir")} == \
        {k: was[k] for k in ("awal", "lahir", "datang", "mati", "pindah", "akhir")}
    places = {b["wilayah"]: b["angka"]["jumlah"]["jumlah"]["akhir"] for b in after["baris"]}
    assert places[koto] == 2 and places[baruah] == 0  # the family change moves her, as any KK move would


def test_the_pages_record_a_marriage_and_a_divorce(admin_client, village):
    r, s = village["rustam"], village["siti"]
    page = admin_client.get(f"/admin/penduduk/{r}").text
    assert f'href="/admin/penduduk/{r}/perkawinan"' in page and "/perceraian" not in page
    form = {"pasangan_nik": "1307055509920002", "tanggal_peristiwa": "2025-06-14", "no_akta": "0123/2025",
            "tanggal_akta": "2025-06-14", "keluarga": "gabung", "ikut": "pasangan"}
    wrong = post_form(admin_client, f"/admin/penduduk/{r}/perkawinan", {**form, "pasangan_nik": "1307059999990001"})
    assert wrong.status_code == 400 and "Tidak ada penduduk dengan NIK itu." in wrong.text
    assert row(r)["status_kawin"] == 1
    done = post_form(admin_client, f"/admin/penduduk/{r}/perkawinan", form)
    assert done.status_code == 200 and "Perkawinan Rustam dan Siti dicatat." in done.text
    assert "Perkawinan" in done.text and f'href="/admin/penduduk/{r}/perceraian"' in done.text
    assert row(s)["keluarga"] == row(r)["keluarga"] and row(s)["hubungan"] == 3
    divorce_page = admin_client.get(f"/admin/penduduk/{r}/perceraian").text
    assert "Siti (NIK 1307055509920002)" in divorce_page
    no_akta = post_form(admin_client, f"/admin/penduduk/{r}/perceraian",
                        {"pasangan_id": str(s), "tanggal_peristiwa": "2025-12-01", "keluarga": "tetap"})
    assert no_akta.status_code == 400 and "akta cerai" in no_akta.text
    split = post_form(admin_client, f"/admin/penduduk/{r}/perceraian", {
        "pasangan_id": str(s), "tanggal_peristiwa": "2025-12-01", "no_akta": "77/AC/2025",
        "tanggal_akta": "2025-12-02", "keluarga": "gabung", "keluar": "pasangan",
        "no_kk_tujuan": "1307050000000003", "hubungan": "9"})
    assert "Perceraian Rustam dicatat." in split.text
    assert row(s)["status_kawin"] == 4 and row(s)["keluarga"] == row(village["datuk"])["keluarga"]
    assert "tidak berstatus kawin" in admin_client.get(f"/admin/penduduk/{village['bujang']}/perceraian").text

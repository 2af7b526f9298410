"""The statistik contract (plugins.statistik.api): every category against direct counts on a demo register,
as-of dates around a birth and a death, bad input, and the register version used by the cache."""

from collections import Counter
from datetime import date, timedelta

import pytest

from balai_demo.penduduk import build
from core.penduduk.formulir import clean_resident
from core.penduduk.jurnal import move_within, record_leaving
from core.penduduk.pendaftaran import register as enrol
from core.penduduk.tables import Keluarga, Penduduk, Wilayah
from core.profil.waktu import today as nagari_today
from plugin_sdk import register
from plugin_sdk.testing import run_sync
from plugins.statistik import api

ACTOR = {"id": 1, "username": "admin"}
TODAY = nagari_today()  # the nagari's date (WIB), a day ahead of UTC in the evening


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@pytest.fixture
def demo(balai):
    run_sync(build(300, seed=7))
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run())


def total(rows, **match) -> int:
    return sum(r["jumlah"] for r in rows if all(r[k] == v for k, v in match.items()))


def test_field_categories_match_direct_counts(demo):
    for kode, field in (("agama", "agama"), ("pendidikan_kk", "pendidikan_kk"), ("pekerjaan", "pekerjaan"),
                        ("cacat", "cacat"), ("status_kawin", "status_kawin"), ("asuransi", "asuransi")):
        rows = run_sync(api.table(kode))
        expected = Counter((p[field], p["jenis_kelamin"]) for p in demo)
        for r in rows:
            assert r["jumlah"] == expected.get((r["kode"], r["jenis_kelamin"]), 0), (kode, r)
        assert sum(r["jumlah"] for r in rows) == len(demo)
        # every code of the list is there, zeros included, both sexes
        assert {r["kode"] for r in rows} >= set(register.code_labels(field))
        assert all(r["wilayah"] is None and r["wilayah_nama"] for r in rows)


def test_age_groups_and_derived_categories(demo):
    ages = {p["id"]: _age(p["tanggal_lahir"], TODAY) for p in demo}
    rows = run_sync(api.table("umur"))
    assert total(rows, kode="0-4") == sum(1 for a in ages.values() if a <= 4)
    assert total(rows, kode="75+") == sum(1 for a in ages.values() if a >= 75)
    stages = run_sync(api.table("tahap_umur"))
    assert total(stages, kode="lansia") == sum(1 for a in ages.values() if a >= 60)
    assert total(stages, kode="remaja") == sum(1 for a in ages.values() if 12 <= a <= 17)
    wajib = sum(1 for p in demo if ages[p["id"]] >= 17 or p["status_kawin"] != 1)
    assert total(run_sync(api.table("wajib_ktp")), kode=1) == wajib
    pemilih = sum(1 for p in demo if (ages[p["id"]] >= 17 or p["status_kawin"] != 1) and p["kewarganegaraan"] == 1)
    assert total(run_sync(api.table("calon_pemilih")), kode=1) == pemilih
    assert total(run_sync(api.table("akta_lahir")), kode=1) == sum(1 for p in demo if p["no_akta_lahir"])
    men = total(run_sync(api.table("jenis_kelamin")), kode=1)
    assert men == sum(1 for p in demo if p["jenis_kelamin"] == 1)


def test_families_and_households(demo):
    families = {p["keluarga"] for p in demo if p["keluarga"]}
    rows = run_sync(api.table("kelas_sosial"))
    assert sum(r["jumlah"] for r in rows) == len(families)
    kelas = Counter(f["kelas_sosial"] for f in run_sync(Keluarga.select().run()) if f["id"] in families)
    for kode, n in kelas.items():
        assert total(rows, kode=kode) == n
    households = {p["rumah_tangga"] for p in demo if p["rumah_tangga"]}
    assert sum(r["jumlah"] for r in run_sync(api.table("rumah_tangga"))) == len(households)


def test_by_jorong_every_cell_and_the_sums(demo):
    rows = run_sync(api.table("pendidikan_kk", tingkat=1))
    jorong = run_sync(Wilayah.select().where(Wilayah.tingkat == 1).run())
    assert {r["wilayah"] for r in rows} == {w["id"] for w in jorong}
    codes = len(register.code_labels("pendidikan_kk")) + 1
    assert len(rows) == len(jorong) * codes * 2
    for w in jorong:
        direct = Counter(p["pendidikan_kk"] for p in demo if p["wilayah"] == w["id"])
        for kode, n in direct.items():
            assert total(rows, wilayah=w["id"], kode=kode) == n
    assert sum(r["jumlah"] for r in rows) == len(demo)


def test_status_filter(demo):
    tetap = sum(1 for p in demo if p["status_penduduk"] == 1)
    assert sum(r["jumlah"] for r in run_sync(api.table("agama", status=1))) == tetap


def _newborn(nik: str, born: date, family: int, wilayah: int) -> int:
    data, errors = clean_resident({"nik": nik, "nama": "Bayi Uji", "tempat_lahir": "Taram",
                                   "tanggal_lahir": born.isoformat(), "agama": "1", "hubungan": "4",
                                   "status_kawin": "1", "pendidikan_kk": "1", "pekerjaan": "1",
                                   "kewarganegaraan": "1", "jenis_kelamin": "2", "wilayah": str(wilayah)})
    assert not errors, errors
    return run_sync(enrol(data, "lahir", born, {"keluarga_id": family}, actor=ACTOR))


def test_as_of_before_and_after_a_birth_a_death_and_a_move(demo):
    before = TODAY.replace(day=1) - timedelta(days=1)          # the last day of last month
    now = sum(r["jumlah"] for r in run_sync(api.table("jenis_kelamin")))
    then = sum(r["jumlah"] for r in run_sync(api.table("jenis_kelamin", per=before)))
    someone = demo[0]
    nik = f"130705{TODAY.day + 40:02d}{TODAY.month:02d}{TODAY.year % 100:02d}0099"
    _newborn(nik, TODAY, someone["keluarga"], someone["wilayah"])
    run_sync(record_leaving(demo[1]["id"], "mati", TODAY, {"sebab": "sakit"}, actor=ACTOR))
    jorong = [w["id"] for w in run_sync(Wilayah.select().where(Wilayah.tingkat == 1).run())]
    mover = demo[2]
    target = next(w for w in jorong if w != mover["wilayah"])
    run_sync(move_within(mover["id"], target, TODAY, actor=ACTOR))
    # today: one born, one died; last month: as before, the mover still in the old jorong
    assert sum(r["jumlah"] for r in run_sync(api.table("jenis_kelamin"))) == now
    assert total(run_sync(api.table("jenis_kelamin")), jenis_kelamin=2) == \
        sum(1 for p in demo if p["jenis_kelamin"] == 2) + 1 - (demo[1]["jenis_kelamin"] == 2)
    assert sum(r["jumlah"] for r in run_sync(api.table("jenis_kelamin", per=before))) == then
    old = run_sync(api.table("jenis_kelamin", tingkat=1, per=before))
    assert total(old, wilayah=mover["wilayah"]) == sum(1 for p in demo if p["wilayah"] == mover["wilayah"])
    new = run_sync(api.table("jenis_kelamin", tingkat=1))
    living = run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run())
    for w in jorong:
        assert total(new, wilayah=w) == sum(1 for p in living if p["wilayah"] == w)
    assert total(new, wilayah=target) == total(old, wilayah=target) + 1 + \
        sum(1 for p in living if p["nama"] == "Bayi Uji" and p["wilayah"] == target) - \
        (demo[1]["wilayah"] == target)


def test_bad_input_is_a_statistik_error_in_indonesian(demo):
    with pytest.raises(api.StatistikError, match="tidak dikenal") as unknown:
        run_sync(api.table("zodiak"))
    assert unknown.value.tidak_ada
    for kwargs, pesan in (({"tingkat": 4}, "Tingkat wilayah"), ({"tingkat": "x"}, "Tingkat wilayah"),
                          ({"per": TODAY + timedelta(days=1)}, "masa depan"),
                          ({"per": date(1900, 1, 31)}, "sebelum buku register"),
                          ({"per": "2026-13"}, "bukan tanggal"), ({"per": "kemarin"}, "bukan tanggal"),
                          ({"status": 9}, "Status penduduk")):
        with pytest.raises(api.StatistikError, match=pesan) as bad:
            run_sync(api.table("agama", **kwargs))
        assert not bad.value.tidak_ada


def test_today_is_the_nagari_s_date_not_the_server_s(demo, monkeypatch):
    """Just after midnight WIB on the 1st the server (UTC) is still on the last day of the month: that day is
    past for the nagari and has its own figures. Here the nagari's clock is set three days behind the server's."""
    import core.profil.waktu as waktu
    from datetime import datetime

    behind = datetime.now(waktu.zone({})[1]) - timedelta(days=3)

    class NagariClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return behind.astimezone(tz)

    monkeypatch.setattr(waktu, "datetime", NagariClock)
    nagari_today = behind.date()
    with pytest.raises(api.StatistikError, match="masa depan"):  # tomorrow for the nagari, past for the server
        run_sync(api.table("agama", per=nagari_today + timedelta(days=1)))
    assert run_sync(api.table("agama", per=nagari_today)) == run_sync(api.table("agama"))  # today: the live count


def test_period_reads_months_as_their_last_day():
    assert api.period("2024-02") == date(2024, 2, 29)
    assert api.period("2024-02-10") == date(2024, 2, 10)
    assert api.period("") is None


def test_all_tables_and_the_version_changes_with_the_register(demo):
    every = run_sync(api.all_tables())
    assert list(every) == [k.kode for k in api.categories()]
    assert all(sum(r["jumlah"] for r in rows) == len(demo) for k, rows in every.items()
               if api.categories()[[c.kode for c in api.categories()].index(k)].satuan == "penduduk")
    version = run_sync(register.data_version())
    run_sync(record_leaving(demo[0]["id"], "pergi", TODAY, {}, actor=ACTOR))
    assert run_sync(register.data_version()) != version
    assert sum(r["jumlah"] for r in run_sync(api.table("agama"))) == len(demo) - 1

"""Entering the nagari's profile (plugin `potensi`, issue 24): a theme's form is saved all or nothing with every
message beside its field, an empty value removes a figure, every change is audited with its old and new value, last
year is copied without overwriting, a future year is refused, completeness is counted per theme, and the public sees
only the published indicators of the year the office publishes: typing or copying another year moves nothing."""

from __future__ import annotations

import json
from datetime import date
from importlib.metadata import EntryPoint, entry_points
from types import SimpleNamespace

import pytest

from core.audit.tables import AuditEntri
from core.penduduk.tables import Wilayah
from plugin_sdk import public_version
from plugin_sdk.testing import run_sync
from plugins.potensi import layanan
from plugins.potensi.api import data_publik, nilai_tahun, tahun_tersedia
from plugins.potensi.indikator import indikator_bawaan
from plugins.potensi.layanan import IsianError, Nilai
from plugins.potensi.terbit import atur_terbit, diterbitkan, tahun_diterbitkan

HARI_INI = date(2026, 6, 1)
DIPASANG = any(e.name == "potensi" for e in entry_points(group="balai.plugins"))


@pytest.fixture
def balai_entry_points():
    if DIPASANG:
        return None  # the migrated template
    return [*entry_points(group="balai.plugins"), EntryPoint("potensi", "plugins.potensi.plugin", "balai.plugins")]


@pytest.fixture
def balai_plugins():
    return [] if DIPASANG else ["potensi"]


@pytest.fixture
def nagari(balai):
    """Two jorong (and an RW under one, which is not a jorong), and the operator's request."""
    def tempat(nama, tingkat=1, induk=None):
        return run_sync(Wilayah.insert(Wilayah(nama=nama, tingkat=tingkat, induk=induk)).returning(Wilayah.id).run()
                        )[0]["id"]
    koto, padang = tempat("Koto Tinggi"), tempat("Padang Aro")
    rw = tempat("RW 1", 2, koto)
    req = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(balai=balai)), client=None,
                          state={"user": {"id": 1, "username": "admin"}}, emit=_emit(balai))
    return SimpleNamespace(req=req, koto=koto, padang=padang, rw=rw)


def _emit(balai):
    from core.plugin_host.events import emit_outside_request

    return lambda event, **kw: emit_outside_request(balai, event, **kw)


def simpan(nagari, tema, isian, tahun=2026):
    return run_sync(layanan.simpan_tema(nagari.req, tahun, tema, isian, hari_ini=HARI_INI))


def gagal(coro) -> IsianError:
    with pytest.raises(IsianError) as e:
        run_sync(coro)
    return e.value


def audit(jenis: str) -> list[dict]:
    rows = run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == jenis).order_by(AuditEntri.nomor).run())
    return [{**r, "rincian": json.loads(r["rincian"])} for r in rows]


def test_a_theme_with_one_bad_field_saves_nothing_and_names_every_problem(nagari):
    e = gagal(layanan.simpan_tema(nagari.req, 2026, "peternakan", {
        "n:sapi:0": "1.200", "s:sapi:0": "Sensus ternak",
        "n:kerbau:0": "12,5", "n:kambing:0": "-4", "n:itik:0": "banyak",
        "n:ayam_buras:0": "300", "s:ayam_buras:0": "x" * 121, "k:ayam_buras:0": "y" * 251}, hari_ini=HARI_INI))
    assert e.galat == {"n:kerbau:0": "Bilangan bulat saja (jumlah).", "n:kambing:0": "Tidak boleh negatif.",
                       "n:itik:0": "Isi dengan angka, misalnya 1.234,5.",
                       "s:ayam_buras:0": "Sumber paling panjang 120 huruf (sekarang 121).",
                       "k:ayam_buras:0": "Catatan paling panjang 250 huruf (sekarang 251)."}
    assert "5 isian belum benar" in str(e)
    assert run_sync(nilai_tahun(2026)) == {} and audit("potensi.nilai") == []


def test_saving_upserts_changed_figures_removes_emptied_ones_and_audits_each(nagari):
    sebelum = run_sync(public_version())
    assert simpan(nagari, "peternakan", {"n:sapi:0": "1.200", "s:sapi:0": "  Sensus\nternak ", "n:kerbau:0": "85",
                                         "n:kambing:0": "", "n:itik:0": "40", "k:itik:0": "itik petelur"}) == 3
    nilai = run_sync(nilai_tahun(2026))
    assert nilai[("sapi", 0)] == Nilai("sapi", 0, 120000, "Sensus ternak", "")
    assert set(nilai) == {("sapi", 0), ("kerbau", 0), ("itik", 0)}
    # the same form again: sapi changed, kerbau emptied, itik untouched, kambing still empty; ayam not on the form
    assert simpan(nagari, "peternakan", {"n:sapi:0": "1.250", "s:sapi:0": "Sensus ternak", "n:kerbau:0": " ",
                                         "n:itik:0": "40", "k:itik:0": "itik petelur", "n:kambing:0": ""}) == 2
    nilai = run_sync(nilai_tahun(2026))
    assert nilai[("sapi", 0)].nilai == 125000 and ("kerbau", 0) not in nilai and nilai[("itik", 0)].nilai == 4000
    entri = audit("potensi.nilai")
    assert [(e["aksi"], e["objek_id"], e["pengguna"]) for e in entri] == [
        ("isi", "2026:sapi:0", "admin"), ("isi", "2026:kerbau:0", "admin"), ("isi", "2026:itik:0", "admin"),
        ("ubah", "2026:sapi:0", "admin"), ("hapus", "2026:kerbau:0", "admin")]
    assert entri[0]["rincian"]["nilai"] == [None, "1.200"] and entri[0]["rincian"]["sumber"] == [None, "Sensus ternak"]
    assert entri[3]["rincian"] == {"tahun": 2026, "indikator": "sapi", "jorong": 0, "nilai": ["1.200", "1.250"]}
    assert entri[4]["rincian"]["nilai"] == ["85", None]
    assert run_sync(public_version()) == sebelum  # nothing published yet: the public pages stay as they are
    assert simpan(nagari, "peternakan", {"n:sapi:0": "1.250", "s:sapi:0": "Sensus ternak"}) == 0


def test_a_jorong_indicator_takes_one_figure_per_jorong_and_completeness_counts_them(nagari):
    koto, padang = nagari.koto, nagari.padang
    assert simpan(nagari, "energi", {f"n:listrik_pln:{koto}": "95,5", f"n:listrik_pln:{nagari.rw}": "10",
                                     f"n:sinyal_4g:{padang}": "60", "n:listrik_pln:0": "90"}) == 2
    assert set(run_sync(nilai_tahun(2026))) == {("listrik_pln", koto), ("sinyal_4g", padang)}
    e = gagal(layanan.simpan_tema(nagari.req, 2026, "energi", {f"n:listrik_pln:{padang}": "101"},
                                  hari_ini=HARI_INI))
    assert e.galat == {f"n:listrik_pln:{padang}": "Paling banyak 100 %."}
    simpan(nagari, "peternakan", {"n:sapi:0": "10", "n:kerbau:0": "3"})
    semua = list(indikator_bawaan())
    energi = sum(i.tema == "energi" for i in semua)
    ternak = sum(i.tema == "peternakan" for i in semua)
    hasil = run_sync(layanan.kelengkapan(2026, semua, [koto, padang]))
    assert list(hasil)[:3] == ["lahan", "pangan", "perkebunan"]
    assert hasil["energi"] == (2, 2 * energi) and hasil["peternakan"] == (2, ternak) and hasil["lahan"][0] == 0
    assert run_sync(layanan.kelengkapan(2025, semua, [koto, padang]))["energi"] == (0, 2 * energi)


def test_a_future_year_or_one_before_2000_is_refused(nagari):
    e = gagal(layanan.simpan_tema(nagari.req, 2027, "peternakan", {"n:sapi:0": "1"}, hari_ini=HARI_INI))
    assert e.galat == {"tahun": "Tahun 2027 belum berjalan: isi profil tahun berjalan atau sebelumnya."}
    assert str(e) == e.galat["tahun"]
    assert "2000" in gagal(layanan.simpan_tema(nagari.req, 1999, "peternakan", {}, hari_ini=HARI_INI)).galat["tahun"]
    assert "tema" in gagal(layanan.simpan_tema(nagari.req, 2026, "kuliner", {}, hari_ini=HARI_INI)).galat
    assert gagal(layanan.salin_tahun(nagari.req, 2026, 2027, hari_ini=HARI_INI)).galat["tahun"].startswith("Tahun 2027")
    assert run_sync(nilai_tahun(2027)) == {}


def test_copying_last_year_fills_only_what_this_year_lacks(nagari):
    assert "Belum ada data tahun 2025 untuk disalin." in str(gagal(
        layanan.salin_tahun(nagari.req, 2025, 2026, hari_ini=HARI_INI)))
    simpan(nagari, "peternakan", {"n:sapi:0": "1.000", "s:sapi:0": "Dinas", "n:kerbau:0": "80"}, tahun=2025)
    # without a request (the demo data, a CLI command): the shipped indicators, audited without a user
    run_sync(layanan.simpan_tema(None, 2025, "energi", {f"n:listrik_pln:{nagari.koto}": "90"}, hari_ini=HARI_INI))
    simpan(nagari, "peternakan", {"n:sapi:0": "1.100", "s:sapi:0": "Sensus"})
    assert run_sync(layanan.salin_tahun(nagari.req, 2025, 2026, hari_ini=HARI_INI)) == 2
    nilai = run_sync(nilai_tahun(2026))
    assert nilai[("sapi", 0)] == Nilai("sapi", 0, 110000, "Sensus", "")  # this year's own figure kept
    assert nilai[("kerbau", 0)].nilai == 8000 and nilai[("listrik_pln", nagari.koto)].nilai == 9000
    assert run_sync(layanan.salin_tahun(nagari.req, 2025, 2026, hari_ini=HARI_INI)) == 0
    salinan = audit("potensi.tahun")
    assert len(salinan) == 1 and salinan[0]["rincian"] == {"dari": 2025, "ke": 2026, "jumlah": 2}
    assert run_sync(tahun_tersedia()) == [2026, 2025]
    riwayat = run_sync(layanan.riwayat("sapi"))
    assert [(r.tahun, r.nilai) for r in riwayat] == [(2025, 100000), (2026, 110000)]


def test_the_public_sees_the_published_indicators_of_the_year_the_office_publishes(nagari):
    assert run_sync(data_publik()) is None
    simpan(nagari, "peternakan", {"n:sapi:0": "900", "n:kerbau:0": "70"}, tahun=2025)
    simpan(nagari, "peternakan", {"n:kerbau:0": "80"})
    assert run_sync(data_publik()) is None  # nothing published yet
    sebelum = run_sync(public_version())
    run_sync(atur_terbit(nagari.req, {"sapi", "listrik_pln", "kambing", "bukan_indikator"}))
    assert run_sync(diterbitkan()) == {"sapi", "listrik_pln", "kambing"}
    assert run_sync(public_version()) > sebelum
    assert run_sync(tahun_diterbitkan()) is None and run_sync(data_publik()) is None  # no year chosen yet
    run_sync(atur_terbit(nagari.req, {"sapi", "listrik_pln", "kambing"}, 2025))
    assert run_sync(data_publik()).tahun == 2025

    # this year's figures, typed and copied, stay inside until the office publishes 2026
    sebelum = run_sync(public_version())
    assert run_sync(layanan.salin_tahun(nagari.req, 2025, 2026, hari_ini=HARI_INI)) == 1  # sapi, published
    simpan(nagari, "peternakan", {"n:sapi:0": "1.000", "s:sapi:0": "Sensus"})
    simpan(nagari, "energi", {f"n:listrik_pln:{nagari.padang}": "90", f"n:listrik_pln:{nagari.koto}": "95"})
    publik = run_sync(data_publik(nagari.req))
    assert publik.tahun == 2025 and [(b.indikator.kode, b.nagari.nilai) for b in publik.tema["peternakan"]] == [
        ("sapi", 90000)]
    assert run_sync(public_version()) == sebelum  # nothing public moved: the public pages stay as they are

    run_sync(atur_terbit(nagari.req, {"sapi", "listrik_pln", "kambing"}, 2026))
    assert run_sync(public_version()) > sebelum
    publik = run_sync(data_publik(nagari.req))
    assert publik.tahun == 2026 and list(publik.tema) == ["peternakan", "energi"]  # TEMA order; kambing has none
    (sapi,) = publik.tema["peternakan"]  # kerbau is not published
    assert (sapi.indikator.kode, sapi.nagari.nilai, sapi.nagari.sumber, sapi.jorong) == ("sapi", 100000, "Sensus", [])
    ind, nagari_, per_jorong = publik.tema["energi"][0]
    assert nagari_ is None and [(nama, n.nilai) for nama, n in per_jorong] == [("Koto Tinggi", 9500),
                                                                               ("Padang Aro", 9000)]
    sebelum = run_sync(public_version())
    simpan(nagari, "peternakan", {"n:kerbau:0": "81"})
    simpan(nagari, "peternakan", {"n:sapi:0": "901"}, tahun=2025)
    assert run_sync(public_version()) == sebelum  # an unpublished figure, or one of another year: the pages stay
    simpan(nagari, "peternakan", {"n:sapi:0": "1.001"})
    assert run_sync(public_version()) > sebelum
    run_sync(atur_terbit(nagari.req, {"kerbau"}))  # no year given: the published year stays
    publik = run_sync(data_publik())
    assert publik.tahun == 2026 and [b.indikator.kode for b in publik.tema["peternakan"]] == ["kerbau"]
    assert list(publik.tema) == ["peternakan"]
    terbit = audit("potensi.terbit")
    assert [e["rincian"].get("tahun") for e in terbit] == [None, [None, 2025], [2025, 2026], None]
    assert terbit[-1]["rincian"] == {"diterbitkan": ["kerbau"], "dicabut": ["kambing", "listrik_pln", "sapi"]}


def test_only_a_year_with_figures_can_be_published_and_a_refusal_changes_nothing(nagari):
    simpan(nagari, "peternakan", {"n:sapi:0": "900"}, tahun=2024)
    run_sync(atur_terbit(nagari.req, {"sapi"}, 2024))
    e = gagal(atur_terbit(nagari.req, {"sapi", "kerbau"}, 2026))
    assert e.galat == {"tahun": "Tahun 2026 belum punya angka; pilih tahun yang sudah diisi."}
    assert run_sync(diterbitkan()) == {"sapi"} and run_sync(tahun_diterbitkan()) == 2024
    assert len(audit("potensi.terbit")) == 1
    simpan(nagari, "peternakan", {"n:sapi:0": ""}, tahun=2024)  # the published year loses its only figure
    run_sync(atur_terbit(nagari.req, {"sapi", "kerbau"}, 2024))  # still the published year: kept, not refused
    assert run_sync(tahun_diterbitkan()) == 2024 and run_sync(data_publik()) is None


def test_the_upgrade_keeps_the_year_the_public_page_showed(nagari):
    """The migration that adds the published year fills it with what the page showed before: the newest year with a
    figure of a published indicator (nothing when there is none), on either engine."""
    import importlib

    from piccolo.engine import engine_finder

    from plugins.potensi.tables import TahunTerbitPotensi

    isi = importlib.import_module("plugins.potensi.migrations.potensi_2026_12_06t21_40_01_000000").ISI
    run_sync(engine_finder().run_ddl(isi))
    assert run_sync(tahun_diterbitkan()) is None  # no figures: no year
    simpan(nagari, "peternakan", {"n:sapi:0": "900"}, tahun=2024)
    simpan(nagari, "peternakan", {"n:kerbau:0": "80"}, tahun=2025)
    run_sync(atur_terbit(nagari.req, {"sapi"}))
    run_sync(engine_finder().run_ddl(isi))
    assert run_sync(tahun_diterbitkan()) == 2024  # 2025 has only an unpublished figure
    run_sync(engine_finder().run_ddl(isi))  # run twice: still one row
    assert run_sync(TahunTerbitPotensi.count().run()) == 1

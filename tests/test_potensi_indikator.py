"""The indicators of the nagari's profile (plugin `potensi`, issue 24): the shipped list is complete and sound, a
figure is typed the Indonesian way and refused with a clear message when it cannot be right, and a plugin adds its
own indicators through `potensi_indikator` while a bad contribution is left out."""

from __future__ import annotations

from decimal import Decimal
from importlib.metadata import EntryPoint, entry_points
from types import SimpleNamespace

import pytest

from plugin_sdk.testing import run_sync
from plugins.potensi.api import TEMA, Indikator, dari_seratus, semua_indikator, tampil
from plugins.potensi.indikator import indikator_bawaan, ke_seratus
from tests.conftest import fixture_entry_point

HA = Indikator("uji.ha", "lahan", "Luas", "ha")
EKOR = Indikator("uji.ekor", "peternakan", "Sapi", "ekor", desimal=0)
PERSEN = Indikator("uji.persen", "energi", "Berlistrik", "%", lingkup="jorong", desimal=1, maks=Decimal(100))


def test_the_shipped_list_covers_every_theme_in_order_with_sound_definitions():
    assert list(TEMA) == ["lahan", "pangan", "perkebunan", "peternakan", "perikanan", "air", "sarana", "jalan",
                          "energi", "ekonomi", "wisata", "lainnya"]
    semua = indikator_bawaan()
    assert 60 <= len(semua) <= 80
    assert len({i.kode for i in semua}) == len(semua)
    assert {i.tema for i in semua} == set(TEMA)
    assert {i.satuan for i in semua} <= {"ha", "ton/tahun", "ekor", "unit", "buah", "km", "m", "%", "KK", "orang",
                                         "orang/tahun", "lokasi", "kelompok"}
    assert all(i.definisi.endswith(".") and i.definisi[0].isupper() for i in semua)
    assert all(i.desimal == 0 for i in semua if i.satuan in ("ekor", "unit", "buah", "KK", "lokasi"))
    assert all(i.maks == 100 for i in semua if i.satuan == "%")
    per_jorong = {i.kode for i in semua if i.lingkup == "jorong"}
    assert {"listrik_pln", "sinyal_4g", "menara_bts"} <= per_jorong
    assert {i.tema for i in semua if i.kode in per_jorong} == {"energi"}
    gambir = next(i for i in semua if i.kode == "gambir_produksi")
    assert (gambir.tema, gambir.satuan, gambir.plugin) == ("perkebunan", "ton/tahun", "")
    urut = run_sync(semua_indikator())  # without a request: the shipped list, grouped by theme in TEMA order
    assert [i.kode for i in urut] == [i.kode for t in TEMA for i in semua if i.tema == t]


@pytest.mark.parametrize("teks, ind, seratus", [
    ("1.234,5", HA, 123450), ("1234,5", HA, 123450), ("1234.5", HA, 123450), ("12", HA, 1200),
    (" 1.234.567 ", HA, 123456700), ("1.234", HA, 123400), ("0.5", HA, 50), ("12,50", HA, 1250), ("0", HA, 0),
    ("1.200", EKOR, 120000), ("12,0", EKOR, 1200), ("100", PERSEN, 10000), ("99,5", PERSEN, 9950),
])
def test_a_figure_typed_the_indonesian_way_is_kept_in_hundredths(teks, ind, seratus):
    assert ke_seratus(teks, ind) == seratus


CONTOH = "Isi dengan angka, misalnya 1.234,5."
KOMA = "Paling banyak 2 angka di belakang koma."


@pytest.mark.parametrize("teks, ind, pesan", [
    ("", HA, CONTOH), ("dua", HA, CONTOH), ("1,234,567", HA, CONTOH), ("12,3.4", HA, CONTOH),
    ("-3", HA, "Tidak boleh negatif."), ("-1.234,5", HA, "Tidak boleh negatif."),
    ("12,5", EKOR, "Bilangan bulat saja (jumlah)."), ("12,345", HA, KOMA), ("1234.567", HA, KOMA),
    ("99,55", PERSEN, "Paling banyak 1 angka di belakang koma."),
    ("100,1", PERSEN, "Paling banyak 100 %."), ("150", PERSEN, "Paling banyak 100 %."),
    ("99999999999999", HA, "Angka ini terlalu besar; periksa lagi."),
])
def test_a_figure_that_cannot_be_right_is_refused_with_a_message(teks, ind, pesan):
    with pytest.raises(ValueError) as e:
        ke_seratus(teks, ind)
    assert str(e.value) == pesan  # a whole sentence, ending with a full stop like every message of the office


def test_a_figure_is_shown_with_indonesian_separators_and_its_unit():
    assert tampil(123450, HA) == "1.234,5 ha"
    assert tampil(120000, EKOR) == "1.200 ekor"
    assert tampil(7505, PERSEN) == "75,05 %"
    assert tampil(0, HA) == "0 ha"
    assert dari_seratus(123450) == Decimal("1234.5") and dari_seratus(0) == 0


# --- indicators from another plugin -------------------------------------------------------------------------------

@pytest.fixture
def balai_entry_points():
    dipasang = [e for e in entry_points(group="balai.plugins") if e.name in ("sistem", "statistik")]
    potensi = [e for e in entry_points(group="balai.plugins") if e.name == "potensi"]
    return [*dipasang, *(potensi or [EntryPoint("potensi", "plugins.potensi.plugin", "balai.plugins")]),
            fixture_entry_point("potensi_tambahan")]


@pytest.fixture
def balai_plugins():
    return ["potensi", "potensi_tambahan"]


def permintaan(balai):
    """A request as the services read it: the app (enabled plugins), the user, and events fired outside HTTP."""
    from core.plugin_host.events import emit_outside_request

    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(balai=balai)), client=None, state={},
                           emit=lambda event, **kw: emit_outside_request(balai, event, **kw))


def test_a_plugin_adds_its_indicators_and_a_bad_contribution_is_left_out(balai, caplog):
    semua = run_sync(semua_indikator(permintaan(balai)))
    kode = [i.kode for i in semua]
    tambahan = [i for i in semua if i.plugin]
    assert [(i.kode, i.tema, i.plugin) for i in tambahan] == [
        ("potensi_tambahan.sumur_bor", "air", "potensi_tambahan"),
        ("potensi_tambahan.lubuk", "lainnya", "potensi_tambahan")]  # an unknown theme lands under "lainnya"
    assert next(i for i in semua if i.kode == "potensi_tambahan.sumur_bor").nama == "Sumur bor umum"
    assert "suku.sawah" not in kode and "potensi_tambahan.sinyal" not in kode
    assert next(i for i in semua if i.kode == "sapi").plugin == ""  # the shipped one stays
    assert len(semua) == len(indikator_bawaan()) + 2
    air = [i.kode for i in semua if i.tema == "air"]
    assert air[-1] == "potensi_tambahan.sumur_bor" and kode.index("potensi_tambahan.lubuk") == len(kode) - 1
    ditolak = " ".join(r.getMessage() for r in caplog.records)
    assert all(k in ditolak for k in ("suku.sawah", "'sapi'", "potensi_tambahan.sinyal", "sudah dipakai"))
    run_sync(balai.disable("potensi_tambahan"))
    assert not [i for i in run_sync(semua_indikator(permintaan(balai))) if i.plugin]

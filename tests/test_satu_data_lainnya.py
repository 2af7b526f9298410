"""Open data of keuangan, potensi and aset (issue 26): one number through every door (ENGINEERING-NOTES 11).

Each dataset's published rows equal what the public page shows (the APB Desa infographic and its CSV, /potensi)
or the office page (the asset list's totals), read over HTTP, and the contract's figures; a changed figure
published again is a revision with the new figure; a year without an APB Desa, or a profile with nothing published,
publishes nothing; a period is provisional until it has ended (satu_data's `periode_bulan`/`periode_tahun`). The
letters' dataset is in tests/test_satu_data_surat.py."""

import csv
import html
import io
import re
import zipfile
from datetime import date
from decimal import Decimal

from importlib.metadata import entry_points

import frictionless
import pytest

from core.profil.waktu import today as nagari_today
from core.web import cache_publik
from plugin_sdk import public_changed, write_transaction
from plugin_sdk.dokumen import read_cell
from plugin_sdk.testing import post_form, run_sync
from plugins.aset.api import rekap
from plugins.keuangan.api import persen, ringkasan, rupiah
from plugins.keuangan.kode import BIDANG
from plugins.keuangan.publik.cache import CACHE as KEUANGAN_CACHE
from plugins.keuangan.tables import BarisAnggaran, Realisasi
from plugins.potensi.api import data_publik
from plugins.potensi.indikator import angka
from plugins.potensi.publik.cache import CACHE as POTENSI_CACHE
from plugins.potensi.tables import NilaiPotensi
from plugins.potensi.terbit import atur_terbit, diterbitkan
from plugins.satu_data import katalog
from plugins.satu_data.halaman.cache import CACHE as SATU_DATA_CACHE
from plugins.satu_data.tables import TerbitanDataset
from plugins.satu_data.terbit import terbitkan
from tests.conftest import fixture_entry_point
from tests.satu_data_helpers import konteks, nagari_terbit

APBDES, POTENSI, ASET = "apbdes-per-bidang", "potensi-nagari", "aset-per-golongan"


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch):
    """Each test has its own database: neither the public pages nor the catalogue may carry over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    for cache in (KEUANGAN_CACHE, POTENSI_CACHE, SATU_DATA_CACHE):
        cache.clear()
    katalog.lupakan()
    yield
    for cache in (KEUANGAN_CACHE, POTENSI_CACHE, SATU_DATA_CACHE):
        cache.clear()
    katalog.lupakan()


def published(balai, nama: str, periode: str) -> list[dict]:
    """The rows of one period of a dataset as the catalogue serves them (every door reads the catalogue)."""
    katalog.lupakan()
    paket = run_sync(katalog.bangun(konteks(balai))).cari(nama)
    assert paket is not None, f"{nama} tidak terbit"
    return [r for r in paket.baris if r["periode"] == periode]


def downloaded(client, nama: str, periode: str) -> list[dict]:
    """One period's rows of the open-data CSV a portal downloads (/data/unduh/<nama>.csv), as text."""
    katalog.lupakan()
    answer = client.get(f"/data/unduh/{nama}.csv")
    assert answer.status_code == 200, answer.text[:300]
    return [{k: read_cell(v) for k, v in r.items()} for r in csv.DictReader(io.StringIO(answer.text))
            if r["periode"] == periode]


def as_text(rows: list[dict]) -> list[dict]:
    """Rows as the CSV writes them: None empty, booleans true/false."""
    return [{k: "" if v is None else ("true" if v else "false") if isinstance(v, bool) else str(v)
             for k, v in r.items()} for r in rows]


def publish(balai, nama: str, per: date | None = None):
    [hasil] = run_sync(terbitkan(konteks(balai), nama=[nama], per=per))
    return hasil


def release(nama: str, periode: str) -> dict | None:
    return run_sync(TerbitanDataset.select().where(TerbitanDataset.dataset == nama,
                                                   TerbitanDataset.periode == periode).first().run())


def sen(value) -> int:
    """A published rupiah amount (int or float with sen) as sen, exactly."""
    return int(Decimal(str(value)) * 100)


def touched() -> None:
    """Rows written straight into a table: tell the public pages, as the office's own functions do."""
    async def go():
        async with write_transaction():
            await public_changed()
    run_sync(go)


# --- keuangan: the APB Desa ---------------------------------------------------------------------------------------

def infographic(page: str) -> dict[str, tuple[str, str, str, str]]:
    """The public infographic's figures by code: (anggaran, realisasi, sisa, persen) as printed; the totals of
    pendapatan and belanja under "4" and "5", the balances under their dataset codes."""
    found = {}
    for row in re.findall(r"<tr class=\"tingkat-.*?</tr>", page, re.S):
        kode = re.search(r'<span class="kode">([^<]+)</span>', row)
        cells = re.findall(r'<td data-label="(?:Anggaran|Realisasi|Sisa|Persen)">([^<]*)', row)
        if kode and kode.group(1) not in found:
            found[kode.group(1)] = tuple(html.unescape(c).strip() for c in cells)
    for kode, table in (("4", "tabel-pendapatan"), ("5", "tabel-bidang")):
        foot = re.search(rf'id="{table}".*?<tfoot>(.*?)</tfoot>', page, re.S).group(1)
        found[kode] = tuple(c.strip() for c in re.findall(r'<td data-label="[^"]+">([^<]*)</td>', foot))
    for kode, label in (("surplus", "Surplus/\\(Defisit\\)"), ("pembiayaan_netto", "Pembiayaan netto"),
                        ("silpa", "SiLPA tahun berjalan")):
        saldo = re.search(rf"<dt>{label}</dt><dd>Anggaran (\S+); realisasi (\S+)</dd>", page)
        found[kode] = (saldo.group(1), saldo.group(2))
    return found


def with_sen(tahun: int, hari_ini: date) -> None:
    """Half a rupiah on a line of bidang 02 and on a payment of it: sen must come through every door exactly."""
    async def go():
        async with write_transaction():
            versi = await ringkasan(tahun)
            line = await BarisAnggaran.select(BarisAnggaran.id, BarisAnggaran.kegiatan, BarisAnggaran.akun).where(
                BarisAnggaran.apbdes == versi.apbdes["id"], BarisAnggaran.kegiatan.like("02.%")).first().run()
            await BarisAnggaran.update({BarisAnggaran.anggaran: BarisAnggaran.anggaran + 50}).where(
                BarisAnggaran.id == line["id"]).run()
            await Realisasi.insert(Realisasi(tahun=tahun, kegiatan=line["kegiatan"], akun=line["akun"],
                                             tanggal=hari_ini, jumlah=1_000_050)).run()
            await public_changed()
    run_sync(go)


def test_the_apb_desa_dataset_equals_the_infographic_its_csv_and_the_contract(client, balai):
    nagari_terbit(balai)
    hari_ini = nagari_today()
    tahun = str(hari_ini.year)
    with_sen(hari_ini.year, hari_ini)
    assert publish(balai, APBDES).status == "revisi"
    rows = published(balai, APBDES, tahun)
    assert release(APBDES, tahun)["sementara"] is True  # as of today: the year has not ended
    by_kode = {r["kode"]: r for r in rows}
    assert len(by_kode) == len(rows)  # (bagian, kode) is the key; the codes alone are unique too
    assert sen(by_kode["02"]["anggaran"]) % 100 == 50 and sen(by_kode["02"]["realisasi"]) % 100 == 50
    assert [r["kode"] for r in rows if r["bagian"] == "Belanja" and r["tingkat"] == 1] == list(BIDANG)

    assert downloaded(client, APBDES, tahun) == as_text(rows)  # the open-data door itself

    # the public CSV: every row the dataset shares with it, in exact sen and the one rounded percentage
    answer = client.get(f"/apbdes/{tahun}.csv")
    assert answer.status_code == 200
    saldo = {"Surplus/(Defisit)": "surplus", "Pembiayaan Netto": "pembiayaan_netto", "SiLPA": "silpa"}
    lines = {saldo.get(r["uraian"], r["kode"]) if r["bagian"] == "Jumlah" else r["kode"]: r
             for r in csv.DictReader(io.StringIO(answer.text))}
    for r in rows:
        line = lines[r["kode"]]
        assert (line["bagian"], int(line["tingkat"]), line["uraian"]) == (r["bagian"], r["tingkat"], r["uraian"])
        for kolom in ("anggaran", "realisasi", "sisa"):
            assert Decimal(line[kolom]) == Decimal(str(r[kolom])), (r["kode"], kolom)
        assert (Decimal(line["persen"]) if line["persen"] else None) == (
            None if r["persen"] is None else Decimal(str(r["persen"]))), r["kode"]

    # the infographic: the same figures as the page prints them (whole rupiah, "45,3%")
    page = client.get(f"/apbdes/{tahun}")
    assert page.status_code == 200
    shown = infographic(page.text)
    for r in rows:
        printed = (rupiah(sen(r["anggaran"])), rupiah(sen(r["realisasi"])))
        if r["kode"] in shown:
            assert shown[r["kode"]][:2] == printed, r["kode"]
        if r["kode"] in shown and r["persen"] is not None:
            assert shown[r["kode"]][3] == persen(sen(r["realisasi"]), sen(r["anggaran"])), r["kode"]
    assert {"4", "4.2.1", "5", "01", "02", "03", "04", "05", "6.1", "6.2", "silpa"} <= shown.keys()

    # the contract: the one computation behind both
    r = run_sync(ringkasan(hari_ini.year, per_tanggal=hari_ini))
    bidang = {b.kode: b for b in r.belanja.anak}
    assert (sen(by_kode["02"]["anggaran"]), sen(by_kode["02"]["realisasi"])) == (bidang["02"].anggaran,
                                                                             bidang["02"].realisasi)
    assert (sen(by_kode["silpa"]["anggaran"]), sen(by_kode["silpa"]["realisasi"])) == r.silpa
    assert sen(by_kode["4"]["realisasi"]) == r.pendapatan.realisasi


def test_a_realisation_recorded_later_is_a_revision_of_the_year_with_the_new_figure(client, balai):
    nagari_terbit(balai)
    hari_ini = nagari_today()
    tahun = str(hari_ini.year)
    before = {r["kode"]: r for r in published(balai, APBDES, tahun)}
    versi = release(APBDES, tahun)["versi"]
    assert publish(balai, APBDES).status == "tetap"  # the same figures again change nothing

    async def spend():
        async with write_transaction():
            await Realisasi.insert(Realisasi(tahun=hari_ini.year, kegiatan="02.01.01", akun="5.2.2.01",
                                             tanggal=hari_ini, jumlah=12_345_678_90)).run()
            await public_changed()
    run_sync(spend)
    hasil = publish(balai, APBDES)
    assert (hasil.status, hasil.periode, hasil.versi) == ("revisi", tahun, versi + 1)
    after = {r["kode"]: r for r in published(balai, APBDES, tahun)}
    assert sen(after["02"]["realisasi"]) == sen(before["02"]["realisasi"]) + 12_345_678_90
    assert sen(after["5"]["realisasi"]) == sen(before["5"]["realisasi"]) + 12_345_678_90
    assert after["01"] == before["01"]
    assert infographic(client.get(f"/apbdes/{tahun}").text)["02"][1] == rupiah(sen(after["02"]["realisasi"]))


def test_a_year_without_an_apb_desa_publishes_nothing(balai):
    nagari_terbit(balai)
    tahun = nagari_today().year - 5
    hasil = publish(balai, APBDES, date(tahun, 12, 31))
    assert hasil.status == "kosong" and "Belum ada data" in hasil.pesan
    assert release(APBDES, str(tahun)) is None
    assert all(r["periode"] != str(tahun) for r in run_sync(katalog.bangun(konteks(balai))).cari(APBDES).baris)


# --- potensi: the published profile -------------------------------------------------------------------------------

def potensi_page(page: str) -> set[tuple[str, str, str]]:
    """(indicator, place, figure as printed) of every figure on /potensi; the nagari's figure has place ""."""
    found = set()
    for item in page.split('<div class="pot-item">')[1:]:
        nama = html.unescape(re.search(r"<dt>(.*?)</dt>", item).group(1))
        nilai = re.search(r'<dd class="pot-nilai">(.*?)</dd>', item)
        if nilai:
            found.add((nama, "", html.unescape(nilai.group(1))))
        found |= {(nama, html.unescape(j), html.unescape(v))
                  for j, v in re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', item)}
    return found


def printed(r: dict) -> tuple[str, str, str]:
    """A dataset row as /potensi prints it: "4.753 ha", "18,4 km"."""
    return (r["indikator"], "" if r["tingkat"] == "nagari" else r["wilayah"],
            f"{angka(int(Decimal(str(r['nilai'])) * 100))} {r['satuan']}")


def test_the_potential_dataset_equals_the_public_page_and_the_contract(client, balai):
    nagari_terbit(balai)
    data = run_sync(data_publik(konteks(balai)))
    rows = published(balai, POTENSI, str(data.tahun))
    assert rows and all(r["periode"] == str(data.tahun) for r in rows)
    assert downloaded(client, POTENSI, str(data.tahun)) == as_text(rows)
    page = client.get("/potensi")
    assert page.status_code == 200 and f"Data tahun {data.tahun}" in page.text
    assert {printed(r) for r in rows} == potensi_page(page.text)
    assert len(rows) == len(potensi_page(page.text))
    assert {r["tingkat"] for r in rows} == {"nagari", "jorong"}
    contract = {(ind.kode, ""): n.nilai for items in data.tema.values() for ind, n, _ in items if n is not None}
    contract |= {(ind.kode, j): v.nilai for items in data.tema.values() for ind, _, per in items for j, v in per}
    assert {(r["kode_indikator"], "" if r["tingkat"] == "nagari" else r["wilayah"]): sen(r["nilai"])
            for r in rows} == contract


def test_a_changed_published_figure_is_a_revision_and_withdrawing_everything_publishes_nothing(client, balai):
    nagari_terbit(balai)
    tahun = run_sync(data_publik(konteks(balai))).tahun
    before = {(r["kode_indikator"], r["wilayah"]): r for r in published(balai, POTENSI, str(tahun))}
    sapi = next(r for (kode, _), r in before.items() if kode == "sapi")
    versi = release(POTENSI, str(tahun))["versi"]

    run_sync(NilaiPotensi.update({NilaiPotensi.nilai: 130_000}).where(
        NilaiPotensi.indikator == "sapi", NilaiPotensi.tahun == tahun, NilaiPotensi.jorong == 0).run())
    touched()
    hasil = publish(balai, POTENSI)
    assert (hasil.status, hasil.versi) == ("revisi", versi + 1)
    after = {(r["kode_indikator"], r["wilayah"]): r for r in published(balai, POTENSI, str(tahun))}
    assert after[("sapi", sapi["wilayah"])]["nilai"] == 1300 and sapi["nilai"] != 1300
    assert ("Sapi", "", "1.300 ekor") in potensi_page(client.get("/potensi").text)

    run_sync(atur_terbit(konteks(balai), set()))  # the office withdraws every indicator
    assert publish(balai, POTENSI).status == "kosong"
    assert release(POTENSI, str(tahun))["versi"] == versi + 1  # the last release stays as it was


def test_the_potential_year_is_final_once_over_and_provisional_while_it_runs(balai):
    """The figures published are the office's figures now, whatever day the release is as of: last year's are
    final at once, this year's provisional until the year has ended."""
    nagari_terbit(balai)
    ctx = konteks(balai)
    lalu, tahun_ini = run_sync(data_publik(ctx)).tahun, nagari_today().year
    assert lalu < tahun_ini and release(POTENSI, str(lalu))["sementara"] is False  # the demo publishes last year's
    run_sync(NilaiPotensi.insert(NilaiPotensi(tahun=tahun_ini, indikator="sapi", nilai=130_000)).run())
    run_sync(atur_terbit(ctx, run_sync(diterbitkan()), tahun=tahun_ini))  # the office publishes this year instead
    hasil = publish(balai, POTENSI)
    assert (hasil.status, hasil.periode) == ("baru", str(tahun_ini))
    assert release(POTENSI, str(tahun_ini))["sementara"] is True
    assert release(POTENSI, str(lalu))["sementara"] is False  # last year's release stays as it was


@pytest.mark.parametrize("balai_entry_points", [[*entry_points(group="balai.plugins"),
                                                  fixture_entry_point("potensi_tambahan")]])
@pytest.mark.parametrize("balai_plugins", [["potensi_tambahan"]])
def test_an_indicator_another_plugin_adds_is_published_as_on_the_page(client, balai):
    nagari_terbit(balai)
    ctx = konteks(balai)
    tahun = run_sync(data_publik(ctx)).tahun
    run_sync(NilaiPotensi.insert(NilaiPotensi(tahun=tahun, indikator="potensi_tambahan.sumur_bor", nilai=400,
                                              sumber="Pendataan kepala jorong")).run())
    run_sync(atur_terbit(ctx, run_sync(diterbitkan()) | {"potensi_tambahan.sumur_bor"}))
    assert publish(balai, POTENSI).status == "revisi"
    rows = published(balai, POTENSI, str(tahun))
    sumur = next(r for r in rows if r["kode_indikator"] == "potensi_tambahan.sumur_bor")
    assert (sumur["indikator"], sumur["nilai"], sumur["satuan"], sumur["tema"]) == ("Sumur bor umum", 4, "unit", "air")
    shown = potensi_page(client.get("/potensi").text)
    assert ("Sumur bor umum", "", "4 unit") in shown and {printed(r) for r in rows} == shown


# --- aset: the totals per class -----------------------------------------------------------------------------------

def asset_totals(page: str) -> dict[str, tuple[int, int]]:
    """The office list's totals per class and in all: (assets, whole rupiah)."""
    table = re.search(r'id="rekap-golongan">(.*?)</table>', page, re.S).group(1)
    found = {kode: (int(n), int(re.sub(r"\D", "", rp))) for kode, n, rp in re.findall(
        r'\?golongan=([A-F])">.*?</a></td><td class="angka-sel">(\d+)</td><td class="angka-sel">([^<]+)</td>',
        table)}
    n, rp = re.search(r'<tfoot><tr><th scope="row">Jumlah</th><td class="angka-sel">(\d+)</td>'
                      r'<td class="angka-sel">([^<]+)</td>', table).groups()
    return {**found, "JUMLAH": (int(n), int(re.sub(r"\D", "", rp)))}


def whole(sen_: int) -> int:
    return (sen_ + 50) // 100


def test_the_asset_dataset_equals_the_office_list_and_a_new_asset_is_a_revision(admin_client, balai):
    nagari_terbit(balai)
    hari_ini = nagari_today()
    bulan = f"{hari_ini:%Y-%m}"
    rows = published(balai, ASET, bulan)
    assert [r["golongan"] for r in rows] == [*"ABCDEF", "JUMLAH"]
    assert release(ASET, bulan)["sementara"] is True  # as of today: the month has not ended, even on its last day
    lalu = date.fromordinal(hari_ini.replace(day=1).toordinal() - 1)
    assert release(ASET, f"{lalu:%Y-%m}")["sementara"] is False  # the closed month is final

    assert downloaded(admin_client, ASET, bulan) == as_text(rows)
    page = admin_client.get("/admin/aset")
    assert page.status_code == 200
    assert {r["golongan"]: (r["jumlah"], whole(sen(r["nilai"]))) for r in rows} == asset_totals(page.text)
    r = run_sync(rekap(per_tanggal=hari_ini))
    assert [(p.jumlah, p.nilai) for p in r.per_golongan] == [(x["jumlah"], sen(x["nilai"])) for x in rows[:6]]
    assert (r.total.jumlah, r.total.nilai) == (rows[6]["jumlah"], sen(rows[6]["nilai"]))

    versi = release(ASET, bulan)["versi"]
    form = {"golongan": "B", "kode_barang": "1.3.2.02", "nama": "Sepeda motor dinas", "jumlah": "1",
            "satuan": "unit", "jorong": "", "lokasi": "Kantor nagari", "lintang": "", "bujur": "",
            "tahun_perolehan": str(hari_ini.year), "tanggal_perolehan": hari_ini.isoformat(), "asal": "dana_desa",
            "nilai": "18.500.000,50", "kondisi": "baik", "luas": "", "keterangan": ""}
    answer = post_form(admin_client, "/admin/aset/baru", form, follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:2000]
    hasil = publish(balai, ASET)
    assert (hasil.status, hasil.periode, hasil.versi) == ("revisi", bulan, versi + 1)
    after = {x["golongan"]: x for x in published(balai, ASET, bulan)}
    b = next(x for x in rows if x["golongan"] == "B")
    assert (after["B"]["jumlah"], sen(after["B"]["nilai"])) == (b["jumlah"] + 1, sen(b["nilai"]) + 1_850_000_050)
    assert after["JUMLAH"]["jumlah"] == rows[6]["jumlah"] + 1
    assert {k: (x["jumlah"], whole(sen(x["nilai"]))) for k, x in after.items()} == \
        asset_totals(admin_client.get("/admin/aset").text)


# --- all four as a portal reads them ----------------------------------------------------------------------------

def test_the_four_datasets_validate_against_their_table_schemas(client, balai, tmp_path):
    """The full export's CSVs of these datasets hold to their declared types, code lists and keys (Frictionless,
    as a Satu Data portal checks a package)."""
    nagari_terbit(balai)
    katalog.lupakan()
    answer = client.get("/data/datapackage.zip")
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as z:
        z.extractall(tmp_path)
    package = frictionless.Package(tmp_path / "datapackage.json")
    for nama in (APBDES, POTENSI, ASET, "surat-terbit-per-jenis"):
        resource = package.get_resource(nama)
        report = resource.validate()
        assert report.valid, (nama, report.flatten(["type", "note", "rowNumber", "fieldName"]))
        assert resource.schema.primary_key[:2] == ["periode", "kode_wilayah"] and len(resource.schema.primary_key) > 2
        rows = resource.read_rows()
        assert rows and len({tuple(r[k] for k in resource.schema.primary_key) for r in rows}) == len(rows)
    # the code lists are declared, so the validation above held every value to them
    for nama, kolom in ((APBDES, "bagian"), (POTENSI, "kode_indikator"), (ASET, "golongan"),
                        ("surat-terbit-per-jenis", "jenis_kelamin")):
        assert package.get_resource(nama).schema.get_field(kolom).constraints.get("enum"), (nama, kolom)

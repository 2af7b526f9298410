"""Open-data downloads (issue 26): a published dataset as CSV, JSON and XLSX holds exactly the catalogue's rows,
every period, cell for cell; an unknown dataset or format and a dataset the office does not publish answer 404;
a new release is served at once; no session cookie, no resident's NIK, KK number or name in any file."""

import csv
import hashlib
import io
import json
from datetime import date
from importlib.metadata import entry_points

import pytest
from python_calamine import CalamineWorkbook

from core.penduduk.tables import Keluarga, Penduduk
from core.profil.waktu import today as nagari_today
from plugin_sdk.dokumen import read_cell
from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN
from plugins.satu_data.terbit import terbitkan
from tests.fixtures.plugins import data_unduh
from tests.satu_data_halaman_helpers import DIKENAL, DIPILIH, PROFIL, get, katalog_kini, terbit
from tests.satu_data_halaman_helpers import balai_entry_points, balai_plugins, segar  # noqa: F401 (fixtures)
from tests.satu_data_helpers import konteks, nagari_terbit


def paket(balai, nama):
    return katalog_kini(balai).cari(nama)


def dari_csv(teks: str, p) -> tuple[list[str], list[dict]]:
    """The CSV read back into typed values, as its data package schema declares them."""
    rows = list(csv.reader(io.StringIO(teks, newline="")))
    tipe = {k.nama: k.tipe for k in p.ds.kolom_penuh()}

    def nilai(sel: str, t: str):
        if sel == "":
            return None
        return {"integer": int, "number": float, "boolean": lambda s: {"true": True, "false": False}[s]}.get(
            t, read_cell)(sel)

    return rows[0], [{n: nilai(sel, tipe[n]) for n, sel in zip(rows[0], row)} for row in rows[1:]]


def test_csv_holds_every_period_cell_for_cell(balai, client):
    terbit(balai)
    for nama in DIPILIH:
        p = paket(balai, nama)
        response = get(client, f"/data/unduh/{nama}.csv")
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == f'attachment; filename="{nama}.csv"'
        header, rows = dari_csv(response.content.decode("utf-8"), p)
        assert header == ["periode", "kode_wilayah", *[k.nama for k in p.ds.kolom]]
        assert rows == p.baris and len({r["periode"] for r in rows}) == 2
    teks = get(client, "/data/unduh/unduh-lahan.csv").text
    assert ",true," in teks and ",false," in teks and "13.07.05.2001" in teks
    kebun = next(line for line in teks.splitlines() if ",kebun," in line)
    assert ",," in kebun  # no petak for kebun: an empty cell, not "None"
    penduduk = get(client, "/data/unduh/unduh-penduduk.csv").text
    assert "\"'=HYPERLINK(\"\"x\"\")\"" in penduduk  # a formula-like name is guarded, and read back exactly
    assert "Padang Ganting – Ñan" in penduduk


def test_json_holds_the_metadata_and_the_rows(balai, client):
    terbit(balai)
    run_sync(_setelan({"satu_data.lisensi": "cc-zero", "satu_data.kontak_nama": "Walidata Uji"}))
    p = paket(balai, "unduh-lahan")
    response = get(client, "/data/unduh/unduh-lahan.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["data"] == p.baris
    ds = body["dataset"]
    assert ds["name"] == "unduh-lahan" and ds["title"] == "Lahan menurut jenis" and ds["id"] == p.id
    assert ds["description"] == "Luas dan petak lahan nagari menurut jenis."
    assert ds["periods"] == p.periode and len(p.periode) == 2
    assert ds["license"] == {"id": "cc-zero", "name": "CC0-1.0", "title": "Creative Commons CCZero",
                             "path": "https://creativecommons.org/publicdomain/zero/1.0/"}
    assert ds["producer"]["name"] == "Pemerintah Nagari Sungai Kamuyang"
    assert ds["producer"]["contact"] == "Walidata Uji"
    assert ds["producer"]["email"] == "kantor@sungaikamuyang.example"
    assert ds["region"] == {"code": "13.07.05.2001", "name": "Nagari Sungai Kamuyang"}
    assert ds["frequency"]["name"] == "tahunan" and ds["suppression"].startswith("Tidak ada")
    variabel = {v["name"]: v for v in ds["variables"]}
    assert list(variabel) == [k.nama for k in p.ds.kolom_penuh()]
    assert variabel["luas"]["unit"] == "hektare" and variabel["luas"]["definition"] == "Luas lahan."
    assert variabel["jenis"]["code_list"] == [{"code": "sawah", "label": "Sawah"},
                                              {"code": "ladang", "label": "Ladang"},
                                              {"code": "kebun", "label": "Kebun"}]
    assert variabel["jenis"]["key"] is True and variabel["luas"]["key"] is False
    assert ds["landing_page"] == "http://testserver.local/data/unduh-lahan"


async def _setelan(nilai: dict) -> None:
    from core.plugin_host.settings import set_values

    await set_values(nilai)


def test_xlsx_has_typed_cells_and_a_metadata_sheet(balai, client):
    terbit(balai)
    for nama in DIPILIH:
        p = paket(balai, nama)
        response = get(client, f"/data/unduh/{nama}.xlsx")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
        book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        assert book.sheet_names == ["data", "metadata"]
        rows = book.get_sheet_by_name("data").to_python()
        kolom = p.ds.kolom_penuh()
        assert rows[0] == [k.nama for k in kolom]
        tipe = [k.tipe for k in kolom]

        def nilai(sel, t):
            if sel == "":
                return None
            if t == "date":
                assert isinstance(sel, date)
                return sel.isoformat()
            if t == "integer":
                assert sel == int(sel)
                return int(sel)
            if t == "boolean":
                assert isinstance(sel, bool)
            return sel

        dibaca = [{k.nama: nilai(sel, t) for k, sel, t in zip(kolom, row, tipe)} for row in rows[1:]]
        assert dibaca == p.baris
        meta = book.get_sheet_by_name("metadata").to_python()
        label = {row[0]: row[1] for row in meta if row and row[0]}
        assert label["Nama dataset"] == nama and label["Judul"] == p.ds.judul
        assert label["Periode"] == ", ".join(p.periode)
        assert "CC-BY-4.0" in label["Lisensi"] and label["Produsen data"] == "Pemerintah Nagari Sungai Kamuyang"
        mulai = next(i for i, row in enumerate(meta) if row[0] == "Variabel")
        variabel = [row for row in meta[mulai + 1:] if row[0]]
        assert [row[0] for row in variabel] == [k.nama for k in kolom]
        assert [row[3] for row in variabel] == [k.definisi for k in kolom]
    lahan = CalamineWorkbook.from_filelike(io.BytesIO(get(client, "/data/unduh/unduh-lahan.xlsx").content))
    variabel = {row[0]: row for row in lahan.get_sheet_by_name("metadata").to_python() if row and row[0]}
    assert variabel["luas"][4] == "hektare" and "sawah = Sawah" in variabel["jenis"][6]


@pytest.mark.parametrize("url", [
    "/data/unduh/tidak-ada.csv", "/data/unduh/unduh-lahan", "/data/unduh/unduh-lahan.pdf",
    "/data/unduh/unduh-lahan.CSV", "/data/unduh/unduh-lahan.csv.exe", "/data/unduh/.csv",
    "/data/unduh/unduh-lahan%27%20OR%201=1--.csv", "/data/unduh/unduh-lahan%00.csv",
])
def test_an_unknown_dataset_or_format_is_404_with_a_short_message(balai, client, url):
    terbit(balai)
    response = get(client, url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert "tidak ditemukan" in response.text or "tidak dikenal" in response.text


def test_a_dataset_by_its_id_or_a_path_outside_is_not_a_download(balai, client):
    terbit(balai)
    p = paket(balai, "unduh-lahan")
    assert get(client, f"/data/unduh/{p.id}.csv").status_code == 404
    assert get(client, "/data/unduh/..%2F..%2Fetc%2Fpasswd.csv").status_code == 404  # the router's own 404


def test_only_published_datasets_are_downloadable(balai, client):
    terbit(balai)
    for akhiran in ("csv", "json", "xlsx", "jsonld"):
        assert get(client, f"/data/unduh/unduh-rahasia.{akhiran}").status_code == 404  # never chosen
        assert get(client, f"/data/unduh/unduh-lahan.{akhiran}").status_code == 200
    run_sync(atur({"unduh-lahan": (False, BULANAN)}, dikenal=DIKENAL))  # withdrawn
    for akhiran in ("csv", "json", "xlsx", "jsonld"):
        response = get(client, f"/data/unduh/unduh-lahan.{akhiran}")
        assert response.status_code == 404 and "belum diterbitkan" in response.text
    assert get(client, "/data/unduh/unduh-penduduk.csv").status_code == 200


def test_a_chosen_dataset_without_a_release_is_not_downloadable(balai, client):
    terbit(balai, nama=("unduh-penduduk",))
    run_sync(atur({"unduh-lahan": (True, BULANAN)}, dikenal=DIKENAL))  # chosen, not released
    assert get(client, "/data/unduh/unduh-lahan.csv").status_code == 404
    assert get(client, "/data/unduh/unduh-penduduk.csv").status_code == 200


def test_a_revision_is_served_at_once_and_a_repeat_is_a_304(balai, client, monkeypatch):
    """The page cache sees the new version first; the catalogue snapshot, which would otherwise stay as it is for
    an hour, must not be reused for the rebuilt files."""
    terbit(balai)
    first = get(client, "/data/unduh/unduh-lahan.csv")
    assert ",120.5," in first.text
    again = client.get("/data/unduh/unduh-lahan.csv", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    monkeypatch.setattr(katalog, "CHECK_EVERY", 3600.0)
    data_unduh.LUAS["sawah"] = 99.75
    hasil = run_sync(terbitkan(konteks(balai), nama=["unduh-lahan"]))
    assert [h.status for h in hasil] == ["revisi"]
    revised = get(client, "/data/unduh/unduh-lahan.csv")
    assert revised.status_code == 200 and ",99.75," in revised.text and ",120.5," in revised.text  # last year kept
    assert revised.headers["etag"] != first.headers["etag"]
    paket_data = get(client, "/data/datapackage.json").json()  # the package's CSV is the revised one too
    lahan = next(r for r in paket_data["resources"] if r["name"] == "unduh-lahan")
    assert lahan["hash"] == "sha256:" + hashlib.sha256(revised.content).hexdigest()
    assert json.loads(get(client, "/data/unduh/unduh-lahan.json").text)["dataset"]["versions"][
        str(nagari_today(PROFIL).year)] == 2


class TestDemoNagari:
    """The demo nagari's real datasets, with the fixture's beside them."""

    @pytest.fixture
    def balai_entry_points(self, fixture_plugins):
        return [*entry_points(group="balai.plugins"), fixture_plugins("data_unduh")]

    @pytest.fixture
    def balai_plugins(self):
        dipasang = [e.name for e in entry_points(group="balai.plugins") if e.name != "sistem"]
        return [*dipasang, "data_unduh"]

    def test_no_nik_kk_or_name_in_any_download(self, balai, client):
        nagari_terbit(balai)
        k = katalog_kini(balai)
        assert len(k.paket) >= 2
        teks = []
        for p in k.paket:
            for akhiran in ("csv", "json", "jsonld"):
                response = get(client, f"/data/unduh/{p.ds.nama}.{akhiran}")
                assert response.status_code == 200, (p.ds.nama, akhiran)
                teks.append(response.content.decode("utf-8"))
            book = CalamineWorkbook.from_filelike(io.BytesIO(get(client, f"/data/unduh/{p.ds.nama}.xlsx").content))
            teks.extend(str(sel) for lembar in book.sheet_names for row in book.get_sheet_by_name(lembar).to_python()
                        for sel in row)
        semua = "\n".join(teks)
        warga = run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama).run())
        assert len(warga) >= 100
        for w in warga:
            assert w["nik"] not in semua
            assert w["nama"] not in semua, w["nama"]
        for kk in run_sync(Keluarga.select(Keluarga.no_kk).run()):
            assert kk["no_kk"] not in semua

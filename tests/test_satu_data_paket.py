"""The catalogue as a Frictionless data package and as DCAT-AP (issue 26): the full export validates with the
`frictionless` library without errors (from the zip, on local files), its schemas hold for every row, the
descriptor points at the downloads and its version only grows; the DCAT JSON-LD has the DCAT-AP keys and every
distribution answers."""

import hashlib
import io
import json
import logging
import zipfile
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from importlib.metadata import entry_points

import frictionless
import pytest

from core.profil.waktu import today as nagari_today
from plugin_sdk.dokumen import read_cell
from plugin_sdk.testing import run_sync
from plugins.satu_data.api import BUKAN_ORANG, Dataset, Kolom, Paket
from plugins.satu_data.format import datapackage
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN, PilihanDataset, TerbitanDataset
from plugins.satu_data.terbit import bulan_lalu, terbitkan
from tests.fixtures.plugins import data_unduh
from tests.satu_data_halaman_helpers import BASE, DIKENAL, DIPILIH, get, katalog_kini, terbit
from tests.satu_data_halaman_helpers import balai_entry_points, balai_plugins, segar  # noqa: F401 (fixtures)
from tests.satu_data_helpers import konteks, nagari_terbit

EU = "http://publications.europa.eu/resource/authority"


def ekstrak(client, tmp_path):
    """The full export unpacked in a folder: frictionless reads the local CSVs, never the network."""
    response = get(client, "/data/datapackage.zip")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    folder = tmp_path / "paket"
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        nama = z.namelist()
        assert nama[0] == "datapackage.json" and all(n.startswith("data/") and n.endswith(".csv") for n in nama[1:])
        z.extractall(folder)
    return folder


def sah(folder) -> frictionless.Report:
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "rowNumber", "fieldName"])
    assert not [e for task in report.tasks for e in task.errors] and not report.errors
    return report


def dibaca(nilai, tipe: str):
    """A catalogue cell as frictionless reads it back from the CSV by its schema."""
    if nilai is None:
        return None
    return {"number": lambda v: Decimal(str(v)), "date": date.fromisoformat}.get(tipe, lambda v: v)(nilai)


def test_the_full_export_validates_and_holds_every_row_as_typed(balai, client, tmp_path):
    terbit(balai)
    k = katalog_kini(balai)
    folder = ekstrak(client, tmp_path)
    report = sah(folder)
    assert report.stats["tasks"] == 2
    package = frictionless.Package(folder / "datapackage.json")
    assert [r.name for r in package.resources] == [p.ds.nama for p in k.paket]
    for p in k.paket:
        resource = package.get_resource(p.ds.nama)
        assert resource.path == f"data/{p.ds.nama}.csv"
        tipe = {kol.nama: kol.tipe for kol in p.ds.kolom_penuh()}
        rows = [row.to_dict() for row in resource.read_rows()]
        # a formula-like text comes back with the apostrophe that guards it in a spreadsheet; read_cell drops it
        rows = [{n: read_cell(v) if isinstance(v, str) else v for n, v in row.items()} for row in rows]
        assert rows == [{n: dibaca(v, tipe[n]) for n, v in row.items()} for row in p.baris]
        for field in resource.schema.fields:  # the constraints hold for every row, as declared
            if enum := field.constraints.get("enum"):
                assert {row[field.name] for row in rows} <= set(enum)
            if field.constraints.get("required"):
                assert all(row[field.name] is not None for row in rows)
        keys = [tuple(row[n] for n in resource.schema.primary_key) for row in rows]
        assert resource.schema.primary_key and len(set(keys)) == len(keys)


def test_each_schema_declares_types_code_lists_and_keys(balai, client, tmp_path):
    terbit(balai)
    descriptor = json.loads((ekstrak(client, tmp_path) / "datapackage.json").read_text("utf-8"))
    lahan = next(r for r in descriptor["resources"] if r["name"] == "unduh-lahan")
    fields = {f["name"]: f for f in lahan["schema"]["fields"]}
    assert [f["name"] for f in lahan["schema"]["fields"]] == ["periode", "kode_wilayah", "jenis", "luas", "petak",
                                                              "irigasi", "diukur"]
    assert {n: f["type"] for n, f in fields.items()} == {
        "periode": "string", "kode_wilayah": "string", "jenis": "string", "luas": "number", "petak": "integer",
        "irigasi": "boolean", "diukur": "date"}
    assert fields["jenis"]["constraints"] == {"required": True, "enum": ["sawah", "ladang", "kebun"]}
    assert fields["periode"]["constraints"] == {"required": True} and "constraints" not in fields["luas"]
    assert lahan["schema"]["primaryKey"] == ["periode", "kode_wilayah", "jenis"]
    assert lahan["schema"]["missingValues"] == [""]
    assert "Satuan: hektare." in fields["luas"]["description"] and fields["luas"]["title"] == "Luas"
    assert "sawah = Sawah" in fields["jenis"]["description"]
    assert lahan["title"] == "Lahan menurut jenis" and lahan["format"] == "csv" and lahan["encoding"] == "utf-8"
    assert lahan["mediatype"] == "text/csv" and lahan["sources"] == [{"title": "Pendataan lahan nagari"}]


def test_datapackage_json_points_at_the_downloads(balai, client, tmp_path):
    terbit(balai)
    k = katalog_kini(balai)
    lokal = json.loads((ekstrak(client, tmp_path) / "datapackage.json").read_text("utf-8"))
    response = get(client, "/data/datapackage.json")
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    jauh = response.json()
    assert jauh["profile"] == "tabular-data-package"
    assert jauh["name"] == "nagari-sungai-kamuyang-data-terbuka" and len(jauh["id"]) == 36
    assert jauh["title"] == "Data terbuka Nagari Sungai Kamuyang"
    assert jauh["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                 "title": "Creative Commons Attribution 4.0"}]
    assert jauh["contributors"] == [{"title": "Kantor Nagari", "role": "publisher",
                                     "organization": "Pemerintah Nagari Sungai Kamuyang",
                                     "email": "kantor@sungaikamuyang.example"}]
    assert jauh["sources"] == [{"title": "Pemerintah Nagari Sungai Kamuyang", "path": f"{BASE}/data"}]
    assert {"lahan", "pertanian", "penduduk"} <= set(jauh["keywords"])
    assert jauh["version"] == datapackage.nomor_versi(k.dibuat)  # the newest release (chosen before it)
    assert datetime.fromisoformat(jauh["created"].replace("Z", "+00:00")).tzinfo == timezone.utc
    for resource, sama in zip(jauh["resources"], lokal["resources"]):
        assert resource["path"] == f"{BASE}/data/unduh/{resource['name']}.csv"
        assert {**resource, "path": sama["path"]} == sama  # the same descriptor but where the CSV lives
        csv = get(client, resource["path"].removeprefix(BASE))
        assert csv.status_code == 200 and len(csv.content) == resource["bytes"]
        assert resource["hash"] == "sha256:" + hashlib.sha256(csv.content).hexdigest()
    assert {n: v for n, v in jauh.items() if n != "resources"} == {n: v for n, v in lokal.items() if n != "resources"}


def _versi(client) -> tuple[int, ...]:
    return tuple(int(n) for n in get(client, "/data/datapackage.json").json()["version"].split("."))


def test_the_package_version_only_grows_even_when_a_dataset_is_withdrawn(balai, client, tmp_path):
    """The version is the moment the package last changed: withdrawing a dataset (which the sum of revision
    numbers it replaced counted down) moves it forward like a release does."""
    terbit(balai)
    jam_lalu = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=1)
    for tabel in (TerbitanDataset, PilihanDataset):  # everything was published an hour ago
        run_sync(tabel.update({tabel.diubah: jam_lalu}, force=True).run())
    awal = _versi(client)
    assert awal == (jam_lalu.year, jam_lalu.month, jam_lalu.day, int(f"{jam_lalu:%H%M%S}"))

    run_sync(atur({"unduh-penduduk": (False, BULANAN)}, dikenal=DIKENAL))  # the office withdraws one
    jauh = get(client, "/data/datapackage.json").json()
    assert [r["name"] for r in jauh["resources"]] == ["unduh-lahan"]
    ditarik = _versi(client)
    assert ditarik > awal
    lokal = json.loads((ekstrak(client, tmp_path) / "datapackage.json").read_text("utf-8"))
    assert lokal["version"] == jauh["version"]

    data_unduh.LUAS["sawah"] = 99.75  # then a revision
    assert [h.status for h in run_sync(terbitkan(konteks(balai), nama=["unduh-lahan"]))] == ["revisi"]
    assert _versi(client) >= ditarik
    assert datapackage.nomor_versi(datetime(2026, 12, 7, 9, 30, 15)) == "2026.12.07.093015"  # SQLite's naive UTC
    assert datapackage.nomor_versi(datetime(2026, 12, 7, 16, 30, 15, tzinfo=timezone(timedelta(hours=7)))) == \
        "2026.12.07.093015"


def test_the_validator_catches_a_cell_off_its_code_list(balai, client, tmp_path):
    """The check above can fail: a CSV whose cell leaves the code list is reported."""
    terbit(balai)
    folder = ekstrak(client, tmp_path)
    csv = folder / "data" / "unduh-lahan.csv"
    csv.write_text(csv.read_text("utf-8").replace(",ladang,", ",rawa,"), "utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        resource.pop("hash"), resource.pop("bytes")  # only the cell may be wrong
    (folder / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"constraint-error"}


def test_a_code_list_or_key_the_rows_break_is_not_declared(caplog):
    """A contributing plugin's fault is logged and its constraint left out, so the package stays valid."""
    kolom = (Kolom("jenis", "Jenis", "string", "Jenis.", kunci=True, kode=(("a", "A"),)),
             Kolom("nilai", "Nilai", "integer", "Nilai."))
    ds = Dataset("uji-rusak", "Uji", "Uji.", kolom, hitung=None, hitungan_orang=False, sensor=BUKAN_ORANG)
    waktu = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def paket(baris):
        rows = [{"periode": "2026", "kode_wilayah": "13", **r} for r in baris]
        return Paket(ds=ds, id="x", resource_id="y", baris=rows, periode=["2026"], dibuat=waktu, diubah=waktu,
                     sementara=False, versi={"2026": 1}, jadwal=BULANAN)

    baik = datapackage.skema(paket([{"jenis": "a", "nilai": 1}]))
    assert baik["fields"][2]["constraints"] == {"required": True, "enum": ["a"]} and "primaryKey" in baik
    with caplog.at_level(logging.WARNING, logger="plugins.satu_data.format.datapackage"):
        asing = datapackage.skema(paket([{"jenis": "a", "nilai": 1}, {"jenis": "b", "nilai": 2}]))
        ganda = datapackage.skema(paket([{"jenis": "a", "nilai": 1}, {"jenis": "a", "nilai": 2}]))
    assert asing["fields"][2]["constraints"] == {"required": True} and "primaryKey" in asing
    assert ganda["fields"][2]["constraints"] == {"required": True, "enum": ["a"]} and "primaryKey" not in ganda
    assert "di luar daftar kodenya" in caplog.text and "kunci" in caplog.text
    kosong = datapackage.skema(paket([{"jenis": None, "nilai": 1}]))
    assert kosong["fields"][2]["constraints"] == {"enum": ["a"]} and "primaryKey" not in kosong


def test_nothing_published_yet(balai, client):
    for url in ("/data/datapackage.json", "/data/datapackage.zip"):
        response = get(client, url)
        assert response.status_code == 404 and response.text == "Belum ada dataset yang diterbitkan."
    response = get(client, "/data/katalog.jsonld")
    assert response.status_code == 200 and response.json()["dcat:dataset"] == []


KUNCI_DATASET = {"@id", "@type", "dct:identifier", "dct:title", "dct:description", "dcat:keyword", "dcat:theme",
                 "dct:publisher", "dcat:contactPoint", "dct:license", "dct:accessRights", "dct:temporal",
                 "dct:accrualPeriodicity", "dct:issued", "dct:modified", "dcat:landingPage", "dcat:distribution",
                 "dct:spatial"}
KUNCI_DISTRIBUSI = {"@type", "dcat:downloadURL", "dcat:accessURL", "dct:format", "dcat:mediaType", "dct:license"}


def test_dcat_catalogue_and_datasets(balai, client):
    terbit(balai)
    k = katalog_kini(balai)
    response = get(client, "/data/katalog.jsonld")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/ld+json")
    doc = response.json()
    assert {n: doc["@context"][n] for n in ("dcat", "dct", "foaf", "vcard", "xsd")} == {
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#"}
    assert doc["@type"] == "dcat:Catalog" and doc["dct:title"]["@value"] == "Data terbuka Nagari Sungai Kamuyang"
    assert doc["dct:description"]["@value"] and doc["dct:publisher"]["@type"] == "foaf:Organization"
    assert doc["dct:publisher"]["foaf:name"] == "Pemerintah Nagari Sungai Kamuyang"
    assert doc["dct:spatial"]["dct:identifier"] == "13.07.05.2001"
    assert [d["dct:identifier"] for d in doc["dcat:dataset"]] == [p.id for p in k.paket]
    hari = nagari_today(balai.profile())
    for node, p in zip(doc["dcat:dataset"], k.paket):
        assert KUNCI_DATASET <= set(node), KUNCI_DATASET - set(node)
        assert node["@type"] == "dcat:Dataset" and node["dct:title"]["@value"] == p.ds.judul
        assert node["dcat:landingPage"] == {"@id": f"{BASE}/data/{p.ds.nama}"}
        assert node["dcat:contactPoint"]["@type"] == "vcard:Organization"
        assert node["dcat:contactPoint"]["vcard:hasEmail"] == {"@id": "mailto:kantor@sungaikamuyang.example"}
        assert node["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
        assert node["dct:accessRights"] == {"@id": f"{EU}/access-right/PUBLIC"}
        assert node["dct:issued"]["@type"] == node["dct:modified"]["@type"] == "xsd:dateTime"
        assert {t["@id"] for t in node["dcat:theme"]} >= {f"{BASE}/data?grup={p.ds.grup}"}
        assert node["dcat:keyword"] == list(p.ds.tag)
        dataset = get(client, f"/data/unduh/{p.ds.nama}.jsonld")
        assert dataset.status_code == 200 and dataset.json() == {"@context": doc["@context"], **node}
        assert len(node["dcat:distribution"]) == 3
        for dist in node["dcat:distribution"]:
            assert KUNCI_DISTRIBUSI <= set(dist)
            for kunci in ("dcat:downloadURL", "dcat:accessURL"):
                url = dist[kunci]["@id"]
                assert url.startswith(f"{BASE}/data/unduh/{p.ds.nama}.")
                answer = get(client, url.removeprefix(BASE))
                assert answer.status_code == 200 and answer.content
                assert dist["dcat:mediaType"]["@id"].endswith(answer.headers["content-type"].split(";")[0])
    lahan, penduduk = (next(d for d in doc["dcat:dataset"] if d["@id"].endswith(n)) for n in DIPILIH)
    assert lahan["dct:accrualPeriodicity"] == {"@id": f"{EU}/frequency/ANNUAL"}
    assert penduduk["dct:accrualPeriodicity"] == {"@id": f"{EU}/frequency/MONTHLY"}
    assert lahan["dct:temporal"]["dcat:startDate"] == {"@value": f"{hari.year - 1}-01-01", "@type": "xsd:date"}
    assert lahan["dct:temporal"]["dcat:endDate"] == {"@value": f"{hari.year}-12-31", "@type": "xsd:date"}
    assert penduduk["dct:temporal"]["dcat:startDate"]["@value"] == f"{bulan_lalu(hari):%Y-%m}-01"
    assert [d["dct:format"]["@id"].rsplit("/", 1)[1] for d in lahan["dcat:distribution"]] == ["CSV", "JSON", "XLSX"]


class TestDemoNagari:
    """The demo nagari's real datasets (every plugin that contributes one), with the fixture's beside them."""

    @pytest.fixture
    def balai_entry_points(self, fixture_plugins):
        return [*entry_points(group="balai.plugins"), fixture_plugins("data_unduh")]

    @pytest.fixture
    def balai_plugins(self):
        return [*(e.name for e in entry_points(group="balai.plugins") if e.name != "sistem"), "data_unduh"]

    def test_the_demo_catalogue_validates_and_its_distributions_answer(self, balai, client, tmp_path):
        nagari_terbit(balai)
        k = katalog_kini(balai)
        assert len(k.paket) >= 2
        report = sah(ekstrak(client, tmp_path))
        assert report.stats["tasks"] == len(k.paket)
        doc = get(client, "/data/katalog.jsonld").json()
        assert len(doc["dcat:dataset"]) == len(k.paket)
        for node in doc["dcat:dataset"]:
            assert KUNCI_DATASET <= set(node)
            for dist in node["dcat:distribution"]:
                assert get(client, dist["dcat:downloadURL"]["@id"].removeprefix(BASE)).status_code == 200

"""The CKAN-compatible read API of satu_data (issue 26): every action's shape and values on a published nagari, as
CKAN 2.10 gives them; bad input (unknown ids, bad JSON, limits, unknown fields, SQL in any parameter) answers
CKAN's Not Found / Validation Error with 404 / 409, never a 500; no session cookie.

The nagari publishes the two datasets of the test plugin tests/fixtures/plugins/data_uji.py (a monthly one with
every column type, a yearly one), so the figures do not depend on what the other plugins contribute; the harvester
replay (test_satu_data_ckan_panen.py) reads every real dataset of the demo too."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest

from plugin_sdk.testing import run_sync
from tests.fixtures.plugins import data_uji
from tests.satu_data_ckan_helpers import CKAN_WAKTU, balai_entry_points, balai_plugins, segar  # noqa: F401
from tests.satu_data_helpers import konteks

PANEN, KAS = "uji-panen-padi", "uji-kas-jorong"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def api(balai, client):
    data_uji.nagari_uji(balai)
    return client


def aksi(client, nama: str, status: int = 200, **params):
    r = client.get(f"/api/3/action/{nama}", params=params)
    assert r.status_code == status, r.text[:800]
    assert "set-cookie" not in r.headers
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def hasil(client, nama: str, **params):
    body = aksi(client, nama, **params)
    assert body["success"] is True and body["help"] == f"http://testserver.local/api/3/action/help_show?name={nama}"
    return body["result"]


def galat(client, nama: str, status: int, jenis: str, method: str = "GET", **params) -> dict:
    r = client.get(f"/api/3/action/{nama}", params=params) if method == "GET" else \
        client.post(f"/api/3/action/{nama}", json=params)
    assert r.status_code == status, (nama, params, r.text[:500])
    body = r.json()
    assert body["success"] is False and body["error"]["__type"] == jenis, body
    return body["error"]


def baris_terbit(balai, nama: str) -> list[dict]:
    from plugins.satu_data.katalog import bangun

    return next(p.baris for p in run_sync(bangun(konteks(balai))).paket if p.ds.nama == nama)


def test_status_show_answers_on_both_url_forms_by_get_and_post_without_a_cookie(api):
    status = hasil(api, "status_show")
    assert status["ckan_version"] == "2.10.4" and status["site_url"] == "http://testserver.local"
    assert status["locale_default"] == "id" and "datastore" in status["extensions"]
    assert "Taram" in status["site_title"]
    for r in (api.get("/api/action/status_show"), api.post("/api/3/action/status_show", json={}),
              api.post("/api/action/package_show", json={"id": PANEN})):
        assert r.status_code == 200 and r.json()["success"] is True and "set-cookie" not in r.headers
    assert api.post("/api/action/status_show").json()["result"] == status  # an empty POST body is no parameters
    # A form POST (CKAN accepts one) needs no CSRF token either: nothing is written.
    assert api.post("/api/3/action/package_show", data={"id": PANEN}).json()["result"]["name"] == PANEN


def test_package_show_describes_a_dataset_with_its_metadata_resource_and_ids(balai, api):
    assert hasil(api, "package_list") == [KAS, PANEN]  # by name
    assert hasil(api, "package_list", limit=1, offset=1) == [PANEN]
    p = hasil(api, "package_show", id=PANEN)
    assert hasil(api, "package_show", id=p["id"]) == p  # by id as by name
    assert UUID.match(p["id"]) and p["name"] == PANEN
    # Harvested into a kabupaten's portal beside every other nagari's, the title says whose it is.
    assert p["title"] == "Luas tanam padi per jorong - Nagari Taram"
    assert p["notes"].startswith("Luas lahan yang ditanami padi") and "13.07.05.2001" in p["notes"]
    assert p["url"] == f"http://testserver.local/data/{PANEN}"
    assert (p["license_id"], p["isopen"], p["license_url"]) == ("cc-by", True,
                                                              "https://creativecommons.org/licenses/by/4.0/")
    assert p["author"] == "Pemerintah Nagari Taram" and p["maintainer_email"] == "kantor@taram.contoh.id"
    assert (p["state"], p["private"], p["type"], p["version"]) == ("active", False, "dataset", None)
    assert p["relationships_as_object"] == p["relationships_as_subject"] == []
    org = p["organization"]
    assert org["name"] == "nagari-taram" and org["is_organization"] is True and p["owner_org"] == org["id"]
    assert [g["name"] for g in p["groups"]] == ["potensi"] and p["groups"][0]["title"] == "Profil dan potensi"
    assert [t["name"] for t in p["tags"]] == ["padi", "pertanian"] and p["num_tags"] == 2
    assert all(t["vocabulary_id"] is None and UUID.match(t["id"]) for t in p["tags"])
    assert CKAN_WAKTU.match(p["metadata_created"]) and CKAN_WAKTU.match(p["metadata_modified"])
    assert p["metadata_created"] <= p["metadata_modified"]

    extras = {e["key"]: e["value"] for e in p["extras"]}
    assert all(isinstance(v, str) for v in extras.values())  # CKAN keeps extras as text
    periode = [r["periode"] for r in baris_terbit(balai, PANEN)]
    assert extras["periode"] == ", ".join(sorted(set(periode))) and extras["frekuensi"] == "bulanan"
    assert extras["kode_wilayah"] == "13.07.05.2001" and "bukan hitungan orang" in extras["metode_penyembunyian"]
    assert extras["sumber"] == "Catatan penyuluh pertanian (uji)"
    assert extras["judul_dataset"] == "Luas tanam padi per jorong" == p["resources"][0]["name"]
    variabel = {v["nama"]: v for v in json.loads(extras["variabel"])}
    assert list(variabel)[:2] == ["periode", "kode_wilayah"]
    assert variabel["luas"]["satuan"] == "hektare" and variabel["jenis"]["kode"] == [["sawah", "Sawah irigasi"],
                                                                                     ["ladang", "Ladang kering"]]
    assert extras["temporal_start"].endswith("-01") and extras["temporal_start"] < extras["temporal_end"]

    [res] = p["resources"]
    assert p["num_resources"] == 1 and res["package_id"] == p["id"] and UUID.match(res["id"])
    assert res["url"] == f"http://testserver.local/data/unduh/{PANEN}.csv"
    assert (res["format"], res["mimetype"], res["datastore_active"], res["position"]) == ("CSV", "text/csv", True, 0)
    assert res["last_modified"] == res["metadata_modified"] == p["metadata_modified"]
    assert hasil(api, "resource_show", id=res["id"]) == res

    kas = hasil(api, "package_show", id=KAS)
    assert kas["id"] != p["id"] and kas["resources"][0]["id"] != res["id"]
    assert {e["key"]: e["value"] for e in kas["extras"]}["periode_sementara"] == kas_periode(balai)


def kas_periode(balai) -> str:
    return baris_terbit(balai, KAS)[-1]["periode"]


def test_the_api_follows_the_office_choices_releases_and_settings(balai, api):
    from plugin_sdk.testing import login, post_form
    from plugins.satu_data.pilihan import atur
    from plugins.satu_data.tables import BULANAN
    from plugins.satu_data.terbit import terbitkan

    lama = hasil(api, "package_show", id=PANEN)
    rid = hasil(api, "package_show", id=KAS)["resources"][0]["id"]
    login(api)  # the administrator changes the plugin's settings as on its page
    pengaturan = {"lisensi": "cc-zero", "kontak_nama": "Walidata Taram", "kontak_email": "data@taram.contoh.id"}
    assert post_form(api, "/admin/plugin/satu_data/pengaturan", pengaturan,
                     follow_redirects=False).status_code in (302, 303)
    run_sync(atur({KAS: (False, BULANAN)}, dikenal={KAS, PANEN}))  # the office stops publishing one dataset
    bulan = datetime.strptime(min(r["periode"] for r in baris_terbit(balai, PANEN)), "%Y-%m")
    dulu = (bulan - timedelta(days=1)).date()  # the month before the oldest published one: a new period
    assert run_sync(terbitkan(konteks(balai), nama=[PANEN], per=dulu))[0].status == "baru"

    baru = hasil(api, "package_show", id=PANEN)
    assert (baru["license_id"], baru["license_title"]) == ("cc-zero", "Creative Commons CCZero")
    assert (baru["maintainer"], baru["maintainer_email"]) == ("Walidata Taram", "data@taram.contoh.id")
    assert baru["metadata_modified"] > lama["metadata_modified"]  # the harvester compares these as text
    assert baru["metadata_created"] == lama["metadata_created"] and baru["id"] == lama["id"]
    assert f"{dulu:%Y-%m}" in {e["key"]: e["value"] for e in baru["extras"]}["periode"]
    assert hasil(api, "package_list") == [PANEN]
    assert hasil(api, "group_list") == ["potensi"] and hasil(api, "tag_list") == ["padi", "pertanian"]
    galat(api, "package_show", 404, "Not Found Error", id=KAS)
    galat(api, "resource_show", 404, "Not Found Error", id=rid)
    galat(api, "datastore_search", 404, "Not Found Error", resource_id=rid)
    galat(api, "group_show", 404, "Not Found Error", id="keuangan")


def test_organization_group_and_tag_actions(api):
    semua = hasil(api, "package_list")
    assert hasil(api, "organization_list") == ["nagari-taram"]
    [org] = hasil(api, "organization_list", all_fields="true")
    assert org["package_count"] == 2 and org["title"] == "Pemerintah Nagari Taram"
    show = hasil(api, "organization_show", id=org["id"], include_datasets="true")
    assert hasil(api, "organization_show", id="nagari-taram")["id"] == org["id"]
    assert sorted(p["name"] for p in show["packages"]) == semua and show["package_count"] == len(semua)
    assert "Kecamatan Harau" in show["description"] and show["type"] == "organization"
    assert {"key": "kode_wilayah", "value": "13.07.05.2001"} in show["extras"]

    assert hasil(api, "group_list") == ["keuangan", "potensi"]  # only the themes with a dataset, by title
    assert hasil(api, "group_list", sort="title desc", limit=1) == ["potensi"]
    penuh = hasil(api, "group_list", all_fields="true", sort="name asc")
    assert [(g["name"], g["title"], g["package_count"]) for g in penuh] == [
        ("keuangan", "Keuangan nagari", 1), ("potensi", "Profil dan potensi", 1)]
    potensi = hasil(api, "group_show", id="potensi", include_datasets="true")
    assert hasil(api, "group_show", id=potensi["id"])["name"] == "potensi"
    cari = hasil(api, "package_search", fq="groups:potensi", rows=1000)
    assert potensi["package_count"] == cari["count"] == len(potensi["packages"])
    assert PANEN in {p["name"] for p in potensi["packages"]} and potensi["is_organization"] is False

    assert hasil(api, "tag_list") == ["keuangan", "padi", "pertanian"]
    assert hasil(api, "tag_list", query="PAD") == ["padi"]
    padi = hasil(api, "tag_list", all_fields="true")[1]
    assert padi["name"] == "padi" and padi["vocabulary_id"] is None and UUID.match(padi["id"])
    assert hasil(api, "help_show", name="tag_list").startswith("tag_list: ")


def nama(cari: dict) -> list[str]:
    return [p["name"] for p in cari["results"]]


def test_package_search_q_fq_sort_paging_and_facets(api):
    uji = "name:uji-*"
    semua = hasil(api, "package_search")
    assert semua["count"] == 2 and semua["sort"] == "score desc, metadata_modified desc"  # CKAN's default order
    assert nama(semua) == [PANEN, KAS]  # no words: the newest change first
    assert hasil(api, "package_search", rows=5000)["count"] == 2  # rows over 1000 is lowered, as CKAN does

    assert nama(hasil(api, "package_search", q="padi", fq=uji)) == [PANEN]
    assert nama(hasil(api, "package_search", q="Saldo KAS", fq=uji)) == [KAS]  # every word, any case
    assert hasil(api, "package_search", q="*:*", fq=uji)["count"] == 2
    assert nama(hasil(api, "package_search", q="tags:keuangan", fq=uji)) == [KAS]
    assert nama(hasil(api, "package_search", fq=f"{uji} tags:pertanian AND groups:potensi")) == [PANEN]
    assert nama(hasil(api, "package_search", fq=f"{uji} -groups:potensi")) == [KAS]
    assert nama(hasil(api, "package_search", fq=f"+{uji} +(tags:padi OR tags:keuangan)", sort="name asc")) == [KAS,
                                                                                                             PANEN]
    assert nama(hasil(api, "package_search", fq=f'name:"{KAS}"')) == [KAS]
    assert hasil(api, "package_search", fq="organization:nagari-taram", rows=0)["count"] == semua["count"]
    assert hasil(api, "package_search", fq="organization:lain", rows=0)["count"] == 0

    panen, kas = (hasil(api, "package_show", id=n) for n in (PANEN, KAS))
    assert kas["metadata_modified"] < panen["metadata_modified"]  # this month's release revised the crop table
    waktu = {"dari_panen": f"metadata_modified:[{panen['metadata_modified']}Z TO *]",
             "sampai_kas": f"metadata_modified:[* TO {kas['metadata_modified']}Z]",
             "setelah_kas": f"metadata_modified:{{{kas['metadata_modified']}Z TO *]",
             "hari_ini": "metadata_modified:[NOW-1DAY TO NOW]", "dulu": "metadata_modified:[* TO NOW/DAY-1DAY]"}
    pilih = {k: nama(hasil(api, "package_search", fq=f"{uji} {v}", sort="name asc")) for k, v in waktu.items()}
    assert pilih == {"dari_panen": [PANEN], "sampai_kas": [KAS], "setelah_kas": [PANEN], "hari_ini": [KAS, PANEN],
                     "dulu": []}

    urut = {s: nama(hasil(api, "package_search", fq=uji, sort=s)) for s in
            ("id asc", "name desc", "metadata_modified desc", "title_string asc", "metadata_created asc, name asc")}
    assert urut["id asc"] == [p["name"] for p in sorted((panen, kas), key=lambda p: p["id"])]
    assert urut["name desc"] == [PANEN, KAS] and urut["metadata_modified desc"] == [PANEN, KAS]
    assert urut["title_string asc"] == [PANEN, KAS]  # "Luas ..." before "Saldo ..."
    dua = [nama(hasil(api, "package_search", fq=uji, sort="name asc", rows=1, start=s)) for s in (0, 1, 2)]
    assert dua == [[KAS], [PANEN], []]
    assert hasil(api, "package_search", fq=uji, rows=1)["count"] == 2

    facet = hasil(api, "package_search", fq=uji, **{"facet.field": '["tags", "groups", "organization"]'})
    assert facet["facets"]["tags"] == {"keuangan": 1, "padi": 1, "pertanian": 1}
    assert facet["facets"]["organization"] == {"nagari-taram": 2}
    grup = {i["name"]: i for i in facet["search_facets"]["groups"]["items"]}
    assert grup["potensi"] == {"name": "potensi", "display_name": "Profil dan potensi", "count": 1}
    assert hasil(api, "package_search", fq=uji)["facets"] == {}
    ringkas = hasil(api, "package_search", fq=uji, fl="id,name", sort="name asc")["results"]
    assert ringkas == [{"id": kas["id"], "name": KAS}, {"id": panen["id"], "name": PANEN}]
    lewat_post = api.post("/api/3/action/package_search", json={"fq": uji, "rows": 1, "sort": "name desc"}).json()
    assert nama(lewat_post["result"]) == [PANEN]


def test_datastore_search_types_filters_q_sort_and_pages_as_the_datastore(balai, api):
    rid = hasil(api, "package_show", id=PANEN)["resources"][0]["id"]
    terbit = baris_terbit(balai, PANEN)
    r = hasil(api, "datastore_search", resource_id=rid)
    assert [(f["id"], f["type"]) for f in r["fields"]] == [
        ("_id", "int"), ("periode", "text"), ("kode_wilayah", "text"), ("jorong", "text"), ("jenis", "text"),
        ("luas", "numeric"), ("petak", "int"), ("irigasi", "bool"), ("tanam", "date")]
    assert r["fields"][5]["info"] == {"label": "Luas tanam", "notes": "Luas yang ditanami. Satuan: hektare."}
    assert r["total"] == len(terbit) == 12 and r["limit"] == 100 and r["total_was_estimated"] is False
    assert r["records"] == [{"_id": i, **row} for i, row in enumerate(terbit, start=1)]
    assert r["resource_id"] == rid and r["records_format"] == "objects"

    def cari(**params):
        return hasil(api, "datastore_search", resource_id=rid, **params)

    koto = cari(filters=json.dumps({"jorong": "Koto Tuo", "jenis": ["sawah", "ladang"], "irigasi": "true"}))
    assert [x["_id"] for x in koto["records"]] == [i for i, x in enumerate(terbit, 1)
                                                  if x["jorong"] == "Koto Tuo" and x["irigasi"]]
    assert koto["filters"] == {"jorong": "Koto Tuo", "jenis": ["sawah", "ladang"], "irigasi": "true"}
    petak = terbit[0]["petak"]
    assert cari(filters=json.dumps({"petak": str(petak)}))["records"] == cari(filters=json.dumps({"petak": petak}))[
        "records"] != []
    assert cari(filters=json.dumps({"tanam": terbit[0]["tanam"], "luas": terbit[0]["luas"]}))["total"] == 2
    assert {x["jorong"] for x in cari(q="padang")["records"]} == {"Padang Kuduang"}
    assert {x["jorong"] for x in cari(q=json.dumps({"jorong": "koto"}))["records"]} == {"Koto Tuo"}
    assert cari(q="padang ladang")["total"] == 2  # every word

    sempit = cari(fields="jorong,luas", sort="luas desc, jorong asc", limit=3)
    assert [f["id"] for f in sempit["fields"]] == ["jorong", "luas"] and sempit["sort"] == "luas desc, jorong asc"
    harap = sorted(sorted(terbit, key=lambda x: x["jorong"]), key=lambda x: x["luas"], reverse=True)[:3]
    assert sempit["records"] == [{"jorong": x["jorong"], "luas": x["luas"]} for x in harap]

    halaman = cari(limit=5, offset=5, sort="_id desc")
    assert [x["_id"] for x in halaman["records"]] == [7, 6, 5, 4, 3] and halaman["offset"] == 5
    links = halaman["_links"]
    assert links["start"].startswith("/api/3/action/datastore_search?") and "offset" not in links["start"]
    assert "offset=10" in links["next"] and f"resource_id={rid}" in links["next"]
    assert cari(fields="jorong", distinct="true")["total"] == 3
    assert "total" not in cari(include_total="false")
    assert cari(limit=0)["records"] == [] and cari(limit=0)["total"] == 12
    assert cari(records_format="lists", limit=1, fields="jorong,petak")["records"] == [[terbit[0]["jorong"],
                                                                                       terbit[0]["petak"]]]
    lewat_post = api.post("/api/action/datastore_search", json={
        "id": rid, "filters": {"jenis": "ladang"}, "q": {"jorong": "sari"}, "limit": 1}).json()["result"]
    assert lewat_post["total"] == 2 and lewat_post["records"][0]["jorong"] == "Sarilamak"
    assert lewat_post["_links"]["next"] == "/api/action/datastore_search?offset=1"


SQL = ("' OR 1=1 --", "1; DROP TABLE satu_data_terbitan; --", '" OR ""="', "x') UNION SELECT * FROM balai_pengguna--",
       "%27%20OR%201%3D1", "\\x00\u0000", "{\"jorong\": \"' OR '1'='1\"}", "[\"'; --\"]", "luas desc; DELETE FROM x")
PARAMETER = {
    "package_list": ("limit", "offset", "page"), "package_show": ("id",), "resource_show": ("id",),
    "package_search": ("q", "fq", "sort", "rows", "start", "fl", "facet.field", "facet.limit"),
    "organization_list": ("sort", "all_fields", "limit"), "organization_show": ("id", "include_datasets"),
    "group_list": ("sort", "groups", "offset"), "group_show": ("id",), "tag_list": ("query", "vocabulary_id"),
    "help_show": ("name",), "status_show": ("x",), "current_package_list_with_resources": ("limit", "page"),
    "datastore_search": ("resource_id", "filters", "q", "fields", "sort", "limit", "offset", "distinct",
                         "records_format", "include_total"),
}
DALAM = "[" * 1500  # nested past Python's recursion limit: the JSON parser gives up with a RecursionError
#: Every parameter read as JSON, nested too deep (the object form too, where an object is accepted).
BERSARANG = [("datastore_search", "filters", DALAM), ("datastore_search", "filters", '{"jorong": ' + DALAM),
             ("datastore_search", "q", '{"jorong": ' + DALAM), ("datastore_search", "fields", DALAM),
             ("package_search", "fl", DALAM), ("package_search", "facet.field", DALAM),
             ("group_list", "groups", DALAM), ("organization_list", "organizations", DALAM)]


def test_bad_input_answers_ckans_errors_never_a_500(balai, api):
    from plugins.satu_data.tables import TerbitanDataset

    rid = hasil(api, "package_show", id=PANEN)["resources"][0]["id"]
    ds = {"resource_id": rid}
    for nama_aksi, params in (("package_show", {"id": "tidak-ada"}), ("resource_show", {"id": "tidak-ada"}),
                              ("organization_show", {"id": "nagari-lain"}), ("group_show", {"id": "lainnya"}),
                              ("datastore_search", {"resource_id": "tidak-ada"}), ("help_show", {"name": "nope"}),
                              ("tag_list", {"vocabulary_id": "x"})):
        assert galat(api, nama_aksi, 404, "Not Found Error", **params)["message"].startswith("Tidak ditemukan")
    validasi = [
        ("package_show", {}, "id"), ("datastore_search", {}, "resource_id"),
        ("datastore_search", {**ds, "filters": "{rusak"}, "filters"),
        ("datastore_search", {**ds, "filters": "[\"jorong\"]"}, "filters"),
        ("datastore_search", {**ds, "filters": '{"tidak_ada": 1}'}, "filters"),
        ("datastore_search", {**ds, "filters": '{"jorong": "tidak ada", "tidak_ada": 1}'}, "filters"),
        ("datastore_search", {**ds, "filters": '{"petak": "banyak"}'}, "filters"),
        ("datastore_search", {**ds, "filters": '{"irigasi": "mungkin"}'}, "filters"),
        ("datastore_search", {**ds, "limit": "32001"}, "limit"), ("datastore_search", {**ds, "limit": "-1"}, "limit"),
        ("datastore_search", {**ds, "limit": "seratus"}, "limit"),
        ("datastore_search", {**ds, "offset": "-5"}, "offset"),
        ("datastore_search", {**ds, "sort": "tidak_ada desc"}, "sort"),
        ("datastore_search", {**ds, "sort": "luas menyamping"}, "sort"),
        ("datastore_search", {**ds, "fields": "jorong,tidak_ada"}, "fields"),
        ("datastore_search", {**ds, "q": '{"tidak_ada": "x"}'}, "q"),
        ("datastore_search", {**ds, "records_format": "csv"}, "records_format"),
        ("datastore_search", {**ds, "kolom_asing": "1"}, "__junk"),
        ("package_search", {"fq": "tidak_dikenal:x"}, "fq"), ("package_search", {"fq": "(tags:padi"}, "fq"),
        ("package_search", {"fq": "metadata_modified:[kemarin TO *]"}, "fq"),
        ("package_search", {"fq": "tags:[a TO b]"}, "fq"), ("package_search", {"q": 'title:"tanpa tutup'}, "q"),
        ("package_search", {"q": "tags:padi NOT"}, "q"),
        ("package_search", {"sort": "name"}, "sort"), ("package_search", {"sort": "rahasia asc"}, "sort"),
        ("package_search", {"rows": "-1"}, "rows"), ("package_search", {"start": "awal"}, "start"),
        ("package_search", {"facet.field": '["rahasia"]'}, "facet.field"),
        ("package_search", {"q": "(" * 40 + "x" + ")" * 40}, "q"), ("package_search", {"q": "x" * 3000}, "q"),
        ("group_list", {"sort": "rahasia"}, "sort"), ("package_list", {"limit": "-3"}, "limit"),
    ]
    for nama_aksi, params, kunci in validasi:
        error = galat(api, nama_aksi, 409, "Validation Error", **params)
        assert isinstance(error[kunci], list) and error[kunci][0], (nama_aksi, params, error)
    assert galat(api, "datastore_search", 409, "Validation Error", "POST", **ds, filters=[1])["filters"]
    for nama_aksi, kunci, isi in BERSARANG:
        for method in ("GET", "POST"):  # POST: the same text as a string in the JSON body
            extra = ds if nama_aksi == "datastore_search" else {}
            assert galat(api, nama_aksi, 409, "Validation Error", method, **extra, **{kunci: isi})[kunci]

    asing = api.get("/api/3/action/package_delete", params={"id": PANEN})
    assert asing.status_code == 400 and asing.json() == "Permintaan tidak sah - Nama aksi tidak dikenal: package_delete"
    for body in (b"{bukan json", b"[1, 2]", b"[" * 100_000, b'{"id": ' + DALAM.encode()):
        r = api.post("/api/3/action/package_show", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json().startswith("Permintaan tidak sah"), r.text

    sebelum = run_sync(TerbitanDataset.count().run())
    for nama_aksi, params in PARAMETER.items():
        for kunci in params:
            for isi in SQL:
                extra = ds if nama_aksi == "datastore_search" and kunci != "resource_id" else {}
                for r in (api.get(f"/api/3/action/{nama_aksi}", params={**extra, kunci: isi}),
                          api.post(f"/api/action/{nama_aksi}", json={**extra, kunci: isi})):
                    assert r.status_code in (200, 404, 409), (nama_aksi, kunci, isi, r.status_code, r.text[:300])
                    assert "set-cookie" not in r.headers
                    body = r.json()
                    if r.status_code != 200:
                        assert body["error"]["__type"] == {404: "Not Found Error",
                                                           409: "Validation Error"}[r.status_code]
    assert run_sync(TerbitanDataset.count().run()) == sebelum
    assert {PANEN, KAS} <= set(hasil(api, "package_list"))


def test_every_sort_is_read_alike_with_the_same_messages(api):
    """package_search, datastore_search, group_list and organization_list read `sort` with one parser."""
    rid = hasil(api, "package_show", id=PANEN)["resources"][0]["id"]
    for nama_aksi, extra in (("package_search", {}), ("datastore_search", {"resource_id": rid}), ("group_list", {}),
                             ("organization_list", {})):
        salah = {s: galat(api, nama_aksi, 409, "Validation Error", **extra, sort=s)["sort"]
                 for s in ("rahasia desc", "name menyamping", "name asc desc", " , ")}
        assert salah["rahasia desc"][0].startswith("Tidak dapat mengurutkan menurut 'rahasia'. Yang dapat: ")
        assert salah["name menyamping"] == [
            "Urutan tidak sah: 'name menyamping'. Tulis 'kolom asc' atau 'kolom desc', dipisah koma."]
        assert salah["name asc desc"] == [
            "Urutan tidak sah: 'name asc desc'. Tulis 'kolom asc' atau 'kolom desc', dipisah koma."]
        assert salah[" , "] == ["Urutan kosong."]
    # One field only for the office and the themes, as CKAN's group_list.
    assert galat(api, "group_list", 409, "Validation Error", sort="name asc, title desc")["sort"] == [
        "Paling banyak 1 urutan."]


def test_a_nagari_that_publishes_nothing_yet_answers_empty_and_still_refuses_bad_input(client):
    assert hasil(client, "package_list") == [] and hasil(client, "group_list") == [] and hasil(client, "tag_list") == []
    cari = hasil(client, "package_search", q="penduduk", fq="groups:kependudukan")
    assert (cari["count"], cari["results"]) == (0, [])
    assert hasil(client, "organization_list") == ["nagari-balai"]  # the office exists before its first release
    assert galat(client, "package_search", 409, "Validation Error", fq="rahasia:x")["fq"]
    assert galat(client, "package_search", 409, "Validation Error", fq="metadata_modified:[kemarin TO *]")["fq"]
    galat(client, "datastore_search", 404, "Not Found Error", resource_id="apa-saja")

"""A kabupaten's CKAN harvests a nagari (issue 26): the requests ckanext-harvest's CKAN harvester
(ckanext/harvest/harvesters/ckanharvester.py) makes, replayed against Balai, and the keys it reads checked.

Gather stage: ``package_search`` with ``rows=100``, ``start`` moving by ``rows``, ``sort=id asc`` and the ``fq``
it builds from its configuration (organization and group filters, and ``metadata_modified:[<since>Z TO *]`` once
a harvest has succeeded), until a page comes back empty; it gives up when two pages are the same. Fetch stage: no
request (the package dicts came with the search). Import stage: ``group_show`` and ``organization_show`` for the
groups and organization it creates, and the package dict's id, name, type, tags, groups, owner_org, extras,
resources and metadata_modified (compared as text with what it imported before).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from urllib.parse import urlencode, urlsplit

from plugin_sdk.testing import run_sync
from tests.fixtures.plugins import data_uji
from tests.satu_data_ckan_helpers import CKAN_WAKTU, balai_entry_points, balai_plugins, segar  # noqa: F401
from tests.satu_data_helpers import konteks, nagari_terbit

BASE = "http://testserver.local"
KUNCI_API = {"Authorization": "kunci-api-portal-kabupaten"}  # the harvester's optional api_key, sent as is
TIPE_DATASTORE = {"int", "text", "numeric", "bool", "date"}


def ambil(client, url: str) -> str:
    """The harvester's _get_content: a GET of a full URL, the body as text."""
    bagian = urlsplit(url)
    assert f"{bagian.scheme}://{bagian.netloc}" == BASE
    r = client.get(bagian.path + (f"?{bagian.query}" if bagian.query else ""), headers=KUNCI_API)
    assert r.status_code == 200, (url, r.text[:500])
    assert "set-cookie" not in r.headers
    return r.text


def kumpulkan(client, fq_terms: list[str], rows: str = "100") -> list[dict]:
    """CKANHarvester._search_for_datasets, step for step."""
    params = {"rows": rows, "start": "0", "sort": "id asc"}
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    pkg_dicts, pkg_ids, previous = [], set(), None
    while True:
        content = ambil(client, f"{BASE}/api/3/action/package_search?{urlencode(params)}")
        assert content != previous, "the paging does not move"
        previous = content
        page = json.loads(content).get("result", {}).get("results", [])
        ids = {p["id"] for p in page}
        page = [p for p in page if p["id"] not in ids & pkg_ids]
        pkg_ids |= ids
        pkg_dicts.extend(page)
        if not page:
            return pkg_dicts
        params["start"] = str(int(params["start"]) + int(params["rows"]))


def since(terakhir: datetime) -> str:
    """The fq term of a harvest after an error-free one that started at `terakhir` (UTC): an hour's margin."""
    return f"metadata_modified:[{(terakhir - timedelta(hours=1)).isoformat()}Z TO *]"


def impor(client, pkg: dict) -> None:
    """What the import stage reads of a package dict, and the remote group and organization it creates."""
    assert pkg["type"] != "harvest" and pkg["id"] and pkg["name"] and pkg["title"]
    assert all(isinstance(t, dict) and t["name"] for t in pkg["tags"])  # default_tags are added as dicts
    for group_ in pkg["groups"]:
        assert "id" in group_ and "name" in group_
        group = json.loads(ambil(client, f"{BASE}/api/3/action/group_show?id={group_['id']}")).pop("result")
        for key in ["packages", "created", "users", "groups", "tags", "extras", "display_name"]:
            group.pop(key, None)
        assert group["id"] == group_["id"] and group["name"] == group_["name"] and group["title"]
    org = json.loads(ambil(client, f"{BASE}/api/3/action/organization_show?id={pkg['owner_org']}"))["result"]
    for key in ["packages", "created", "users", "groups", "tags", "extras", "display_name", "type"]:
        org.pop(key, None)
    assert org["id"] == pkg["owner_org"] and org["name"] and org["title"] and org["is_organization"] is True
    assert all(set(e) == {"key", "value"} and isinstance(e["value"], str) for e in pkg["extras"])
    assert CKAN_WAKTU.match(pkg["metadata_modified"]) and pkg["license_id"]
    for resource in pkg["resources"]:
        assert "url_type" in resource and resource["url"].startswith(f"{BASE}/data/unduh/")
        assert resource["package_id"] == pkg["id"] and resource["datastore_active"] is True


def test_a_ckan_portal_harvests_every_dataset_of_the_demo_nagari(balai, client):
    nagari_terbit(balai)  # the demo's own datasets of every plugin, and the test plugin's
    status = json.loads(ambil(client, f"{BASE}/api/3/action/status_show"))["result"]
    assert tuple(int(x) for x in status["ckan_version"].split(".")[:2]) >= (2, 9)
    semua = json.loads(ambil(client, f"{BASE}/api/3/action/package_list"))["result"]
    assert len(semua) > 10 and set(data_uji.NAMA) <= set(semua)

    pkg_dicts = kumpulkan(client, ["organization:nagari-taram"])
    assert sorted(p["name"] for p in pkg_dicts) == semua
    assert [p["id"] for p in pkg_dicts] == sorted(p["id"] for p in pkg_dicts)  # sort=id asc across the pages
    assert [p["id"] for p in kumpulkan(client, ["organization:nagari-taram"], rows="7")] == [
        p["id"] for p in pkg_dicts]  # the same with pages of 7

    # In the kabupaten's catalogue, beside every other nagari's same datasets, each title says whose it is.
    assert all(p["title"].endswith(" - Nagari Taram") for p in pkg_dicts)
    for pkg in pkg_dicts:
        impor(client, pkg)
        # What a portal user then opens: the rows through the DataStore and the CSV the resource points at.
        [resource] = pkg["resources"]
        rows = json.loads(ambil(client, f"{BASE}/api/3/action/datastore_search?"
                                        f"{urlencode({'resource_id': resource['id'], 'limit': 32000})}"))["result"]
        assert rows["total"] == len(rows["records"]) > 0, pkg["name"]
        assert {f["type"] for f in rows["fields"]} <= TIPE_DATASTORE
        kolom = [f["id"] for f in rows["fields"]]
        assert all(list(r) == kolom for r in rows["records"])
        csv = client.get(urlsplit(resource["url"]).path)
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv"), pkg["name"]
        assert csv.text.lstrip("\ufeff").splitlines()[0].split(",") == kolom[1:]  # the same columns, without _id


def test_a_later_harvest_asks_only_for_what_changed_and_honours_its_filters(balai, client):
    from plugins.satu_data.terbit import terbitkan

    data_uji.nagari_uji(balai)
    panen, kas = data_uji.NAMA[1], data_uji.NAMA[0]
    pertama = {p["name"]: p for p in kumpulkan(client, [])}
    assert sorted(pertama) == [kas, panen]
    for pkg in pertama.values():
        impor(client, pkg)

    # The last error-free harvest started an hour after the newest release: nothing has changed since.
    terbaru = max(datetime.fromisoformat(p["metadata_modified"]) for p in pertama.values())
    mulai = terbaru + timedelta(hours=1, microseconds=1)
    assert kumpulkan(client, [since(mulai)]) == []
    assert kumpulkan(client, [since(mulai.replace(microsecond=0) - timedelta(hours=2))]) != []  # no fraction

    periode = json.loads(ambil(client, f"{BASE}/api/3/action/package_show?id={panen}"))["result"]
    awal = {e["key"]: e["value"] for e in periode["extras"]}["temporal_start"]
    dulu = datetime.fromisoformat(awal).date() - timedelta(days=1)
    assert run_sync(terbitkan(konteks(balai), nama=[panen], per=dulu))[0].status == "baru"  # an older month
    berubah = kumpulkan(client, [since(mulai)])
    assert [p["name"] for p in berubah] == [panen]
    assert berubah[0]["metadata_modified"] > pertama[panen]["metadata_modified"]  # so the import updates it
    impor(client, berubah[0])

    filter_ = {"organizations_filter_exclude": ["-organization:nagari-taram"],
               "organizations_filter_include": ["organization:lain OR organization:nagari-taram"],
               "groups_filter_include": ["groups:potensi OR groups:sosial"],
               "groups_filter_exclude": ["-groups:potensi"]}
    hasil = {k: sorted(p["name"] for p in kumpulkan(client, v)) for k, v in filter_.items()}
    assert hasil == {"organizations_filter_exclude": [], "organizations_filter_include": [kas, panen],
                     "groups_filter_include": [panen], "groups_filter_exclude": [kas]}

    # Older clients: the unversioned URL, package_list then package_show of each (by name, and by id in a POST).
    nama = json.loads(ambil(client, f"{BASE}/api/action/package_list"))["result"]
    assert nama == [kas, panen]
    for n in nama:
        pkg = json.loads(ambil(client, f"{BASE}/api/action/package_show?id={n}"))["result"]
        lewat_post = client.post("/api/action/package_show", json={"id": pkg["id"]}, headers=KUNCI_API)
        assert lewat_post.status_code == 200 and lewat_post.json()["result"] == pkg

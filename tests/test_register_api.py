"""The register's JSON API: same permissions as the pages, in the OpenAPI schema, views logged."""

from core.identity.users import create_user
from plugin_sdk.testing import login, post_form, run_sync
from tests.test_register_pages import HEAD, resident


def test_api_lists_and_shows_residents_for_permitted_staff(admin_client):
    post_form(admin_client, "/admin/penduduk/baru", HEAD)
    pid = resident(HEAD["nik"])["id"]
    page = admin_client.get("/api/v1/penduduk", params={"q": "rust"}).json()
    assert page["total"] == 1 and page["data"][0]["nik"] == HEAD["nik"]
    one = admin_client.get(f"/api/v1/penduduk/{pid}").json()
    assert one["nama"] == "Rustam" and one["status_dasar"] == 1
    journal = admin_client.get(f"/api/v1/penduduk/{pid}/peristiwa").json()
    assert [e["jenis"] for e in journal] == ["pendataan_awal"]
    family = admin_client.get(f"/api/v1/keluarga/{one['keluarga']}").json()
    assert family["no_kk"] == HEAD["no_kk"] and family["anggota"][0]["nama"] == "Rustam"
    entries = admin_client.get("/api/v1/peristiwa", params={"setelah": 0}).json()
    assert [e["jenis"] for e in entries] == ["pendataan_awal"]
    assert admin_client.get("/api/v1/peristiwa", params={"setelah": entries[-1]["id"]}).json() == []
    post_form(admin_client, f"/admin/keluarga/{one['keluarga']}/rumah-tangga", {"nomor_rt": "RT-9"})
    household = admin_client.get("/api/v1/rumah-tangga/1").json()
    assert household["nomor"] == "RT-9" and household["anggota"] == [pid]


def test_api_refuses_roles_without_permission_and_anonymous(client, balai):
    assert client.get("/api/v1/penduduk").status_code == 401
    run_sync(create_user("redaksi1", "Redaksi", "sandi-redaksi-1", "redaksi"))
    login(client, "redaksi1", "sandi-redaksi-1")
    assert client.get("/api/v1/penduduk").status_code == 403


def test_api_is_described_in_the_openapi_schema(client):
    schema = client.get("/api/docs/openapi.json").json()
    assert "/api/v1/penduduk" in schema["paths"] and "/api/v1/keluarga/{keluarga_id}" in schema["paths"]

"""The public page "Potensi Nagari" (issue 24): only published indicators' figures of the year the office publishes,
never an unpublished one, no session cookie, rebuilt after a publish or a changed figure; a photo is public only
while published, and its button posts the state it wants (a double click does not withdraw it again)."""

import io
from datetime import date
from importlib.metadata import EntryPoint, entry_points

import pytest
from PIL import Image

from core.audit.tables import AuditEntri
from core.web import cache_publik
from plugin_sdk.testing import post_form, run_sync
from plugins.potensi.publik.cache import CACHE
from plugins.potensi.tables import FotoPotensi

LALU = date.today().year - 1


@pytest.fixture
def balai_entry_points():
    """The installed plugins; `potensi` added while the checkout's entry points are not installed yet."""
    found = list(entry_points(group="balai.plugins"))
    if any(ep.name == "potensi" for ep in found):
        return None
    return [*found, EntryPoint(name="potensi", value="plugins.potensi.plugin", group="balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["potensi"]


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    CACHE.clear()
    yield
    CACHE.clear()


def send(client, url, data=None, **kwargs):
    response = post_form(client, url, data or {}, follow_redirects=False, **kwargs)
    assert response.status_code in (302, 303), response.text[:1500]
    return response


def anonymous(client, url):
    """What a visitor sees: the same client without the office's session."""
    saved = list(client.cookies.jar)
    client.cookies.clear()
    try:
        return client.get(url)
    finally:
        for cookie in saved:
            client.cookies.jar.set_cookie(cookie)


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 60)).save(out, "PNG")
    return out.getvalue()


def test_public_page_shows_published_figures_only_and_follows_each_publish(admin_client):
    empty = anonymous(admin_client, "/potensi")
    assert empty.status_code == 200 and "belum diterbitkan" in empty.text
    assert "set-cookie" not in empty.headers

    send(admin_client, f"/admin/potensi/{LALU}/peternakan",
         {"n:sapi:0": "1.234", "s:sapi:0": "Penyuluh peternakan", "n:kerbau:0": "777"})
    assert "1.234 ekor" not in anonymous(admin_client, "/potensi").text  # entered, not yet published

    send(admin_client, "/admin/potensi/terbit", {"t:sapi": "1", "tahun": str(LALU)})
    page = anonymous(admin_client, "/potensi")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    assert "Sapi" in page.text and "1.234 ekor" in page.text and "Penyuluh peternakan" in page.text
    assert f"tahun {LALU}" in page.text
    assert "777" not in page.text and "Kerbau" not in page.text  # filled but never published
    assert "<script" not in page.text and "style=" not in page.text

    send(admin_client, f"/admin/potensi/{LALU}/peternakan", {"n:sapi:0": "1.300", "n:kerbau:0": "777"})
    changed = anonymous(admin_client, "/potensi").text
    assert "1.300 ekor" in changed and "1.234 ekor" not in changed

    # this year copied and one figure typed: the public page stays on last year until the office publishes this year
    send(admin_client, f"/admin/potensi/{LALU + 1}/salin")
    send(admin_client, f"/admin/potensi/{LALU + 1}/peternakan", {"n:sapi:0": "1.450"})
    still = anonymous(admin_client, "/potensi").text
    assert f"tahun {LALU}" in still and "1.300 ekor" in still and "1.450" not in still
    send(admin_client, "/admin/potensi/terbit", {"t:sapi": "1", "tahun": str(LALU + 1)})
    moved = anonymous(admin_client, "/potensi").text
    assert f"tahun {LALU + 1}" in moved and "1.450 ekor" in moved and "1.300" not in moved and "777" not in moved


def test_a_photo_is_public_only_while_published(admin_client):
    upload = post_form(admin_client, "/admin/potensi/foto", {"judul": "Ladang gambir", "tema": "perkebunan"},
                       files={"berkas": ("gambir.png", photo(), "image/png")}, follow_redirects=False)
    assert upload.status_code in (302, 303), upload.text[:1500]
    listing = admin_client.get("/admin/potensi/foto").text
    assert "Ladang gambir" in listing and "Belum diterbitkan" in listing
    foto_id = listing.split("/admin/potensi/foto/")[1].split("/")[0]
    assert admin_client.get(f"/admin/potensi/foto/{foto_id}/gambar").status_code == 200  # the office sees it

    berkas = run_sync(FotoPotensi.select(FotoPotensi.berkas).first().run())["berkas"]
    assert anonymous(admin_client, f"/potensi/foto/{berkas}").status_code == 404
    assert "Ladang gambir" not in anonymous(admin_client, "/potensi").text

    send(admin_client, f"/admin/potensi/foto/{foto_id}/terbit", {"terbit": "1"})
    send(admin_client, f"/admin/potensi/foto/{foto_id}/terbit", {"terbit": "1"})  # a double click: still published
    assert "sudah tampil di halaman Potensi Nagari" in admin_client.get("/admin/potensi/foto").text
    shown = anonymous(admin_client, f"/potensi/foto/{berkas}")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/webp"
    assert "set-cookie" not in shown.headers
    assert "Ladang gambir" in anonymous(admin_client, "/potensi").text

    send(admin_client, f"/admin/potensi/foto/{foto_id}/terbit", {"terbit": "0"})  # withdrawn again
    assert anonymous(admin_client, f"/potensi/foto/{berkas}").status_code == 404
    send(admin_client, f"/admin/potensi/foto/{foto_id}/terbit", {"terbit": "0"})
    send(admin_client, f"/admin/potensi/foto/{foto_id}/terbit")  # no state posted: refused, nothing changes
    assert anonymous(admin_client, f"/potensi/foto/{berkas}").status_code == 404
    audit = run_sync(AuditEntri.select(AuditEntri.rincian).where(AuditEntri.objek_jenis == "potensi.foto").run())
    assert len(audit) == 3  # uploaded, published, withdrawn: the repeated clicks changed nothing
    assert anonymous(admin_client, "/potensi/foto/bukan-foto.webp").status_code == 404


def test_a_refused_photo_upload_keeps_the_typed_fields(admin_client):
    refused = post_form(admin_client, "/admin/potensi/foto", {"judul": "Air terjun", "tema": "wisata"},
                        files={"berkas": ("bukan.png", b"bukan gambar", "image/png")}, follow_redirects=False)
    assert refused.status_code == 400 and 'value="Air terjun"' in refused.text
    assert 'id="galat-berkas"' in refused.text

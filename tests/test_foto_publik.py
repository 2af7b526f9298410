"""Photos on the public website: the nagari's photo on the home page, the officials' on /struktur (issue 21)."""

from __future__ import annotations

import io

import pytest
from litestar.testing import TestClient

from core.tables import Perangkat
from plugin_sdk.testing import csrf_headers, post_form, run_sync
from core.web import cache_publik
from plugins.portal.publik import cache

BASE = {"kode": "13.07.05.2001", "sebutan_desa": "Nagari", "sebutan_kepala": "Wali Nagari"}
GPS = 0x8825
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    cache.CACHE.clear()
    yield
    cache.CACHE.clear()


@pytest.fixture
def visitor(balai_app):
    """An anonymous visitor beside the logged-in administrator."""
    with TestClient(balai_app, base_url="http://testserver.local") as anonymous:
        yield anonymous


def phone_photo(width: int = 2400, height: int = 1200) -> bytes:
    """A JPEG as a phone writes it: lying on its side (EXIF orientation 6) and with its GPS position."""
    from PIL import Image

    picture = Image.new("RGB", (width, height), (30, 120, 60))
    picture.paste((200, 40, 40), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show it upright
    exif[0x010F] = "KameraHP"
    exif[GPS] = {1: "S", 2: (0.0, 13.0, 28.0), 3: "E", 4: (100.0, 40.0, 38.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, exif=exif.tobytes())
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(GPS)  # the upload really carries GPS
    return out.getvalue()


def save_profile(client, files: dict, **fields):
    return client.post("/admin/profil", data={**BASE, **fields}, files=files, headers=csrf_headers(client))


def stored_files(balai, folder: str) -> set[str]:
    path = balai.settings.data_dir / "berkas" / folder
    return {p.name for p in path.glob("*.webp")} if path.is_dir() else set()


def open_webp(content: bytes):
    from PIL import Image

    picture = Image.open(io.BytesIO(content))
    picture.load()
    return picture


def test_nagari_photo_is_upright_bare_resized_and_on_the_home_page(admin_client, visitor, balai):
    saved = save_profile(admin_client, {"foto": ("IMG_2041.jpg", phone_photo(), "image/jpeg")})
    assert saved.status_code == 200 and "Profil nagari disimpan" in saved.text
    stem = balai.profile()["foto"]
    assert stored_files(balai, "foto_nagari") == {f"{stem}.webp", f"{stem}-640.webp"}

    home = visitor.get("/")
    assert home.status_code == 200 and "set-cookie" not in home.headers
    assert f'src="/berkas/foto-nagari?lebar=640&amp;v={stem}"' in home.text
    assert f'/berkas/foto-nagari?v={stem} 1200w' in home.text  # the large copy in the srcset, with its real width
    assert 'width="1200" height="900"' in home.text and 'loading="eager"' in home.text  # a 4:3 banner at most
    assert 'alt="Suasana Nagari Taram"' in home.text

    large = visitor.get(f"/berkas/foto-nagari?v={stem}")
    assert large.status_code == 200 and large.headers["content-type"] == "image/webp"
    assert "set-cookie" not in large.headers and "immutable" in large.headers["cache-control"]
    picture = open_webp(large.content)
    assert picture.format == "WEBP" and picture.size == (1200, 900)  # stood up, not wider than 1600, cut to 4:3
    assert not picture.getexif() and "exif" not in picture.info and b"KameraHP" not in large.content
    assert picture.getpixel((600, 100))[0] > 150 and picture.getpixel((600, 800))[1] > 90  # turned the right way
    small = visitor.get(f"/berkas/foto-nagari?lebar=640&v={stem}")
    assert small.status_code == 200 and "set-cookie" not in small.headers
    assert open_webp(small.content).size == (640, 480)
    assert "immutable" not in visitor.get("/berkas/foto-nagari?v=lama").headers["cache-control"]

    replaced = save_profile(admin_client, {"foto": ("lain.png", phone_photo(800, 600), "image/png")})
    assert replaced.status_code == 200
    new_stem = balai.profile()["foto"]
    assert new_stem != stem and stored_files(balai, "foto_nagari") == {f"{new_stem}.webp", f"{new_stem}-640.webp"}
    assert f"v={new_stem}" in visitor.get("/").text  # a new URL: the new photo shows at once, old copies gone

    removed = save_profile(admin_client, {"kosong": ("", b"")}, hapus_foto="1")
    assert removed.status_code == 200 and not balai.profile()["foto"]
    assert stored_files(balai, "foto_nagari") == set()
    assert "/berkas/foto-nagari" not in visitor.get("/").text
    gone = visitor.get("/berkas/foto-nagari")
    assert gone.status_code == 404 and "set-cookie" not in gone.headers


@pytest.mark.parametrize("name, content, message", [
    ("desa.svg", SVG, "SVG tidak diterima"),
    ("desa.jpg", b"Ini bukan foto, hanya catatan rapat.\n" * 20, "bukan foto yang bisa dibaca"),
])
def test_svg_or_text_posing_as_a_photo_is_refused_and_nothing_changes(admin_client, balai, name, content, message):
    before = dict(balai.profile())
    refused = save_profile(admin_client, {"foto": (name, content, "image/jpeg")}, alamat="Jalan baru")
    assert refused.status_code == 400 and message in refused.text
    assert balai.profile() == before and stored_files(balai, "foto_nagari") == set()
    official = post_form(admin_client, "/admin/perangkat/baru", {"nama": "Rahmat", "jabatan": "Wali Nagari",
                                                                 "aktif": "1"})
    assert official.status_code == 200
    row = run_sync(Perangkat.select(Perangkat.id, Perangkat.foto).first().run())
    again = admin_client.post(f"/admin/perangkat/{row['id']}", data={"nama": "Rahmat Baru", "jabatan": "Wali Nagari",
                                                                     "aktif": "1"},
                              files={"foto": (name, content, "image/jpeg")}, headers=csrf_headers(admin_client))
    assert again.status_code == 400 and message in again.text
    assert run_sync(Perangkat.select(Perangkat.nama, Perangkat.foto).first().run()) == {"nama": "Rahmat", "foto": ""}
    assert stored_files(balai, "foto_perangkat") == set()


def test_officials_photo_on_the_structure_page_never_their_numbers(admin_client, visitor, balai):
    nip = "198203142010011003"
    post_form(admin_client, "/admin/perangkat/baru", {"nama": "Ani Suryani", "jabatan": "Kasi Pelayanan",
                                                      "aktif": "1"})
    made = admin_client.post("/admin/perangkat/baru", data={"nama": "Datuak Rajo", "jabatan": "Wali Nagari",
                                                             "nip": nip, "aktif": "1"},
                             files={"foto": ("wali.jpg", phone_photo(1800, 1300), "image/jpeg")},
                             headers=csrf_headers(admin_client))
    assert made.status_code == 200 and "disimpan" in made.text
    wali = run_sync(Perangkat.select(Perangkat.id, Perangkat.foto).where(Perangkat.nama == "Datuak Rajo").first().run())
    ani = run_sync(Perangkat.select(Perangkat.id).where(Perangkat.nama == "Ani Suryani").first().run())

    form = admin_client.get(f"/admin/perangkat/{wali['id']}")
    assert f'src="/berkas/perangkat/{wali["id"]}?v={wali["foto"]}"' in form.text and 'name="hapus_foto"' in form.text
    page = visitor.get("/struktur")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    assert f'src="/berkas/perangkat/{wali["id"]}?v={wali["foto"]}"' in page.text
    assert 'alt="Foto Datuak Rajo, Wali Nagari"' in page.text and 'loading="lazy"' in page.text
    assert '<span class="inisial" aria-hidden="true">A</span>' in page.text  # no photo: her initial instead
    assert nip not in page.text

    served = visitor.get(f"/berkas/perangkat/{wali['id']}?v={wali['foto']}")
    assert served.status_code == 200 and "set-cookie" not in served.headers
    assert "immutable" in served.headers["cache-control"]
    picture = open_webp(served.content)
    assert picture.size == (480, 480) and not picture.getexif() and b"KameraHP" not in served.content
    none = visitor.get(f"/berkas/perangkat/{ani['id']}")
    assert none.status_code == 404 and "set-cookie" not in none.headers
    assert visitor.get("/berkas/perangkat/99999").status_code == 404

    removed = admin_client.post(f"/admin/perangkat/{wali['id']}", data={"nama": "Datuak Rajo", "jabatan": "Wali Nagari",
                                                                        "nip": nip, "aktif": "1", "hapus_foto": "1"},
                                files={"kosong": ("", b"")}, headers=csrf_headers(admin_client))
    assert removed.status_code == 200
    assert stored_files(balai, "foto_perangkat") == set()
    assert visitor.get(f"/berkas/perangkat/{wali['id']}").status_code == 404
    assert "/berkas/perangkat/" not in visitor.get("/struktur").text  # the next view, not a stale cached page

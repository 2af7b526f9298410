"""Pictures for the website (issue 21): only real pictures, upright, without their metadata, resized, WebP.

The checks themselves run without a server (fast); one story per engine goes through the upload, the public
address and what a refused upload leaves behind (nothing).
"""

import io
from pathlib import Path

import pytest
from PIL import Image

from plugin_sdk.testing import csrf_headers, run_sync
from plugins.portal import gambar
from plugins.portal.tables import Gambar

GPS = {1: "S", 2: (0.0, 13.0, 30.0), 3: "E", 4: (100.0, 21.0, 15.0)}


def photo(width=3000, height=2000, orientation=1, gps=True, kind="JPEG") -> bytes:
    """A phone photo: a left half red and a right half blue, with its orientation tag and (by default) a position."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 40, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "KameraHP"
    if gps:
        exif[0x8825] = GPS
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes(), quality=85)
    return out.getvalue()


@pytest.fixture(scope="module")
def phone_photo() -> bytes:
    return photo(orientation=6)  # taken holding the phone upright: the pixels lie on their side


def test_photo_with_gps_is_kept_upright_as_webp_at_most_1600_wide_without_metadata(phone_photo):
    assert Image.open(io.BytesIO(phone_photo)).getexif().get_ifd(0x8825)  # the original tells where it was taken
    large, small, width, height = gambar.prepare(phone_photo)
    for content, limit in ((large, 1600), (small, 480)):
        kept = Image.open(io.BytesIO(content))
        assert kept.format == "WEBP" and kept.width <= limit
        assert kept.height > kept.width  # turned upright by its orientation tag
        assert not kept.getexif() and not {"exif", "xmp", "icc_profile"} & set(kept.info)
        assert b"KameraHP" not in content and b"GPS" not in content
    assert (width, height) == Image.open(io.BytesIO(large)).size
    top = Image.open(io.BytesIO(large)).convert("RGB")
    # Turned a quarter clockwise, as orientation 6 asks: the red left half is now on top.
    assert top.getpixel((width // 2, 5))[0] > 150 and top.getpixel((width // 2, height - 5))[2] > 150


def test_small_picture_is_not_enlarged_and_png_transparency_survives():
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    large, small, width, height = gambar.prepare(out.getvalue())
    assert (width, height) == (300, 200)
    assert Image.open(io.BytesIO(small)).mode == "RGBA"


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


@pytest.mark.parametrize("content, message", [
    (SVG, "SVG tidak diterima"),
    (b"  \n<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "SVG tidak diterima"),
    (b"Ini surat biasa, bukan gambar.\n" * 20, "bukan gambar yang bisa dibaca"),  # a text file renamed .jpg
    (b"\xff\xd8\xff\xe0" + b"\x00" * 500, "bukan gambar yang bisa dibaca"),  # a JPEG's start, then nothing
    (b"", "Berkas kosong"),
    (b"\xff\xd8\xff" + b"\x00" * (8 * 1024 * 1024), "maksimal 8 MB"),
])
def test_what_is_not_a_picture_is_refused_with_a_reason(content, message):
    with pytest.raises(gambar.GambarDitolak, match=message):
        gambar.prepare(content)


def test_other_formats_pillow_reads_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "BMP")
    with pytest.raises(gambar.GambarDitolak, match="Hanya gambar JPEG, PNG, WebP atau GIF"):
        gambar.prepare(out.getvalue())


def stored_files(balai) -> list[Path]:
    folder = Path(balai.settings.data_dir) / "berkas" / gambar.FOLDER
    return sorted(folder.glob("*")) if folder.exists() else []


def upload(client, name: str, content: bytes, kind: str = "image/jpeg"):
    return client.post("/admin/portal/gambar", files={"berkas": (name, content, kind)},
                       headers=csrf_headers(client))


def test_editor_uploads_a_picture_and_anyone_gets_it_cached_without_a_cookie(admin_client, client, balai):
    small_photo = photo(2000, 1200, gps=True)
    saved = upload(admin_client, "sawah.jpg", small_photo)
    assert saved.status_code == 201, saved.text
    answer = saved.json()
    assert answer["url"].startswith("/portal/gambar/") and answer["url"].endswith(".webp")
    assert answer["lebar"] == 1600 and answer["tinggi"] == 960
    [row] = run_sync(Gambar.select().run())
    assert row["berkas"] == answer["berkas"] and row["pengunggah"] == "admin"
    assert len(stored_files(balai)) == 2  # 1600 px and 480 px

    admin_client.cookies.clear()  # now as an anonymous visitor
    for url, width in ((answer["url"], 1600), (answer["url_kecil"], 480)):
        shown = client.get(url)
        assert shown.status_code == 200 and shown.headers["content-type"] == "image/webp"
        assert "max-age=31536000" in shown.headers["cache-control"] and "set-cookie" not in shown.headers
        assert Image.open(io.BytesIO(shown.content)).width == width
        assert b"GPS" not in shown.content
    for bad in ("0" * 32 + ".webp", "../../uji.sqlite", "%2e%2e%2fkunci.pem", answer["berkas"].replace(".webp", ".png"),
                answer["berkas"].upper()):
        assert client.get(f"/portal/gambar/{bad}").status_code == 404, bad


def test_refused_upload_saves_nothing(admin_client, balai):
    for name, content, kind in (("logo.svg", SVG, "image/svg+xml"), ("foto.jpg", b"bukan gambar\n" * 50, "image/jpeg"),
                                ("besar.jpg", b"\xff\xd8\xff" + b"\x00" * (8 * 1024 * 1024 + 1), "image/jpeg")):
        refused = upload(admin_client, name, content, kind)
        assert refused.status_code == 400 and refused.json()["galat"], name
    cover = admin_client.post("/admin/portal/artikel/baru", data={"judul": "Dengan sampul palsu", "status": "draf"},
                              files={"sampul_berkas": ("sampul.jpg", SVG, "image/jpeg")},
                              headers=csrf_headers(admin_client))
    assert cover.status_code == 400 and "SVG tidak diterima" in cover.text
    assert run_sync(Gambar.select().run()) == [] and stored_files(balai) == []
    from plugins.portal.tables import Artikel

    assert run_sync(Artikel.select().run()) == []

"""Shared steps for the self-service tests: the counter gives a PIN, a resident logs in on the same test client.

Staff and residents use different cookies, so one client can hold either; `Jar` swaps them
to act as one person at a time.
"""

import io
import re

from PIL import Image

from plugin_sdk.testing import post_form

NEW_PIN = "583920"


class Jar:
    """Keep one person's cookies aside while the client acts as someone else."""

    def __init__(self, client):
        self.client = client
        self.saved = list(client.cookies.jar)

    def swap(self) -> None:
        jar = self.client.cookies.jar
        current = list(jar)
        jar.clear()
        for cookie in self.saved:
            jar.set_cookie(cookie)
        self.saved = current


def issue_pin(client, penduduk_id: int) -> str:
    page = post_form(client, f"/admin/penduduk/{penduduk_id}/pin")
    assert page.status_code == 200, page.text[:500]
    return re.search(r'id="pin-baru">(\d{6})<', page.text).group(1)


def resident_login(client, nik: str, pin: str, follow: bool = False):
    client.cookies.delete("balai_sesi")
    return post_form(client, "/warga/masuk", {"nik": nik, "pin": pin}, follow_redirects=follow)


def first_login(client, nik: str, pin: str) -> None:
    """Log in with a counter PIN and change it, as the site insists."""
    assert resident_login(client, nik, pin).headers["location"] == "/warga/pin"
    changed = post_form(client, "/warga/pin", {"pin_lama": pin, "pin_baru": NEW_PIN, "pin_ulang": NEW_PIN},
                        follow_redirects=False)
    assert changed.headers["location"] == "/warga", changed.text[:500]


def png(width: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, 30), (200, 180, 90)).save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def submit(client, url: str, fields: dict, files: dict | None = None, aksi: str = "ajukan"):
    """POST a resident form as multipart, the way the phone's browser sends it."""
    token = client.cookies.get("balai_csrf")
    if token is None:
        client.get("/warga/masuk")
        token = client.cookies.get("balai_csrf")
    data = {**fields, "aksi": aksi, "_csrf_token": token}
    return client.post(url, data=data, files=files or {"kosong": ("", b"", "application/octet-stream")},
                       follow_redirects=False)

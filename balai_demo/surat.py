"""Letters and self-service requests in the demo nagari, made through the app itself as a clerk and a resident
would, so every page about a letter or a request has something to show (and the browser test its sample URLs).

Fresh demo data is deterministic: the letters are ids 1 and 2, the requests ids 1 and 2, the first request's
first attachment id 1, and the letters carry the fixed check tokens below (a real letter's token is random).
"""

from __future__ import annotations

import io
from unittest import mock

TOKENS = ("DemoTaramSuratTdkMampu", "DemoTaramSuratUsaha001")  # 22 characters, as secrets.token_urlsafe(16)
USAHA = {"keperluan": "Mengajukan pinjaman usaha", "isian_nama_usaha": "Kedai Kopi Taram",
         "isian_jenis_usaha": "Warung kopi", "isian_alamat_usaha": "Jorong Koto, Nagari Taram"}


def _scan(label: str) -> bytes:
    """A stand-in for a photographed document: a plain image with a caption."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), (246, 244, 236))
    ImageDraw.Draw(image).text((20, 20), f"Contoh dokumen demo: {label}", fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _post(client, url: str, data: dict, **kwargs):
    token = client.cookies.get("balai_csrf")
    if token is None:
        client.get("/masuk")
        token = client.cookies.get("balai_csrf")
    return client.post(url, data=data, headers={"x-csrftoken": token}, follow_redirects=False, **kwargs)


def _check(response, what: str) -> None:
    if response.status_code not in (200, 302, 303):
        raise RuntimeError(f"demo: {what} gagal ({response.status_code}): {response.text[:300]}")


def make_letters_and_requests(username: str, password: str, nik: str, pin: str) -> None:
    """As the administrator: a Surat Keterangan Tidak Mampu for the demo resident. As that resident: a request for a business
    letter that the office approves (letter 2, ready to download) and a second one still being checked."""
    from litestar.testing import TestClient

    from core.cli.common import booted
    from core.tables import Perangkat
    from core.web.app import create_app
    from plugins.surat import terbit

    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request in the demo's output
    balai = booted()
    tokens = iter(TOKENS)
    with mock.patch.object(terbit, "new_token", lambda: next(tokens)), \
            TestClient(create_app(balai), base_url=balai.settings.public_url) as client:
        _check(_post(client, "/masuk", {"username": username, "password": password}), "masuk admin")
        wali = client.blocking_portal.call(
            lambda: Perangkat.select(Perangkat.id).where(Perangkat.jabatan == "Wali Nagari").first().run())["id"]
        person = client.blocking_portal.call(_resident_id, nik)
        # Not a Domisili: the office-screen tests issue the demo's first Domisili and expect its number 001.
        _check(_post(client, "/admin/surat/buat/tidak_mampu", {
            "penduduk_id": str(person), "keperluan": "Melengkapi syarat beasiswa sekolah anak",
            "penandatangan": str(wali)}), "surat keterangan tidak mampu")
        staff = dict(client.cookies)
        client.cookies.clear()
        _check(_post(client, "/warga/masuk", {"nik": nik, "pin": pin}), "masuk warga")
        files = {f"syarat_{i}": (f"syarat-{i + 1}.png", _scan(f"syarat {i + 1}"), "image/png") for i in range(3)}
        for keperluan in ("Mengajukan pinjaman usaha", "Mendaftar bantuan modal usaha kecil"):
            _check(_post(client, "/warga/surat/ajukan/usaha", {**USAHA, "keperluan": keperluan, "aksi": "ajukan"},
                         files=files), "permohonan warga")
        client.cookies.clear()
        for name, value in staff.items():
            client.cookies.set(name, value)
        _check(_post(client, "/admin/mandiri/1/setujui", {"penandatangan": str(wali)}), "persetujuan permohonan")


async def _resident_id(nik: str) -> int:
    from plugin_sdk import register

    return await register.by_nik(nik)

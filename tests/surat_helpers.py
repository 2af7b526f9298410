"""Shared set-up for the letter tests: the demo nagari's profile, officials and a few residents."""

import io

from pypdf import PdfReader

from balai_demo.cli import DEMO_OFFICIALS, DEMO_PROFILE
from balai_demo.penduduk import build
from core.penduduk.tables import Penduduk
from core.tables import Perangkat
from plugin_sdk.testing import post_form, run_sync
from plugins.surat.tables import JenisSurat, Surat


def demo_nagari(balai, residents: int = 30) -> None:
    async def go():
        await balai.save_profile(DEMO_PROFILE)
        for row in DEMO_OFFICIALS:
            await Perangkat.insert(Perangkat(**row)).run()
        await build(residents, seed=7)
    run_sync(go)


def living_resident() -> dict:
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).first().run())


def wali_id() -> int:
    return run_sync(Perangkat.select(Perangkat.id).where(Perangkat.jabatan == "Wali Nagari").first().run())["id"]


def issue(client, kode: str, penduduk_id: int, **fields):
    data = {"penduduk_id": str(penduduk_id), "keperluan": "Melamar pekerjaan", "penandatangan": str(wali_id()),
            **fields}
    return post_form(client, f"/admin/surat/buat/{kode}", data, follow_redirects=False)


def letters() -> list[dict]:
    return run_sync(Surat.select().order_by(Surat.id).run())


def letter_type(kode: str) -> dict:
    return run_sync(JenisSurat.select().where(JenisSurat.kode == kode).first().run())


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace collapsed (lines wrap wherever the layout puts them)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())

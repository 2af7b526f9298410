"""What the office's bantuan pages share: the form body, reading a form's text fields, whether to offer the write
buttons, a program / cycle / entry from the path (404 otherwise), and amounts as a clerk types them."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body

from plugin_sdk import current_user, has_permission

from plugins.bantuan.galat import BantuanError

BASE = "/admin/bantuan"
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
# The demo nagari (sample URLs of the screen tests): program 1 has cycle 1 approved and cycle 2 being prepared.
CONTOH_PROGRAM, CONTOH_SIKLUS, CONTOH_PESERTA = 1, 2, 1


def teks(data: dict, batas: int = 500) -> dict[str, str]:
    """The text fields of a posted form, trimmed and cut to a sane length, NUL removed."""
    return {k: str(v).replace("\x00", "").strip()[:batas] for k, v in data.items() if isinstance(v, str)}


async def pasangan_form(request: Request) -> list[tuple[str, str]]:
    """Every (name, value) pair of a posted form in order, repeated names kept (the rule editor's code choices)."""
    form = await request.form()
    return [(k, str(v).replace("\x00", "").strip()[:500]) for k, v in form.multi_items() if isinstance(v, str)]


async def hak(request: Request) -> dict[str, bool]:
    """Which write buttons to offer (the routes check the permissions themselves)."""
    from plugins.bantuan.plugin import KELOLA, SETUJUI

    user = await current_user(request)
    return {"kelola": has_permission(user, KELOLA), "setujui": has_permission(user, SETUJUI)}


def rupiah_isian(sen: int | None) -> str:
    """An amount in sen as the form shows it again: "300.000", or "300.000,50" (teks.baca_rupiah reads both)."""
    sen = int(sen or 0)
    utuh = f"{sen // 100:,}".replace(",", ".")
    return utuh + (f",{sen % 100:02d}" if sen % 100 else "")


def atau_404(fungsi):
    """Call a service read that raises BantuanError(tidak_ada=True) for a missing thing, answering 404 instead."""
    async def baca(*args, **kwargs):
        try:
            return await fungsi(*args, **kwargs)
        except BantuanError as e:
            if e.tidak_ada:
                raise NotFoundException(str(e)) from None
            raise
    return baca


async def program_atau_404(program_id: int) -> dict:
    from plugins.bantuan import program

    return await atau_404(program.program)(program_id)


async def siklus_atau_404(siklus_id: int) -> dict:
    from plugins.bantuan import siklus

    return await atau_404(siklus.siklus)(siklus_id)


async def peserta_atau_404(peserta_id: int) -> dict:
    """One entry with its `data` parsed (read from the table: the services list entries per cycle)."""
    import json

    from plugins.bantuan.tables import PesertaBantuan

    row = await PesertaBantuan.select().where(PesertaBantuan.id == peserta_id).first().run()
    if row is None:
        raise NotFoundException("Peserta bantuan tidak ditemukan.")
    row["data"] = json.loads(row["data"]) if row["data"] else {}
    return row


SARINGAN = ("cari", "tampil", "hal")


def kembali_ke(url: str, query: str) -> str:
    """`url` with the cycle page's filters and page taken from `query` (a posted hidden field): only the known keys,
    so a form can never send the browser elsewhere."""
    pasangan = [(k, v[:100]) for k, v in parse_qsl(query or "") if k in SARINGAN and v]
    return url + ("?" + urlencode(pasangan) if pasangan else "")


__all__ = ["BASE", "CONTOH_PESERTA", "CONTOH_PROGRAM", "CONTOH_SIKLUS", "Form", "hak", "kembali_ke",
           "pasangan_form", "peserta_atau_404", "program_atau_404", "rupiah_isian", "siklus_atau_404", "teks"]

"""What the office's potensi pages share: the form body, the nagari's jorong and its own words for "nagari" and
"jorong", a year from the path (a refused one goes back to the list of years with layanan's message) or a theme
(404 otherwise), whether to offer the write buttons, and a stored figure as the form shows it again."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import Redirect

from plugin_sdk import current_user, flash, has_permission, nagari_profile, today

from plugins.potensi import layanan
from plugins.potensi.indikator import TEMA
from plugins.potensi.plugin import KELOLA

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
BASE = "/admin/potensi"
CONTOH_TAHUN = date.today().year - 1  # the demo holds last year's full profile (sample URLs of the screen tests)


async def boleh_kelola(request: Request) -> bool:
    """Whether to offer the write buttons (the routes check the permission themselves)."""
    return has_permission(await current_user(request), KELOLA)


def hari_ini(request: Request) -> date:
    return today(request)


def tahun_ditolak(request: Request, tahun: int) -> Redirect | None:
    """None for a year the office may open (layanan.periksa_tahun: this year or an earlier one); otherwise the
    way back to the list of years, with layanan's message ("Tahun 2027 belum berjalan: ..."). A number that is no
    year at all is a page that does not exist (404), as for any id out of range."""
    if not 1 <= tahun <= 9999:
        raise NotFoundException("Tahun tidak dikenal.")
    try:
        layanan.periksa_tahun(tahun, hari_ini(request))
    except layanan.IsianError as e:
        flash(request, str(e), "galat")
        return Redirect(BASE)
    return None


def sebutan(request: Request) -> dict[str, str]:
    """The nagari's own words: {"desa": "Nagari", "dusun": "Jorong"} or a kabupaten's others (the profile)."""
    profil = nagari_profile(request)
    return {"desa": profil.get("sebutan_desa") or "Nagari", "dusun": profil.get("sebutan_dusun") or "Jorong"}


def cek_tema(tema: str) -> str:
    if tema not in TEMA:
        raise NotFoundException("Tema tidak dikenal.")
    return tema


async def daftar_jorong() -> list[dict]:
    """The nagari's jorong ({"id", "nama"}, by name): the rows of a jorong indicator, as layanan checks them."""
    return await layanan.daftar_jorong()


def angka_isian(n: int) -> str:
    """A stored figure (hundredths) as the form shows it again: "1234,5", "12" (no thousands dots, so it can never
    be read as a decimal point on the way back)."""
    tanda = "-" if n < 0 else ""
    n = abs(n)
    utuh, sen = divmod(n, 100)
    return f"{tanda}{utuh}" + (f",{sen:02d}".rstrip("0") if sen else "")


def nama_field(jenis: str, kode: str, jorong: int) -> str:
    """The form field of a figure's value ("n"), source ("s") or note ("k"), as layanan.simpan_tema reads it."""
    return f"{jenis}:{kode}:{jorong}"


__all__ = ["BASE", "CONTOH_TAHUN", "Form", "Multipart", "TEMA", "angka_isian", "boleh_kelola", "cek_tema",
           "daftar_jorong", "hari_ini", "nama_field", "sebutan", "tahun_ditolak"]

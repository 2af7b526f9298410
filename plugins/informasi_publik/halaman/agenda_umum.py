"""What the letter-register pages share: the form bodies, reading a period, whether to offer the write buttons."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.params import Body

from plugin_sdk import current_user, has_permission

from plugins.informasi_publik import agenda
from plugins.informasi_publik.plugin import AGENDA

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
BASE = "/admin/agenda"


def baca_periode(teks: str, hari_ini: date) -> tuple[str, date | None, date | None, str]:
    """"2026" or "2026-05" -> (as typed, first day, last day, ""); anything else: no period and a message."""
    teks = agenda.bersih(teks, 10)
    if not teks:
        return "", None, None, ""
    try:
        if len(teks) == 4:
            tahun = int(teks)
            return teks, date(tahun, 1, 1), date(tahun, 12, 31), ""
        tahun, bulan = (int(x) for x in teks.split("-"))
        akhir = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
        return teks, date(tahun, bulan, 1), date.fromordinal(akhir.toordinal() - 1), ""
    except ValueError:
        return "", None, None, f"Periode \u201c{teks}\u201d tidak dikenal: tulis tahun (2026) atau bulan (2026-05)."


async def boleh_catat(request: Request) -> bool:
    """Whether to offer the write buttons (the routes check the permission themselves)."""
    return has_permission(await current_user(request), AGENDA)

"""The resident's page /warga/riwayat-akses: who in the office viewed or changed their record (UU 27/2022)."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from plugin_sdk import parse_id

from plugins.akun_warga import riwayat, sesi
from plugins.akun_warga.halaman.masuk import resident_page
from plugins.akun_warga.realm import RESIDENT

MAX_PAGE = 100_000  # 2 million entries about one person: far past any real history


@get("/warga/riwayat-akses", opt=RESIDENT, include_in_schema=False)
async def access_history(request: Request) -> Template:
    resident = await sesi.current_resident(request)
    # Read by hand, not as a typed parameter: a resident following an old or mangled link gets the first page.
    hal = min(parse_id(request.query_params.get("hal")) or 1, MAX_PAGE)
    # Only the logged-in resident's own id ever reaches the query: nothing in the URL names a person.
    return await resident_page(request, "akun_warga/riwayat_akses.html",
                               await riwayat.page(resident["penduduk_id"], hal))


ROUTES = [access_history]

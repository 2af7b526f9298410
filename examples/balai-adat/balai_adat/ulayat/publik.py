"""The public page /adat/ulayat: the nagari's customary land as sums and parcels, never a person.

Parcels are named with their holder (the nagari, a suku or a kaum: institutions), jorong, area and use;
disputes only as counts per state, since their parties are people.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from plugin_sdk import public, public_page

from balai_adat.ulayat import layanan

KOLOM_PUBLIK = ("nama", "status_label", "pemegang", "jorong_nama", "luas", "penggunaan_label")


@get("/adat/ulayat", opt=public(sample="/adat/ulayat"), include_in_schema=False)
async def ulayat_publik(request: Request) -> Template:
    # only the public columns leave this function: the office's notes (keterangan) and disputes stay inside
    tanah = [{k: row[k] for k in KOLOM_PUBLIK} for row in await layanan.daftar_tanah()]
    return await public_page(request, "adat/ulayat_publik.html", {"tanah": tanah,
                                                                   "ringkas": await layanan.ringkasan()})


ROUTES = [ulayat_publik]

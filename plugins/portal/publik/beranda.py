"""The website's home page: the nagari's name and logo, then its blocks in the editor's order.

Blocks come through the `portal_blok_beranda` event (plugins/portal/events.py), the portal's own included:
the Wali Nagari's greeting (the static page with the slug ``sambutan``, written by the editors like any page),
the latest news, announcements, upcoming agenda and the population figures of `statistik`'s public block.
The page is cached whole (cache.py); a block that fails is logged and left out.

The core answers ``/`` with this page while the portal is enabled (core/web/public.py looks for the route whose
opt carries ``beranda_situs``), and with its own one-line home otherwise.
"""

from __future__ import annotations

import inspect
import logging

from litestar import Request, get
from litestar.response import Response
from markupsafe import Markup

from plugin_sdk import emit, enabled_plugins, hookimpl, nagari_profile
from plugin_sdk.dokumen import officials

from plugins.portal import api
from plugins.portal.events import Blok
from plugins.portal.publik import tampil
from plugins.portal.publik.cache import CACHE, cached_route

log = logging.getLogger("balai.portal")
GREETING_SLUG = "sambutan"
HOME_OPT = "beranda_situs"  # read by core/web/public.py: this route answers "/"
NEWS_ON_HOME, NOTICES_ON_HOME, AGENDA_ON_HOME = 4, 3, 3
# Pictures weigh most (~40 KB each at 480 px, the nagari photo ~70 KB at 640): two covers, or one beside the
# nagari photo, keep the home page within 150 KB on a first load (bench/portal.py measures it with the photo).
COVERS_ON_HOME = 2


async def _head_of_nagari(profile: dict) -> dict | None:
    """The serving head (Wali Nagari): name and position only."""
    title = profile.get("sebutan_kepala", "Wali Nagari")
    serving = [o for o in await officials() if o.get("aktif")]
    head = next((o for o in serving if o.get("cara_tanda_tangan") == "kepala"), None) or next(
        (o for o in serving if (o.get("jabatan") or "").lower() == title.lower()), None)
    return {"nama": head["nama"], "jabatan": head["jabatan"]} if head else None


async def greeting_context(request: Request) -> dict:
    profile = nagari_profile(request)
    return {"sambutan": await api.page(GREETING_SLUG), "kepala": await _head_of_nagari(profile)}


def _articles(jenis: str, limit: int, covers: int = 0, upcoming: bool = False):
    async def context(request: Request) -> dict:
        profile = nagari_profile(request)
        rows = [tampil.ready(a, profile) for a in await api.visible_articles(jenis=jenis, limit=limit,
                                                                            upcoming=upcoming)]
        shown = covers - 1 if covers and profile.get("foto") else covers
        for i, row in enumerate(rows):
            row["tampil_sampul"] = i < shown and bool(row["sampul_kecil_url"])
        return {"artikel": rows, "jenis": jenis}
    return context


async def statistics_context(request: Request) -> dict:
    """`statistik`'s public block; nothing while that plugin is disabled (the portal only enhances it)."""
    if "statistik" not in await enabled_plugins(request):
        return {}
    from plugins.statistik import api as statistik

    return await statistik.public_block()


@hookimpl
def portal_blok_beranda(request):
    """The portal's own blocks (plugin.py imports this so pluggy registers it)."""
    blocks = [
        Blok("sambutan", "Sambutan", "portal/publik/blok_sambutan.html", greeting_context, order=10),
        Blok("berita", "Berita terbaru", "portal/publik/blok_artikel.html",
             _articles("berita", NEWS_ON_HOME, COVERS_ON_HOME), order=20),
        Blok("pengumuman", "Pengumuman", "portal/publik/blok_artikel.html",
             _articles("pengumuman", NOTICES_ON_HOME), order=30),
        Blok("agenda", "Agenda mendatang", "portal/publik/blok_artikel.html",
             _articles("agenda", AGENDA_ON_HOME, upcoming=True), order=40),
        Blok("statistik", "Penduduk dalam angka", "portal/publik/blok_statistik.html", statistics_context, order=50),
    ]
    return blocks


async def all_blocks(request: Request) -> list[Blok]:
    """Every block enabled plugins offer (one per key, the first wins), in their default order."""
    found: dict[str, Blok] = {}
    for answer in await emit(request, "portal_blok_beranda") or []:
        for block in (answer if isinstance(answer, (list, tuple)) else [answer]):
            if isinstance(block, Blok):
                found.setdefault(block.key, block)
            elif block is not None:
                log.warning("portal_blok_beranda: %r bukan Blok, dilewati", block)
    return sorted(found.values(), key=lambda b: (b.order, b.key))


async def ordered_blocks(request: Request) -> list[Blok]:
    """The blocks to show, in the editor's order; blocks the editor never placed follow in their default order."""
    chosen = await api.home_block_order()
    blocks = [b for b in await all_blocks(request) if chosen.get(b.key, (0, True))[1]]
    placed = sorted((b for b in blocks if b.key in chosen), key=lambda b: (chosen[b.key][0], b.order))
    return placed + [b for b in blocks if b.key not in chosen]


async def render_block(request: Request, block: Blok) -> Markup | None:
    try:
        context = block.context(request) if callable(block.context) else dict(block.context)
        if inspect.isawaitable(context):
            context = await context
        html = request.app.template_engine.get_template(block.template).render(
            **context, blok=block, nagari=nagari_profile(request))
    except Exception:
        log.exception("blok beranda %r gagal ditampilkan, dilewati", block.key)
        return None
    return Markup(html)


async def _build(request: Request) -> tuple[str, int]:
    rendered = []
    for block in await ordered_blocks(request):
        if (html := await render_block(request, block)) is not None and html.strip():
            rendered.append({"key": block.key, "title": block.title, "html": html})
    profile = nagari_profile(request)
    name = tampil.site_name(profile)
    description = (f"Situs resmi Pemerintah {name}, {profile.get('kabupaten') or ''}: berita, pengumuman, agenda "
                   "dan informasi pelayanan untuk warga.").replace(", :", ":")
    return await tampil.render(request, "portal/publik/beranda.html", {
        "blok": rendered, "meta": {"title": name, "description": description, "url": "/"}}), 200


@get("/beranda", opt={**cached_route(), HOME_OPT: True}, include_in_schema=False)
async def home(request: Request) -> Response:
    """The home page (also what "/" answers while the portal is enabled)."""
    return await CACHE.answer(request, ("beranda",), lambda: _build(request))


ROUTES = [home]

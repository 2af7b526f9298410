"""The Litestar app factory: the kernel's pages plus every installed plugin's routes."""

from __future__ import annotations

import asyncio
import inspect
import logging
from html import escape
from pathlib import Path

from litestar import Litestar, Request, Router
from litestar.config.csrf import CSRFConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.datastructures import CacheControlHeader
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from litestar.stores.registry import StoreRegistry
from litestar.template.config import TemplateConfig

from core import __version__
from core.audit.writer import AuditWriter
from core.runtime import Balai
from core.web import (admin, akun, api_penduduk, cadangan_pages, cari_pages, jurnal_pages, keluarga_pages, audit_pages, errors, pengguna, penduduk_pages, perangkat_pages, peristiwa_pages,
                      perkawinan_pages,
                      profil_pages, public, session_pages, tugas_pages, token_pages, api_peristiwa, api_perkawinan,
                      wilayah_pages)
from core.web import keluarga_daftar, rumah_tangga_pages
from core.web.access import PLUGIN_OPT, access_guard
from core.web.formulir import BODY_LIMIT, FIELD_LIMIT, FormLimitMiddleware
from core.web.keamanan import security_headers
from core.web.sessions import STORE as SESSION_STORE
from core.web.sessions import SessionConfig, SessionFileStore
from core.web.templating import build_environment
from core.web.themes import ThemedEnvironment, discover_themes
from core.web.token_auth import csrf_middleware

log = logging.getLogger("balai.web")
CORE_STATIC = Path(__file__).resolve().parent.parent / "static" / "core"
STATIC_CACHE = CacheControlHeader(max_age=3600, public=True)
SWAGGER = "/static/core/swagger"


def _static(path: str, directories: list, opt: dict):
    return create_static_files_router(path=path, directories=directories, opt={**opt, "bukan_halaman": "berkas statis"},
                                      cache_control=STATIC_CACHE,
                                      include_in_schema=False, name=f"static:{path}")


class SwaggerPage(SwaggerRenderPlugin):
    """Swagger UI without inline script or style, so it runs under the site's Content-Security-Policy."""

    def render(self, request: Request, openapi_schema: dict) -> bytes:
        title = escape(str(openapi_schema.get("info", {}).get("title", "API")))
        return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">{self.favicon}'
                f'<link href="{self.css_url}" rel="stylesheet"></head><body>'
                f'<div id="swagger-container" data-spec="/api/docs/openapi.json"></div>'
                f'<script src="{self.js_url}"></script><script src="{self.standalone_preset_js_url}"></script>'
                f'<script src="{SWAGGER}/balai-swagger.js"></script></body></html>').encode()

    def receive_router(self, router: Router) -> None:
        """No OAuth2 redirect page: Balai has no OAuth, and that page is an inline script."""


def _openapi() -> OpenAPIConfig:
    swagger = SwaggerPage(
        js_url=f"{SWAGGER}/swagger-ui-bundle.js",
        css_url=f"{SWAGGER}/swagger-ui.css",
        standalone_preset_js_url=f"{SWAGGER}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{SWAGGER}/favicon-32x32.png'>",
        path="/",
    )
    return OpenAPIConfig(
        title="Balai API", version=__version__, path="/api/docs", render_plugins=[swagger],
        openapi_router=Router(path="/api/docs", route_handlers=[],
                              opt={"public": True, "bukan_halaman": "dokumentasi API (Swagger UI)"},
                              include_in_schema=False),  # the docs are not an API operation
    )


def _plugin_routers(balai: Balai) -> list[Router]:
    routers = []
    for name, handlers in balai.host.call_each("balai_route_handlers"):
        if not handlers:
            continue
        try:
            routers.append((name, Router(path="/", route_handlers=list(handlers), opt={PLUGIN_OPT: name})))
        except Exception as exc:  # not a list of handlers, a bad path, ...
            log.exception("rute plugin %s tidak sah", name)
            balai.host.mark_failed(name, f"rute tidak sah: {type(exc).__name__}: {exc}")
    static_dirs: dict[str, list] = {}
    for name, directory in balai.host.collect("balai_static_dirs"):
        static_dirs.setdefault(name, []).append(directory)
    for name, dirs in static_dirs.items():
        routers.append((name, _static(f"/static/{name}", dirs, {"public": True, PLUGIN_OPT: name})))
    return routers


SWEPT_STORES = {SESSION_STORE}  # and every store a plugin asked for (a login realm's sessions)


def _data_store(data_dir: Path, name: str) -> SessionFileStore:
    SWEPT_STORES.add(name)
    return SessionFileStore(path=data_dir / name, create_directories=True)


async def _housekeeping(app: Litestar) -> None:
    """Remove expired sessions now and then (Litestar's file store never does it by itself)."""
    while True:
        try:
            for store in sorted(SWEPT_STORES):
                await app.stores.get(store).delete_expired()
        except Exception:
            log.exception("sesi kedaluwarsa gagal dibersihkan")
        await asyncio.sleep(3600)


def create_app(balai: Balai | None = None) -> Litestar:
    """Build the web app. Called with no argument, it boots from the environment (uvicorn --factory)."""
    balai = balai or Balai.boot()
    plugin_templates = {}
    for name, directory in balai.host.collect("balai_template_dirs"):
        plugin_templates.setdefault(name, []).append(Path(directory))
    base_env = build_environment(None, plugin_templates)
    themes = discover_themes(base_env)
    # The profile's "tema" picks the loader on every template lookup: a switch needs no restart (core/web/themes.py).
    env = ThemedEnvironment.around(base_env, themes, lambda: balai.profile().get("tema"))

    async def on_startup(app: Litestar) -> None:
        if balai.engine.engine_type == "postgres":
            await balai.engine.start_connection_pool(min_size=1, max_size=10)
        await balai.load_profile()
        app.state.audit = AuditWriter(balai.settings.data_dir)
        app.state.audit.start()
        app.state.housekeeping = asyncio.create_task(_housekeeping(app))
        if notice := themes.notice(balai.profile().get("tema")):
            log.warning(notice)
        for name in sorted(await balai.enabled_names()):
            try:
                result = balai.host.call_one("balai_startup", name, app=app)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:  # one plugin's failure must not stop the app
                log.exception("balai_startup plugin %s gagal", name)
                balai.host.mark_failed(name, f"gagal saat mulai: {type(exc).__name__}: {exc}")
        balai.enabled.version = -1
        await balai.record_served_plugins()

    async def on_shutdown(app: Litestar) -> None:
        await balai.host.acall_each("balai_shutdown", only=set(await balai.enabled_names()), app=app)
        app.state.housekeeping.cancel()
        await app.state.audit.stop()
        await balai.close()

    static_routers = [_static("/static/core", [CORE_STATIC], {"public": True})]
    for theme in themes.usable.values():
        if theme.static_dir:
            static_routers.append(_static(f"/static/tema/{theme.name}", [theme.static_dir], {"public": True}))

    settings = balai.settings
    (settings.data_dir / "sesi").mkdir(exist_ok=True)
    # Only API requests authenticated by a bearer token skip the CSRF check (core/web/token_auth.py says why).
    csrf = CSRFConfig(secret=settings.secret_key, cookie_name="balai_csrf", header_name="x-csrftoken",
                      cookie_secure=settings.public_url.startswith("https://"), exclude=["/static/"])
    app = Litestar(
        route_handlers=[*session_pages.ROUTES, *admin.ROUTES, *akun.ROUTES, *pengguna.ROUTES, *audit_pages.ROUTES,
                        *profil_pages.ROUTES, *perangkat_pages.ROUTES, *penduduk_pages.ROUTES,
                        *peristiwa_pages.ROUTES, *perkawinan_pages.ROUTES, *wilayah_pages.ROUTES, *api_penduduk.ROUTES,
                        *keluarga_pages.ROUTES, *keluarga_daftar.ROUTES, *rumah_tangga_pages.ROUTES,
                        *jurnal_pages.ROUTES, *public.ROUTES,
                        *tugas_pages.ROUTES, *cadangan_pages.ROUTES, *cari_pages.ROUTES,
                        *token_pages.ROUTES, *api_peristiwa.ROUTES, *api_perkawinan.ROUTES,
                        *static_routers],
        guards=[access_guard],
        on_startup=[on_startup],
        on_shutdown=[on_shutdown],
        template_config=TemplateConfig(instance=JinjaTemplateEngine.from_environment(env)),
        middleware=[FormLimitMiddleware(), SessionConfig(
            key="balai_sesi", store=SESSION_STORE, max_age=8 * 3600, samesite="lax", exclude=["/static/"],
            secure=settings.public_url.startswith("https://"),
        ).middleware, csrf_middleware(csrf)],  # innermost, where `csrf_config` put it
        # any other store a plugin asks for (plugin_sdk.masuk.session_store) is a folder of the data folder too
        stores=StoreRegistry({SESSION_STORE: SessionFileStore(path=settings.data_dir / "sesi")},
                             default_factory=lambda name: _data_store(settings.data_dir, name)),
        exception_handlers=errors.HANDLERS,
        before_send=[security_headers(settings.public_url)],
        request_max_body_size=BODY_LIMIT,
        multipart_form_part_limit=FIELD_LIMIT,
        openapi_config=_openapi(),
        debug=False,
    )
    app.state.balai = balai
    app.state.jinja = env
    app.state.themes = themes
    for name, router in _plugin_routers(balai):
        try:
            app.register(router)
        except Exception as exc:  # e.g. a path another plugin already took
            log.exception("rute plugin %s tidak bisa dipasang", name)
            balai.host.mark_failed(name, f"rute tidak bisa dipasang: {exc}")
    return app

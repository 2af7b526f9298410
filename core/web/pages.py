"""Render admin and public pages with the shared layout context (menu, user, messages)."""

from __future__ import annotations

import inspect
import logging
from typing import Any

from litestar import Request
from litestar.response import Template
from markupsafe import Markup

from core.plugin_host.types import MENU_GROUPS, MenuItem
from core.web.access import enabled_plugins
from core.web.auth import current_user, has_permission

CORE_MENU = (
    MenuItem("Dasbor", "/admin", icon="rumah", order=0),
    MenuItem("Penduduk", "/admin/penduduk", permission="penduduk.lihat", order=10, group="kependudukan"),
    MenuItem("Keluarga", "/admin/keluarga", permission="penduduk.lihat", order=12, group="kependudukan"),
    MenuItem("Rumah tangga", "/admin/rumah-tangga", permission="penduduk.lihat", order=14, group="kependudukan"),
    MenuItem("Wilayah", "/admin/wilayah", permission="penduduk.lihat", order=20, group="kependudukan"),
    MenuItem("Profil nagari", "/admin/profil", permission="profil.ubah", order=800, group="pengaturan"),
    MenuItem("Perangkat", "/admin/perangkat", permission="profil.ubah", order=810, group="pengaturan"),
    MenuItem("Pengguna", "/admin/pengguna", permission="pengguna.kelola", order=850, group="pengaturan"),
    MenuItem("Peran", "/admin/peran", permission="pengguna.kelola", order=860, group="pengaturan"),
    MenuItem("Token API", "/admin/token", permission="pengguna.kelola", order=865, group="pengaturan"),
    MenuItem("Log audit", "/admin/audit", permission="audit.lihat", order=870, group="pengaturan"),
    MenuItem("Cadangan", "/admin/cadangan", permission="cadangan.kelola", order=880, group="pengaturan"),
    MenuItem("Plugin", "/admin/plugin", permission="plugin.kelola", icon="plug", order=900, group="pengaturan"),
)
OTHER_GROUP = "Lainnya"
FLASH_KEY = "pesan"
log = logging.getLogger("balai.web")


def flash(request: Request, text: str, kind: str = "sukses", url: str | None = None) -> None:
    """Queue a message for the next page this user sees (kind: sukses, galat, info, saran; `url` makes it a link)."""
    messages = list(request.session.get(FLASH_KEY, []))
    messages.append({"teks": text, "jenis": kind, "url": url})
    request.session[FLASH_KEY] = messages


def _pop_flashes(request: Request) -> list[dict]:
    if not request.scope.get("session"):
        return []
    messages = request.session.get(FLASH_KEY, [])
    if messages:
        request.session[FLASH_KEY] = []
    return messages


async def admin_menu(request: Request) -> list[MenuItem]:
    balai = request.app.state.balai
    user = await current_user(request)
    items = list(CORE_MENU)
    items += [item for _, item in balai.host.collect("balai_admin_menu", only=await enabled_plugins(request),
                                                     request=request)]
    visible = [i for i in items if i.permission is None or has_permission(user, i.permission)]
    return sorted(visible, key=lambda i: (i.order, i.label))


def menu_groups(items: list[MenuItem], path: str) -> list[dict]:
    """The sidebar under its headings: ungrouped first entries (the dashboard) on top, "Lainnya" last.

    The entry marked current is the longest one whose URL the page's path starts with, so
    "Jenis surat" and not "Surat" is current on /admin/surat/jenis.
    """
    known = dict(MENU_GROUPS)
    current = max((i.url for i in items if path == i.url or (i.url != "/admin" and path.startswith(i.url + "/"))),
                  key=len, default=None)
    top = [i for i in items if not i.group and i.order <= 0]
    groups = [{"judul": "", "item": top}] if top else []
    for key, title in MENU_GROUPS:
        if members := [i for i in items if i.group == key]:
            groups.append({"judul": title, "item": members})
    if rest := [i for i in items if i.group not in known and i not in top]:
        groups.append({"judul": OTHER_GROUP, "item": rest})
    for group in groups:
        group["item"] = [{"label": i.label, "url": i.url, "aktif": i.url == current} for i in group["item"]]
    return groups


async def public_menu(request: Request) -> list[MenuItem]:
    balai = request.app.state.balai
    items = [i for _, i in balai.host.collect("balai_public_menu", only=await enabled_plugins(request),
                                               request=request)]
    return sorted(items, key=lambda i: (i.order, i.label))


async def render_widgets(request: Request, hook: str, **kwargs: Any) -> list[dict]:
    """Render dashboard widgets or resident panels; a failing one is logged and skipped."""
    balai = request.app.state.balai
    env = request.app.state.jinja
    user = await current_user(request)
    rendered = []
    # a widget's or panel's own form posts like any page's: its template gets the request's CSRF field too
    csrf_input = Template(template_name="core/admin.html").create_template_context(request)["csrf_input"]
    pairs = await balai.host.acollect(hook, only=await enabled_plugins(request), request=request, **kwargs)
    for plugin, widget in sorted(pairs, key=lambda p: (p[1].order, p[1].title)):
        if widget.permission and not has_permission(user, widget.permission):
            continue
        try:
            context = widget.context(request) if callable(widget.context) else widget.context
            if inspect.isawaitable(context):
                context = await context
            html = env.get_template(widget.template).render(**{"csrf_input": csrf_input, **context}, request=request)
        except Exception:
            log.exception("%s dari plugin %s gagal ditampilkan", hook, plugin)
            continue
        rendered.append({"judul": widget.title, "plugin": plugin, "html": Markup(html)})
    return rendered


async def page(request: Request, template: str, context: dict | None = None, status_code: int = 200) -> Template:
    """An admin page: the template extends ``core/admin.html`` and gets the menu and messages."""
    menu = await admin_menu(request)
    full = {
        "user": await current_user(request),
        "menu": menu,
        "menu_grup": menu_groups(menu, request.url.path),
        "pesan": _pop_flashes(request),
        "nagari": request.app.state.balai.profile(),
        "path": request.url.path,
    }
    full.update(context or {})
    return Template(template_name=template, context=full, status_code=status_code)


async def public_page(request: Request, template: str, context: dict | None = None, status_code: int = 200) -> Template:
    """A public page, rendered by the active theme."""
    full = {
        "menu_publik": await public_menu(request),
        "nagari": request.app.state.balai.profile(),
        "path": request.url.path,
    }
    full.update(context or {})
    return Template(template_name=template, context=full, status_code=status_code)

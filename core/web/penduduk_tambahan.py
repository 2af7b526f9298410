"""The resident's form: the sections of extra fields that plugins declare (`balai_resident_fields`)."""

from __future__ import annotations

import inspect
import logging

from markupsafe import Markup

from core.penduduk.tambahan import HOOK, FieldErrors, Pending, ResidentFields, column, declared, load, text
from core.web.access import enabled_plugins
from core.web.auth import current_user, has_permission

log = logging.getLogger("balai.plugins")


async def _context(section: ResidentFields, request) -> dict:
    context = section.context(request) if callable(section.context) else section.context
    return await context if inspect.isawaitable(context) else dict(context)


def _visible(pairs: list[tuple[str, ResidentFields]], user: dict | None) -> list[tuple[str, ResidentFields]]:
    return [(p, s) for p, s in pairs if not s.permission or has_permission(user, s.permission)]


async def form_sections(request, penduduk_id: int | None, submitted: dict | None = None,
                        errors: dict[str, str] | None = None) -> list[dict]:
    """Each section the user may edit, rendered for the form: submitted values when the form comes back with
    messages, else the resident's stored ones. A section that fails is logged and left off."""
    balai, env = request.app.state.balai, request.app.state.jinja
    pairs = _visible(declared(balai, await enabled_plugins(request)), await current_user(request))
    errors = errors or {}
    out = []
    for plugin, section in pairs:
        prefix = f"{plugin}."
        try:
            if submitted is not None:
                values = {f: submitted.get(prefix + f, "") for f in section.fields}
            else:
                stored = (await load(plugin, section, [penduduk_id])).get(penduduk_id, {}) if penduduk_id else {}
                values = {f: text(stored.get(f)) for f in section.fields}
            own = {k[len(prefix):]: v for k, v in errors.items() if k.startswith(prefix)}
            template = env.get_template(section.template or "core/penduduk_form_tambahan.html")
            html = template.render(nilai=values, galat=own, galat_form=errors, awalan=prefix, bagian=section,
                                   context=await _context(section, request), request=request)
        except Exception:
            log.exception("%s dari plugin %s gagal ditampilkan", HOOK, plugin)
            continue
        out.append({"plugin": plugin, "judul": section.title, "html": Markup(html)})
    return out


async def read_form(request, form: dict) -> tuple[Pending, dict[str, str]]:
    """Check what the form says for each section the user may edit: (values to save, {"<plugin>.<field>": message})."""
    pairs = _visible(declared(request.app.state.balai, await enabled_plugins(request)), await current_user(request))
    pending, errors = Pending(), {}
    for plugin, section in pairs:
        raw = {f: form.get(column(plugin, f), "") for f in section.fields}
        try:
            pending.sections.append((plugin, section, await section.cleaned(raw)))
        except FieldErrors as exc:
            errors.update({column(plugin, k): m for k, m in exc.errors.items()})
    return pending, errors

"""Every hook a Balai plugin can implement, in one module.

A hook returns its value directly or an awaitable that the host awaits, so a plugin
can do async work (pluggy itself is synchronous). Each hook has a section in
docs/plugins/hooks.md; a test fails when one is missing.
"""

from __future__ import annotations

import pluggy

PROJECT = "balai"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def balai_route_handlers():
    """Return Litestar route handlers or controllers to mount at start-up.

    They answer 404 while the plugin is disabled. Guard them with
    ``plugin_sdk.requires(permission)`` or mark them ``public=True`` in ``opt``.
    """


@hookspec
def balai_piccolo_apps():
    """Return dotted paths of the plugin's Piccolo app modules, e.g. ``["balai_adat.piccolo_app"]``.

    Each module holds ``APP_CONFIG = AppConfig(...)`` with the plugin's tables and
    migrations, as Piccolo's own ``AppRegistry`` expects.
    """


@hookspec
def balai_permissions():
    """Return extra ``Permission`` objects beyond those in the plugin's metadata."""


@hookspec
def balai_admin_menu(request):
    """Return ``MenuItem`` objects for the admin sidebar. Hidden while the plugin is disabled."""


@hookspec
def balai_dashboard_widgets(request):
    """Return ``Widget`` objects shown on the admin dashboard."""


@hookspec
def balai_resident_panels(request, penduduk_id):
    """Return ``Panel`` objects shown on one resident's page."""


@hookspec
def balai_family_panels(request, keluarga_id):
    """Return ``Panel`` objects shown on one family card's page (``/admin/keluarga/{id}``)."""


@hookspec
def balai_warga_menu(request):
    """Return ``MenuItem`` objects offered to residents on their own pages (``/warga``).

    Residents log in with NIK and PIN in a realm apart from staff. While no enabled
    plugin returns an item, the resident login does not exist (404) and the counter
    does not offer PINs.
    """


@hookspec
def balai_peristiwa(request, peristiwa):
    """React to a journal entry just recorded (a birth, a death, a correction, ...).

    ``peristiwa`` is a dict: id, jenis, penduduk, keluarga, tanggal_peristiwa, rincian, ...
    Return ``MenuItem`` suggestions to show the operator (e.g. "Buat surat keterangan
    kelahiran" after a birth), or nothing.
    """


@hookspec
def balai_search(request, q):
    """Return ``SearchResult`` objects for the office's search box (``/admin/cari``).

    ``q`` is the clerk's text, already trimmed and at least two characters. Return at most
    ten results the current user may open (check permissions and scope yourself), best first.
    Residents and families are the kernel's own; a plugin adds what it keeps (letters, ...).
    """


@hookspec
def balai_public_menu(request):
    """Return ``MenuItem`` objects for the public website's navigation."""


@hookspec
def balai_template_dirs():
    """Return folders of templates, reachable as ``<plugin name>/<file>``."""


@hookspec
def balai_static_dirs():
    """Return folders of static files, served under ``/static/<plugin name>/``."""


@hookspec
def balai_cli_commands():
    """Return click commands added to the ``balai`` command line."""


@hookspec
def balai_jobs():
    """Return ``Job`` objects: kinds of background work this plugin runs in the worker process.

    Start one with ``await plugin_sdk.jobs.start(request, kind, title, params)``; the operator
    watches it at ``/admin/tugas/<code>`` (a progress bar) and the job reports with
    ``await ctx.progress(done, total, message)``.
    """


@hookspec
def balai_settings():
    """Return ``SettingField`` objects an operator can edit on the plugin page."""


@hookspec
def balai_startup(app):
    """Called when the app starts. A plugin that raises here is reported and left out."""


@hookspec
def balai_shutdown(app):
    """Called when the app stops."""


@hookspec
def balai_document_placeholders(request, penduduk):
    """Return a dict of extra placeholders for a document about one resident (a letter).

    ``penduduk`` is the plain dict of ``plugin_sdk.register.resident``. Values must be
    plain data (strings, numbers). They reach templates under the plugin's name:
    ``{{ tambahan.adat.suku }}``. Called only for enabled plugins; one that fails is
    logged and left out.
    """


@hookspec
def balai_jadwal():
    """Return ``Jadwal`` objects: periodic tasks ``balai worker`` runs when they are due.

    ``Jadwal(kode, fungsi, setiap)`` with ``setiap`` a ``timedelta`` or ``"harian 02:00"`` (also ``"mingguan senin
    02:00"``, ``"bulanan 1 02:00"``, in the nagari's time). Each run is claimed once across workers; a run missed
    while the worker was stopped is made up once. Tasks of disabled plugins do not run.
    """


@hookspec
def balai_resident_fields():
    """Return ``ResidentFields`` objects: sections of extra resident fields kept in the plugin's own tables.

    Each appears on the resident's create and correct form (saved in the same write transaction as the resident,
    or refused with messages beside its fields) and as ``<plugin>.<field>`` columns in the Balai CSV export, read
    back on import. Enabled plugins only.
    """


@hookspec(firstresult=True)
def balai_pdf_signer():
    """Return a ``plugin_sdk.dokumen.PenandatanganPdf`` to sign finished PDFs (letters) with, or ``None``.

    firstresult: the first enabled plugin that answers is used; with no answer Balai signs with the nagari's own
    certificate (PAdES B-B, issued by the nagari CA). For a certified signature service such as BSrE TTE. The
    answer may be an awaitable; one that is not a signer, or an implementation that raises, counts as no answer.
    """


@hookspec
def balai_preset_bagian():
    """Return ``plugin_sdk.preset.BagianPreset`` objects: the plugin's sections of a preset (a nagari built from
    data, `balai preset apply`) and how to export its configuration (`balai preset export`). Enabled plugins only.
    """

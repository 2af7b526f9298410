"""The events of `akun_warga`: how other plugins take part in the residents' realm (implement them with
``@hookimpl`` and name ``akun_warga`` in your ``depends``)."""

from plugin_sdk import hookspec


@hookspec
def warga_menu(request):
    """Return ``MenuItem`` objects offered to residents on their own pages (``/warga``).

    Called on every resident page. The items form the bottom bar and the resident's home page. While no
    enabled plugin returns an item, the whole realm answers 404 (the login and the counter's PIN buttons too),
    so an office without self-service shows no resident login at all. ``permission`` is not checked: residents
    have no roles, so link only to pages opened with ``resident_only()``.
    """


@hookspec
def warga_beranda(request, resident):
    """Return ``Panel`` objects for the resident's home page (``/warga``), below their own data and family card.

    `resident` is the logged-in resident as ``api.current_resident`` gives it (``penduduk_id``, ``nama``, ...).
    A panel's ``context`` is a dict or a callable taking the request (it may be async); its template is rendered
    with that context (no ``request``, no session) and should stay short: the latest few items and a link to
    the plugin's own page. Show the resident only their own records. ``permission`` is not checked (residents
    have no roles). Panels are ordered by ``order``; a failing panel is logged and left out. `layanan_mandiri`
    shows the latest requests and letters here; a website plugin can show the office's announcements.
    """

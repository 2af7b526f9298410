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

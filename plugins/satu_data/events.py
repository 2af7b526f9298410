"""Events (hookspecs) of the `satu_data` plugin that other plugins implement."""

from plugin_sdk import hookspec


@hookspec
def satu_data_dataset():
    """Datasets a plugin publishes as open data: return a list of ``plugins.satu_data.api.Dataset``.

    Import the contract inside your implementation (``@hookimpl(optionalhook=True)``), so your plugin still runs
    where satu_data is not installed. A dataset whose name or columns break the rules of `dataset.masalah` is
    logged and left out; the others stay. See docs/satu-data-api.md and docs/plugins/hooks.md.
    """


@hookspec
def satu_data_terbit(request, terbitan):
    """A release was stored: ``terbitan`` is a dict {"dataset", "periode", "versi", "sementara", "baris"} (the
    published rows). The sync plugin does not rely on it: it reads the change log (`api.perubahan`).

    Called inside the write transaction that stores it, so what a handler writes commits with the release. A
    handler that fails is logged and its own writes are undone (a savepoint); the release stands.
    """

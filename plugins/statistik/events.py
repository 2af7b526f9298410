"""Events (hookspecs) of the `statistik` plugin that other plugins implement."""

from plugin_sdk import hookspec


@hookspec
def statistik_kategori():
    """Categories a plugin adds to the population statistics.

    Return a list of ``plugins.statistik.api.KategoriTambahan(kategori=Kategori(...), kode=((kode, label), ...),
    hitung=async_function)``; ``await hitung(tingkat=, per=, status=)`` returns rows ``{"kode", "wilayah",
    "jenis_kelamin", "jumlah"}``. The statistics pages, exports and `api.table` then show it like a built-in one.
    See docs/plugins/contracts-and-events.md ("Example: the `statistik` contract and its event").
    """

"""Events (hookspecs) of the `buku_administrasi` plugin that other plugins implement."""

from plugin_sdk import hookspec


@hookspec
def buku_administrasi_buku():
    """Books a plugin adds to the Buku Administrasi Desa (Permendagri 47/2016).

    Return a list of ``plugins.buku_administrasi.api.Buku(kode="A.1", judul=..., kolom=(Kolom(...), ...),
    baris=async_function)``; ``await baris(saring, mulai=0, batas=None)`` returns ``Hasil(baris=[dict, ...],
    jumlah=n)`` for a ``Saringan`` (period, jorong, search text). The office pages, the XLSX export, masking and the
    audit entries then treat it like the plugin's own books. Optional: ``ringkasan=`` tables of totals printed under
    the table, ``izin=`` a permission the reader needs besides buku_administrasi.lihat. See docs/plugins/hooks.md
    ("buku_administrasi_buku").
    """

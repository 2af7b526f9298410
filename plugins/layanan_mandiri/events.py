"""The `layanan_mandiri` plugin's domain events.

Implement one with ``@hookimpl`` and declare ``depends=("layanan_mandiri",)``. Fired inside
the write transaction that made the change; a failing handler is logged and its own writes
undone, the request's change still lands.
"""

from plugin_sdk import hookspec


@hookspec
def permohonan_berubah(request, permohonan: dict):
    """A resident's letter request changed status.

    ``permohonan`` is a plain dict: ``id``, ``penduduk_id``, ``jenis_kode``, ``status`` (see
    ``plugins/layanan_mandiri/status.py``: draf, diperiksa, menunggu_ttd, siap, diambil,
    ditolak, dibatalkan), ``status_sebelumnya`` (None for a new request), ``surat_id`` (the
    letter in `surat`, once there is one) and ``alasan`` (why it was refused or cancelled).
    """

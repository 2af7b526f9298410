"""The events of `pemberitahuan` (notifications to residents). Implement them with ``@hookimpl`` and name
``pemberitahuan`` in your ``depends``. Types are in ``plugins/pemberitahuan/api.py``; the guide with a worked SMS
gateway is docs/plugins/contracts-and-events.md ("Notifying residents")."""

from plugin_sdk import hookspec


@hookspec
def pemberitahuan_saluran():
    """Return ``Channel`` objects (``plugins.pemberitahuan.api.Channel``): ways to reach a resident.

    Called when a resident opens their notification page (to list the channels they may choose), when they save
    a choice (to check the address with the channel's ``check``) and in the background worker (to ``send``).
    Codes are unique: when two plugins offer the same code only one is used and an error is logged, so pick one
    of your own (``sms_zenziva``, ``wa_fonnte``). The built-in channel is e-mail (code ``email``), offered once the
    office has set up its SMTP server.
    """


@hookspec
def pemberitahuan_warga(request, pemberitahuan: dict):
    """A resident is being told something: their request changed status, or a letter for them was issued.

    Fired once per notice, after the change it reports has committed, in the background worker (so ``request``
    is None), whether or not the resident chose a channel. Use it to act outside Balai (an office display, an
    app's push message); to offer a way of delivering, implement ``pemberitahuan_saluran`` instead.

    ``pemberitahuan`` is a plain dict: ``id``, ``penduduk_id``, ``jenis`` ("permohonan" or "surat"),
    ``peristiwa`` (the request's new status from ``plugins/layanan_mandiri/status.py``: menunggu_ttd, siap,
    ditolak, dibatalkan; or "terbit" for a letter issued at the counter), ``sumber_id`` (the request's or the
    letter's id), ``judul``, ``teks`` (one or two sentences in Indonesian, never a NIK or KK number), ``tautan``
    (the resident's page about it) and ``dibuat`` (ISO 8601). A request that became ready and the letter issued
    with it are one notice.
    """

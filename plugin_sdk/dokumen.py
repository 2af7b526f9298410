"""The document kit: letterheads, signature blocks, Indonesian words and dates, QR, sandboxed PDF rendering.

    from plugin_sdk import dokumen
    hasil = await dokumen.render(dokumen.Dokumen(layout="surat.html", body=template, data=..., bingkai=...))

Operator-edited templates render in a sandbox with plain data only, in a worker
process, and may read no file but Balai's own fonts (ENGINEERING-NOTES 2).
"""

from __future__ import annotations

from litestar import Request

from core.crypto.keyring import KeyRing
from core.crypto.keys import verify_hex as verify_signature
from core.dokumen.kop import kop
from core.dokumen.lembar import clean_text, csv_cell, read_cell, write_csv
from core.dokumen.pdf import PAPER, DocumentError, Dokumen, Halaman, Hasil, render, renderer
from core.dokumen.qr import qr_data_uri, qr_svg
from core.dokumen.sandbox import TemplateProblem, check_syntax, freeze, rupiah
from core.dokumen.tanda_tangan import BlokTandaTangan, block_for, officials, signatories
from core.dokumen.xlsx import Lembar, to_bytes as xlsx_bytes, write as write_xlsx
from core.dokumen.teks import bulan_romawi, rupiah_terbilang, tanggal_panjang, terbilang
from core.web.access import enabled_plugins


def _balai(source):
    # a request, or a background job's context (plugin_sdk.jobs.JobContext), which has no request
    return source.app.state.balai if isinstance(source, Request) else source._balai


def letterhead(source: Request) -> dict:
    """The kop surat of this nagari: {"baris": (...), "alamat": "...", "logo": data-URI or ""}.
    `source`: the request, or a job's context."""
    balai = _balai(source)
    return kop(balai.profile(), balai.settings.data_dir)


def keyring(request: Request, purpose: str) -> KeyRing:
    """The nagari's rotatable Ed25519 keys for `purpose` (e.g. "surat"), in the data folder."""
    return KeyRing(request.app.state.balai.settings.data_dir, purpose)


async def placeholders(request: Request, penduduk: dict) -> dict[str, dict]:
    """What enabled plugins add for this resident (hook ``balai_document_placeholders``), per plugin name."""
    host = request.app.state.balai.host
    found = {}
    for name, values in await host.acall_each("balai_document_placeholders", only=await enabled_plugins(request),
                                              request=request, penduduk=penduduk):
        if isinstance(values, dict):
            found[name] = {str(k): v if isinstance(v, (str, int, float)) else str(v) for k, v in values.items()}
    return found


__all__ = [
    "BlokTandaTangan", "DocumentError", "Dokumen", "Halaman", "Hasil", "KeyRing", "Lembar", "PAPER", "TemplateProblem",
    "block_for", "bulan_romawi", "check_syntax", "clean_text", "csv_cell", "freeze", "keyring", "letterhead",
    "officials", "placeholders", "qr_data_uri", "qr_svg", "read_cell", "render", "renderer", "rupiah",
    "rupiah_terbilang", "signatories", "tanggal_panjang", "terbilang", "verify_signature", "write_csv", "write_xlsx",
    "xlsx_bytes",
]

"""Short documents (letters) to PDF with xhtml2pdf, in worker processes, never on the web worker.

A render takes 15-40 ms of pure CPU; done on the event loop it would stall every
other request of that worker. So rendering (the operator's template in the sandbox,
then xhtml2pdf) runs in a small pool of separate processes. Workers are started with
`spawn` (forking a process that runs an event loop and threads is unsafe) and warm
up once, so the first letter of the day is not slow.

The documents may read only this folder's `aset/` (fonts): xhtml2pdf's resource
policy refuses every other file, every URL and any read of uploads or keys; pictures
(the logo, the QR) arrive inline as data: URIs.
"""

from __future__ import annotations

import asyncio
import importlib
import io
import logging
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.dokumen.sandbox import TemplateProblem

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "aset"
LAYOUTS = HERE / "tata_letak"
PAPER = {"A4": (210, 297), "F4": (215, 330)}  # millimetres; F4 is the folio common in Indonesian offices
RENDER_SECONDS = 20
# Ends a letter's first part: what follows prints on pages of its own after the signature (a multi-page document
# such as the marriage forms, where the later pages carry their own signatures).
PAGE_BREAK = '<div class="halaman-baru"></div>'
MEMORY_HEADROOM = 1024 * 1024 * 1024  # bytes a renderer may grow by while rendering one document
log = logging.getLogger("balai.dokumen")


@dataclass(frozen=True)
class Halaman:
    """Paper and margins in millimetres (top, right, bottom, left)."""

    kertas: str = "F4"
    margin: tuple[int, int, int, int] = (15, 20, 15, 25)

    def __post_init__(self):
        if self.kertas not in PAPER:
            raise ValueError(f"Ukuran kertas harus salah satu dari: {', '.join(PAPER)}.")
        if len(self.margin) != 4 or any(not 0 <= m <= 60 for m in self.margin):
            raise ValueError("Margin harus empat angka antara 0 dan 60 mm.")

    def css(self) -> str:
        width, height = PAPER[self.kertas]
        top, right, bottom, left = self.margin
        return f"size: {width}mm {height}mm; margin: {top}mm {right}mm {bottom}mm {left}mm;"


@dataclass(frozen=True)
class Dokumen:
    """What a worker needs: a trusted layout, an operator's body template and plain data. All picklable."""

    layout: str  # file name in tata_letak/
    body: str  # operator-edited Jinja source, rendered in the sandbox
    data: dict[str, Any] = field(default_factory=dict)  # for the body (plain data only)
    bingkai: dict[str, Any] = field(default_factory=dict)  # for the layout: kop, title, signature; "qr_isi": QR text
    halaman: Halaman = Halaman()


@dataclass(frozen=True)
class Hasil:
    pdf: bytes
    pid: int  # the process that rendered it (never the web worker's)


class DocumentError(RuntimeError):
    """Rendering failed; the message is for the operator."""


class _Blocked(logging.Handler):
    """Collects what the resource policy refused, to name it in the error."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.refused: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if "Blocked by the resource policy" in text or "Could not get image data" in text:
            self.refused.append(text)


def _source_of(messages: list[str]) -> str:
    for text in messages:
        if "src attribute:" in text:
            return text.split("src attribute:", 1)[1].strip()
    return messages[0].split(":", 1)[-1].strip()


FONT_FILES = {(0, 0): "DejaVuSerif.ttf", (1, 0): "DejaVuSerif-Bold.ttf", (0, 1): "DejaVuSerif-Italic.ttf",
              (1, 1): "DejaVuSerif-BoldItalic.ttf"}


@lru_cache(maxsize=1)
def _fonts() -> None:
    """Register Balai's embedded font family once per process, as "Balai Serif".

    Declared with @font-face in every layout, xhtml2pdf read and hashed each font file again for every document:
    ~10 ms of a ~60 ms letter (measured). Registered here, the layouts just name the family; the PDF still embeds
    the subset it uses, and no document can name another font file (the resource policy is unchanged).
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from xhtml2pdf import default

    for (bold, italic), name in FONT_FILES.items():
        face = f"BalaiSerif_{bold}{italic}"
        pdfmetrics.registerFont(TTFont(face, ASSETS / "fonta" / name))
        addMapping("balai serif", bold, italic, face)
    default.DEFAULT_FONT["balai serif"] = "balai serif"  # the family name xhtml2pdf looks up, lower-cased


CSS_KEPT = 32  # parsed stylesheets a renderer keeps: the library's default, the layouts', a few templates'


@lru_cache(maxsize=1)
def _reuse_parsed_css() -> None:
    """Parse each plain stylesheet once per renderer process, not once per document.

    xhtml2pdf parsed its own default stylesheet and the layout's again for every letter (~2.5 ms of a ~40 ms
    render, measured), though the text is the same each time. A parsed stylesheet is only read once the document's
    cascade is built (xhtml2pdf's `CSSCascadeStrategy` says so; the lazily built rule index is derived from the
    rules), so it can be shared. Only text without at-rules (no "@": @page and @font-face act on the document as
    they are parsed) and without custom properties (no "--": `:root` ones are kept on the parser) is reused, keyed
    by the whole text and the folder it resolves from; anything else is parsed as before.
    """
    from collections import OrderedDict

    from xhtml2pdf.context import pisaContext

    parse = pisaContext._parseCSSSource
    kept: OrderedDict[tuple[str, str], Any] = OrderedDict()

    def parse_once(self, text, sourceName):
        if "@" in text or "--" in text:
            return parse(self, text, sourceName)
        key = (text, str(self.cssParser.rootPath))
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        kept[key] = stylesheet = parse(self, text, sourceName)
        if len(kept) > CSS_KEPT:
            kept.popitem(last=False)
        return stylesheet

    pisaContext._parseCSSSource = parse_once


@lru_cache(maxsize=1)
def _layouts():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(LAYOUTS), autoescape=select_autoescape(["html"]), auto_reload=False)


def _work(doc: Dokumen) -> Hasil:
    """Runs in a worker process."""
    from xhtml2pdf import pisa
    from xhtml2pdf.config.resources import ResourceAccessPolicy

    from core.dokumen import sandbox
    from core.dokumen.qr import qr_data_uri

    _fonts()
    _reuse_parsed_css()

    try:
        body = sandbox.render(doc.body, doc.data)
    except MemoryError:
        raise sandbox.TemplateLimit("Template memakai terlalu banyak memori.") from None
    frame = dict(doc.bingkai)
    if frame.get("qr_isi"):  # made here, not on the web worker: encoding a QR is ~20 ms of pure Python
        frame["qr"] = qr_data_uri(frame["qr_isi"])
    first, *following = body.split(PAGE_BREAK)
    html = _layouts().get_template(doc.layout).render(isi=first, lampiran=following, halaman=doc.halaman.css(),
                                                      **frame)
    policy = ResourceAccessPolicy.server(base_dir=ASSETS, allow_remote=False, max_render_seconds=RENDER_SECONDS)
    catcher = _Blocked()
    pisa_log = logging.getLogger("xhtml2pdf")
    pisa_log.addHandler(catcher)
    try:
        out = io.BytesIO()
        result = pisa.CreatePDF(html, dest=out, path=str(ASSETS / "dokumen.html"), resource_policy=policy,
                                encoding="utf-8")
    except Exception:  # xhtml2pdf raises on limits and broken markup; the detail is for the log
        log.exception("xhtml2pdf gagal")
        raise DocumentError("Dokumen tidak dapat dibuat dari HTML template ini (terlalu besar atau susunannya "
                            "rusak).") from None
    finally:
        pisa_log.removeHandler(catcher)
    if catcher.refused:
        raise TemplateProblem(f"Template memakai gambar atau berkas yang tidak diizinkan: {_source_of(catcher.refused)}."
                              " Hanya logo nagari dan kode QR yang dipasang Balai yang boleh tampil.")
    if result.err:
        raise DocumentError("Dokumen tidak dapat dibuat: susunan HTML template tidak valid.")
    return Hasil(pdf=out.getvalue(), pid=os.getpid())


def _warm(parent: int | None = None, kernel: bool = False) -> None:
    """Worker initializer: end with the process that started the pool (however it ends, even killed: an orphaned
    renderer would hold its memory forever), then import and exercise xhtml2pdf and the fonts once."""
    if parent is not None:
        from core.proses import exit_with_parent

        exit_with_parent(parent, kernel=kernel)
    logging.getLogger("xhtml2pdf").setLevel(logging.WARNING)
    try:
        _work(Dokumen(layout="kosong.html", body="."))
    except Exception:  # a broken warm-up shows again, with its message, on the first real render
        pass
    if parent is not None:
        _cap_memory()


def _cap_memory() -> None:
    """Last line behind the template limits (core/dokumen/sandbox.py): a renderer may grow by MEMORY_HEADROOM
    beyond what it holds once warm; past that an allocation fails (MemoryError, a message for the operator)
    instead of the whole computer swapping."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + MEMORY_HEADROOM
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):  # not Linux: the template limits still hold
        pass


class Renderer:
    """A lazily started pool of rendering processes, one per web worker process."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # The kernel's parent-death signal follows the *thread* that started a process: ask for it only when
            # that is the main thread (the web worker's event loop); elsewhere the renderer's watchdog suffices.
            kernel = threading.current_thread() is threading.main_thread()
            pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_warm, initargs=(os.getpid(), kernel))
            for _ in range(self.workers):  # start every process now, from this thread
                pool.submit(os.getpid)
            self._pool = pool
        return self._pool

    def warm(self) -> None:
        """Start the workers now, e.g. when a letter form opens, so the letter itself does not wait for them.

        The PDF signer's library (pyHanko, ~0.7 s to import) is loaded too, on a thread of this process: a letter
        is signed right after it is rendered, and the first one of the day should not wait for that either.
        """
        self._ensure()
        if "core.dokumen.pades" not in sys.modules and not _preloading.is_set():
            _preloading.set()
            threading.Thread(target=importlib.import_module, args=("core.dokumen.pades",), daemon=True,
                             name="balai-muat-penanda-tangan").start()

    async def render(self, doc: Dokumen) -> Hasil:
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._ensure(), _work, doc)
            return await asyncio.wait_for(future, RENDER_SECONDS + 10)
        except BrokenProcessPool:
            self.close()
            raise DocumentError("Proses pembuat dokumen berhenti mendadak; silakan coba lagi.") from None
        except asyncio.TimeoutError:
            self.close()  # a runaway render keeps its process busy: start fresh ones
            raise DocumentError("Pembuatan dokumen melewati batas waktu.") from None

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)


_preloading = threading.Event()
_default: Renderer | None = None


def renderer() -> Renderer:
    global _default
    if _default is None:
        _default = Renderer()
    return _default


async def render(doc: Dokumen) -> Hasil:
    return await renderer().render(doc)

"""plugin_sdk.save_pdf / stored_pdf: an uploaded PDF is kept only when anyone could open it."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from plugin_sdk import FileStoreError, save_pdf, stored_pdf


def _pdf(text: str = "Peraturan Nagari") -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def _locked(content: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(content)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="rahasia", owner_password="rahasia")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def request_(tmp_path):
    # save_pdf reads only the data folder from the request
    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(balai=SimpleNamespace(
        settings=SimpleNamespace(data_dir=tmp_path)))))


def _files(tmp_path):
    return sorted(p.name for p in tmp_path.rglob("*") if p.is_file())


def test_a_pdf_is_kept_whole_and_found_again(request_, tmp_path):
    content = _pdf()
    name = save_pdf(request_, "hukum", content)
    path = stored_pdf(request_, "hukum", name)
    assert path is not None and path.read_bytes() == content
    assert stored_pdf(request_, "hukum", "../" + name) is None
    assert stored_pdf(request_, "lain", name) is None


@pytest.mark.parametrize("make, message", [
    (lambda: b"PK\x03\x04 a zip renamed to .pdf", "Berkas harus PDF."),
    (lambda: b"<html>%PDF-1.4</html>", "Berkas harus PDF."),
    (lambda: _pdf()[:300], "PDF rusak"),
    (lambda: _locked(_pdf()), "PDF ini terkunci kata sandi; unggah PDF yang tidak terkunci."),
    (lambda: b"", "Berkas kosong."),
])
def test_bad_files_are_refused_and_nothing_is_kept(request_, tmp_path, make, message):
    with pytest.raises(FileStoreError) as refused:
        save_pdf(request_, "hukum", make())
    assert message in str(refused.value)
    assert _files(tmp_path) == []


def test_too_large_is_refused_with_the_limit(request_, tmp_path):
    content = _pdf()
    with pytest.raises(FileStoreError, match="Berkas lebih dari 10 MB."):
        save_pdf(request_, "hukum", content + b"\n" * (10 * 1024 * 1024))
    with pytest.raises(FileStoreError, match="Berkas lebih dari 1 KB."):
        save_pdf(request_, "hukum", content, limit=1024)
    assert _files(tmp_path) == []

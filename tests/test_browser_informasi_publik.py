"""Issue 23 in a real Chromium: an operator registers a Peraturan Nagari with its PDF and a later one that revokes it;
an anonymous visitor on a phone finds it by a word of its title, sees "Dicabut oleh ..." linking to the revoking one
and downloads the PDF; the visitor asks for public information and the PPID Desa finds the request in the office's
register with its deadline (10 working days, UU 14/2008 art. 22 (7))."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import expect

from plugin_sdk.dokumen import tanggal_panjang
from plugins.informasi_publik import contoh_hukum, hari_kerja
from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
OPERATOR = ("operator1", "sandi-operator-nagari-1")
PPID = ("ppid1", "sandi-ppid-nagari-1")


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "30", "--tanpa-surat")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")} | {"BALAI_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", (  # the office's own accounts: an Operator and the PPID Desa
        "from core.cli.common import run\nfrom core.identity.users import create_user\n"
        "async def both(balai):\n"
        f"    await create_user({OPERATOR[0]!r}, 'Operator Nagari', {OPERATOR[1]!r}, 'operator')\n"
        f"    await create_user({PPID[0]!r}, 'PPID Nagari', {PPID[1]!r}, 'ppid')\n"
        "run(both)")], env=env, check=True, capture_output=True, timeout=120)
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def register(page, url, *, nomor: int, judul: str, pokok: str, ditetapkan: str, pdf, mencabut: str = "") -> None:
    page.goto(url + "/admin/hukum/baru")
    page.get_by_label("Jenis").select_option(label="Peraturan Nagari")
    page.get_by_label("Nomor", exact=True).fill(str(nomor))
    page.get_by_label("Tentang (judul)").fill(judul)
    page.get_by_label("Pokok isi").fill(pokok)
    page.get_by_label("Tanggal ditetapkan").fill(ditetapkan)
    if mencabut:
        page.get_by_label("Tindakan").select_option(label="Mencabut")
        page.get_by_label("Peraturan yang diubah atau dicabut").select_option(label=mencabut)
    page.get_by_label("Naskah (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="tersimpan")).to_be_visible()


def test_a_revoked_regulation_is_found_by_a_visitor_and_a_request_reaches_the_register(browser, server, tmp_path):  # noqa: F811
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    lama, baru = today - timedelta(days=20), today - timedelta(days=1)
    naskah, pencabut = tmp_path / "irigasi.pdf", tmp_path / "pencabutan.pdf"
    naskah.write_bytes(contoh_hukum.pdf_contoh("PENGELOLAAN IRIGASI NAGARI"))
    pencabut.write_bytes(contoh_hukum.pdf_contoh("PENCABUTAN"))
    lama_nama, baru_nama = f"Peraturan Nagari Nomor 5 Tahun {lama.year}", f"Peraturan Nagari Nomor 6 Tahun {baru.year}"

    # The operator registers the regulation, then the one that revokes it.
    office = browser.new_page()
    office.set_default_timeout(15000)
    log_in(office, server.url, *OPERATOR)
    register(office, server.url, nomor=5, judul="Pengelolaan Irigasi Nagari", pdf=naskah, ditetapkan=lama.isoformat(),
             pokok="Pembagian air bandar dan iuran pemeliharaan oleh kelompok tani.")
    register(office, server.url, nomor=6, judul="Pencabutan Peraturan Nagari tentang Air Bandar", pdf=pencabut,
             pokok="Urusan air bandar diserahkan kepada BUMNag.", ditetapkan=baru.isoformat(),
             mencabut=f"{lama_nama} tentang Pengelolaan Irigasi Nagari")
    row = office.locator("#tabel-hukum tbody tr").filter(has_text=lama_nama)
    expect(row).to_contain_text(f"Dicabut oleh {baru_nama}")

    # An anonymous visitor on a phone searches, sees the status with its link and downloads the PDF.
    phone_context = browser.new_context(viewport=PHONE, accept_downloads=True)
    phone = phone_context.new_page()
    phone.set_default_timeout(15000)
    phone.goto(server.url + "/produk-hukum")
    phone.get_by_label("Cari judul atau isi").fill("irigasi")
    phone.get_by_role("button", name="Cari").click()
    found = phone.locator("main li").filter(has=phone.get_by_role("link", name=lama_nama, exact=True))
    expect(found).to_contain_text(f"Dicabut oleh {baru_nama}")
    found.get_by_role("link", name=lama_nama, exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(lama_nama)
    status = phone.locator("#status-hukum")
    expect(status).to_contain_text("Dicabut")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("link", name=re.compile("Unduh naskah")).click()
    phone.wait_for_url("**/produk-hukum/*.pdf")
    assert phone.request.get(phone.url).body() == naskah.read_bytes()
    phone.go_back()
    status.get_by_role("link", name=f"Dicabut oleh {baru_nama}").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(baru_nama)
    assert httpx.get(f"{server.url}/produk-hukum?cari=irigasi").headers.get("set-cookie") is None

    # The visitor asks for information and keeps the number and code shown once.
    phone.goto(server.url + "/informasi-publik")
    phone.get_by_role("link", name="Ajukan permohonan informasi").click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the form fits the phone
    phone.get_by_label("Nama").fill("Yusnimar")
    phone.get_by_label("Alamat").fill("Jorong Koto Tuo")
    phone.get_by_label("Nomor telepon atau e-mail").fill("0812 6600 1234")
    phone.get_by_label("Informasi yang diminta").fill("Daftar kelompok tani penerima air bandar tahun ini.")
    phone.get_by_label("Tujuan penggunaan informasi").fill("Rapat kelompok tani.")
    phone.get_by_label("Melihat/membaca di kantor").check()
    phone.get_by_label("Diambil langsung").check()
    phone.get_by_role("button", name="Kirim permohonan").click()
    nomor = phone.locator("#nomor-permohonan").inner_text().strip()
    kode = phone.locator("#kode-permohonan").inner_text().strip()
    assert re.fullmatch(r"\d{3}/PPID/[IVXLC]+/\d{4}", nomor)
    deadline = tanggal_panjang(hari_kerja.tambah(today, hari_kerja.JAWAB,
                                                 {d for d, _, _ in hari_kerja.libur_bawaan()}))
    phone.get_by_role("link", name="halaman status permohonan").click()
    phone.get_by_label("Kode permohonan").fill(kode)
    phone.get_by_role("button", name="Lihat status").click()
    expect(phone.locator("#status-permohonan")).to_contain_text(deadline)
    assert "Yusnimar" not in phone.locator("body").inner_text()  # never the requester's name on a public page
    phone_context.close()

    # The PPID Desa sees it in the register with its deadline and the working days left.
    ppid = browser.new_page()
    ppid.set_default_timeout(15000)
    log_in(ppid, server.url, *PPID)
    ppid.goto(server.url + "/admin/ppid")
    entry = ppid.locator("#register-ppid tbody tr").filter(has_text=nomor)
    expect(entry).to_contain_text("Yusnimar")
    expect(entry).to_contain_text(deadline)
    expect(entry).to_contain_text("10 hari kerja")
    expect(entry).to_contain_text("Sedang diproses")

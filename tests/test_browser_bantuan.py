"""Issue 25 in a real Chromium: the operator creates a BLT Dana Desa program, writes a rule and sees the
candidates with their reasons, removes one with a reason and submits; the Wali Nagari approves. A recipient's death
is recorded in the register: the next stage flags that family while the first stage's frozen list stays as
approved, and the public list shows masked names and jorong only."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in, log_out

pytestmark = pytest.mark.browser
PROGRAM = "BLT Dana Desa Uji"


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "300", "--tanpa-surat")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def cycle_rows(page):
    return page.locator("#daftar-peserta tbody tr")


def test_blt_from_rule_to_approval_a_death_flagged_next_stage_and_the_public_list(browser, server):  # noqa: F811
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    office = browser.new_page()
    office.set_default_timeout(15000)
    log_in(office, server.url, "operator", "demo-balai")

    office.goto(server.url + "/admin/bantuan")
    office.get_by_role("link", name="Program baru").click()
    office.locator("#isian-nama").fill(PROGRAM)
    office.locator("#isian-sumber").select_option("blt_dd")
    office.locator("#isian-sasaran").select_option("keluarga")
    office.locator("#isian-status").select_option("aktif")
    office.locator("#isian-mulai").fill((today - timedelta(days=40)).isoformat())
    office.locator("#isian-nilai").fill("900.000")
    office.locator("input[name=publik]").check()
    office.locator("#isian-dasar_hukum").fill("Musyawarah nagari khusus penetapan KPM BLT Dana Desa")
    office.get_by_role("button", name="Simpan program").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text(PROGRAM)
    program_url = office.url

    # A rule: families of the poorest welfare class. The editor counts and shows reasons before saving.
    office.get_by_role("link", name="Atur aturan").click()
    office.locator("#isian-syarat-0-kolom").select_option("kelas_sosial")
    office.get_by_role("button", name="Periksa").click()
    office.get_by_label("Keluarga Pra Sejahtera", exact=True).check()
    office.get_by_role("button", name="Periksa").click()
    result = office.locator("#hasil-periksa")
    expect(result).to_contain_text(re.compile(r"Cocok dengan \d+ dari \d+ keluarga"))
    expect(result).to_contain_text("kelas sosial Keluarga Pra Sejahtera")
    office.get_by_role("button", name="Simpan aturan").click()
    expect(office.get_by_role("status").first).to_be_visible()

    office.goto(program_url)
    office.locator("#isian-periode_mulai").fill((today - timedelta(days=40)).isoformat())
    office.get_by_role("button", name="Buat siklus baru").click()
    rows = cycle_rows(office)
    expect(rows.first).to_contain_text("kelas sosial Keluarga Pra Sejahtera")
    listed = rows.count()
    assert listed >= 3
    first_stage = office.url

    # One family out by hand, with the reason the musyawarah gave.
    last = rows.last
    last.get_by_placeholder("Alasan").fill("Sudah menerima PKH menurut musyawarah nagari")
    last.get_by_role("button", name="Keluarkan").click()
    expect(office.get_by_role("status").first).to_be_visible()
    recipient = cycle_rows(office).first
    recipient_name = recipient.locator("td").first.locator("a").inner_text()
    recipient.locator("td").first.locator("a").click()
    office.get_by_role("link", name="Buka data penduduk di register").click()
    resident_url = office.url
    office.goto(first_stage)
    office.get_by_role("button", name="Ajukan untuk disetujui").click()
    expect(office.locator("#catatan-ajuan")).to_contain_text("menunggu persetujuan")
    # the operator who prepared the list has no approval button
    expect(office.get_by_role("button", name="Setujui dan bekukan")).to_have_count(0)
    log_out(office)

    log_in(office, server.url, "walinagari", "demo-balai")
    office.goto(first_stage)
    office.get_by_role("button", name="Setujui dan bekukan").click()
    expect(office.locator("#catatan-beku")).to_contain_text("walinagari")
    log_out(office)

    # The first recipient dies; the register records it.
    log_in(office, server.url, "operator", "demo-balai")
    office.goto(resident_url)
    office.get_by_role("link", name="Catat peristiwa").click()
    office.locator("select[name=jenis]").select_option("mati")
    office.get_by_role("button", name="Simpan").click()
    expect(office.get_by_role("status").filter(has_text="dicatat")).to_be_visible()

    office.goto(program_url)
    office.locator("#isian-nama").fill("Tahap 2")
    office.locator("#isian-periode_mulai").fill((today - timedelta(days=5)).isoformat())
    office.get_by_role("button", name="Buat siklus baru").click()
    flagged = cycle_rows(office).filter(has=office.locator(".bantuan-tanda"))
    expect(flagged).to_have_count(1)
    expect(flagged).to_contain_text("Meninggal")
    office.get_by_role("button", name="Ajukan untuk disetujui").click()
    expect(office.get_by_role("alert").first).to_contain_text("tanda")

    # Stage 1 stays as approved: the same recipient, unflagged, the removed family still removed with its reason.
    office.goto(first_stage)
    frozen = cycle_rows(office).filter(has_text=recipient_name)
    expect(frozen).to_have_count(1)
    expect(frozen.locator(".bantuan-tanda")).to_have_count(0)
    office.goto(first_stage + "?tampil=keluar")
    expect(office.locator("#daftar-peserta")).to_contain_text("Sudah menerima PKH menurut musyawarah nagari")

    # The public list: masked names and jorong, never a NIK or the removal reasons.
    visitor = browser.new_context().new_page()
    visitor.goto(server.url + "/bantuan")
    visitor.get_by_role("link", name=PROGRAM).click()
    body = visitor.locator("main")
    expect(body).to_contain_text(recipient_name.split()[0])
    if len(recipient_name.split()) > 1:
        expect(body).not_to_contain_text(recipient_name)  # masked: "Siti A."
    expect(body.locator("tbody tr")).to_have_count(listed - 1)  # the removed family is not announced
    expect(body).not_to_contain_text("PKH menurut musyawarah")
    expect(body).not_to_contain_text("kelas sosial")  # no reasons
    assert not re.search(r"\b\d{16}\b", body.inner_text()), "a NIK or No. KK on the public page"
    expect(body).to_contain_text("Musyawarah nagari khusus penetapan KPM BLT Dana Desa")

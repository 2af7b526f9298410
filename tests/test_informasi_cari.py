"""The office's search box finds regulations (by number or title) and incoming letters (by number, sender or subject,
or agenda number), each only for a user who may read its register (plugin `informasi_publik`, issue 23)."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from core.identity.users import create_user
from plugin_sdk.testing import login, post_form, run_sync
from plugins.informasi_publik import agenda, hukum
from tests.test_keuangan_ringkasan import permintaan
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

TAHUN = nagari_today().year - 1  # every date in it is in the past, whatever day the suite runs
KEMARIN = nagari_today() - timedelta(days=1)


def found(client, q: str) -> list[tuple[str, str, str]]:
    """(address, label, detail) of every result under informasi_publik's two headings."""
    page = client.get("/admin/cari", params={"q": q}).text
    rows = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>(?: <span class="muted">([^<]*)</span>)?</li>', page)
    return [(url, html.unescape(label), html.unescape(detail)) for url, label, detail in rows
            if url.startswith(("/admin/hukum/", "/produk-hukum/", "/admin/agenda/"))]


def peraturan(balai, nomor: int, judul: str, pokok: str = "", **lain) -> int:
    data = {"jenis": "perdes", "nomor": str(nomor), "tahun": str(TAHUN), "judul": judul, "pokok": pokok,
            "ditetapkan": f"{TAHUN}-01-{10 + nomor:02d}", **lain}
    return run_sync(hukum.simpan(permintaan(balai), data))


@pytest.fixture
def register(balai):
    pasar = peraturan(balai, 3, "Pengelolaan Pasar Nagari", "Retribusi los dan kebersihan pasar.")
    baru = peraturan(balai, 8, "Pencabutan Peraturan Pasar", "Pasar dikelola BUMNag.", mengubah_id=str(pasar),
                     tindakan="mencabut")
    surat = run_sync(agenda.catat_masuk(permintaan(balai), {
        "tanggal_terima": KEMARIN.isoformat(), "tanggal_surat": KEMARIN.isoformat(),
        "nomor_surat": "140/327/PMD-2026", "pengirim": "Dinas PMD Kabupaten Lima Puluh Kota",
        "isi": "Undangan bimbingan teknis pengelolaan pasar"}, hari_ini=nagari_today()))
    return {"pasar": pasar, "baru": baru, "surat": surat}


def sign_in_as(client, role: str) -> None:
    run_sync(create_user(f"u{role}", f"Pengguna {role}", "sandi-uji-cari-123", role))
    post_form(client, "/keluar")
    login(client, f"u{role}", "sandi-uji-cari-123")


def test_a_regulation_is_found_by_its_number_or_a_word_of_its_title_with_its_status(admin_client, register):
    pasar = (f"/admin/hukum/{register['pasar']}", f"Peraturan Nagari Nomor 3 Tahun {TAHUN} tentang Pengelolaan "
             "Pasar Nagari", "Dicabut")
    for q in (f"3/{TAHUN}", f"nomor 3 tahun {TAHUN}", "No. 3", "pengelolaan PASAR"):
        assert pasar in found(admin_client, q), q
    assert [r[0] for r in found(admin_client, "retribusi los")] == [pasar[0]]  # the subject is searched too
    assert [r[0] for r in found(admin_client, "nomor 8")] == [f"/admin/hukum/{register['baru']}"]
    assert found(admin_client, f"3/{TAHUN - 1}") == []
    both = {r[0] for r in found(admin_client, "pasar")}
    assert {f"/admin/hukum/{register['pasar']}", f"/admin/hukum/{register['baru']}",
            f"/admin/agenda/masuk/{register['surat']['id']}"} == both
    assert admin_client.get(pasar[0]).status_code == 200


def test_an_incoming_letter_is_found_by_number_sender_subject_or_agenda_number(admin_client, register):
    nomor = f"{register['surat']['nomor_agenda']}/{register['surat']['tahun']}"
    letter = (f"/admin/agenda/masuk/{register['surat']['id']}",
              "Dinas PMD Kabupaten Lima Puluh Kota: Undangan bimbingan teknis pengelolaan pasar",
              f"Agenda {nomor} · Nomor 140/327/PMD-2026")
    for q in ("327/PMD", "dinas pmd", "bimbingan teknis", nomor):
        assert letter in found(admin_client, q), q
    assert admin_client.get(letter[0]).status_code == 200
    assert found(admin_client, "surat yang tidak ada") == []


def test_a_reader_without_the_regulation_permission_gets_the_public_page(client, register):
    sign_in_as(client, "wali_nagari")  # informasi_publik.lihat, not .hukum
    results = found(client, "pasar")
    assert (f"/produk-hukum/perdes-{TAHUN}-3" in [r[0] for r in results]
            and f"/admin/agenda/masuk/{register['surat']['id']}" in [r[0] for r in results])
    assert not any(r[0].startswith("/admin/hukum/") for r in results)
    for url, _, _ in results:
        assert client.get(url).status_code == 200, url


def test_a_user_without_the_registers_permissions_finds_neither(client, register):
    sign_in_as(client, "kaur_keuangan")
    page = client.get("/admin/cari", params={"q": "pasar"})
    assert page.status_code == 200 and found(client, "pasar") == [] and found(client, "nomor 3") == []
    assert "Tidak ada yang cocok" in page.text


def test_many_regulations_leave_room_for_the_letters(admin_client, balai, register):
    for nomor in range(10, 22):
        peraturan(balai, nomor, f"Pungutan pasar ternak {nomor}")
    results = found(admin_client, "pasar")
    kinds = [r[0].split("/")[2] for r in results]
    assert len(results) == 10 and kinds.count("agenda") == 1 and kinds.count("hukum") == 9

"""Issue 27 in a real Chromium and real processes: a kabupaten hub (`balai serve --role hub`, PostgreSQL) and two
nagari servers (each its own SQLite database), enrolled and synced once. Nagari Taram's office records a birth,
publishes its month from the Satu Data page and presses "Sinkron sekarang"; at the hub the Diskominfo sees the
kabupaten total grow by exactly that one resident on the dashboard and, with nobody pressing anything at the hub (its
worker publishes changed months again on its own), in `package_show` / `datastore_search`; Solok Bio Bio's figures
and completeness stay as they were, and the completeness page shows that Taram sent the month again. Every figure is
read from the pages, before and after."""

from __future__ import annotations

import json
import re
import time
from datetime import date, datetime, timedelta, timezone

import httpx
import pytest
from playwright.sync_api import expect

from tests.sinkron_proses_bantu import HUB_LOGIN, basis_data_hub, kabupaten
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
A, B = "13.07.05.2001", "13.07.05.2002"  # Taram, which records the birth; Solok Bio Bio, which does nothing
KABUPATEN, KECAMATAN = "13.07", "13.07.05"
DATASET = "penduduk-menurut-jenis-kelamin"
DATASET_HUB = f"kabupaten-{DATASET}"
#: The hub's check for changed months runs every 2 minutes and the worker looks every minute: 3 at most, plus the job.
TUNGGU_HUB = 240


@pytest.fixture
def kab(tmp_path):
    # Taram runs its background worker (publishing from the Satu Data page is a job); Solok Bio Bio none, so
    # nothing of it moves unless someone acts. Different sizes: one nagari's figure cannot pass for the other's.
    with basis_data_hub() as url, kabupaten(tmp_path, url, penduduk={A: 150, B: 110}, pekerja=(A,)) as k:
        yield k


def hari_ini() -> date:
    """The nagari's day (WIB, as its servers count it): a birth recorded today counts in this month."""
    return datetime.now(timezone(timedelta(hours=7))).date()


def angka(teks: str) -> int:
    return int(teks.strip().replace(".", ""))


def jumlah_per_daerah(page, tabel: str) -> dict[str, int]:
    """The "Jumlah, L+P" line of a summed table on the hub's dataset page: place code -> figure."""
    sel = page.evaluate("""id => {
        for (const tr of document.querySelectorAll(`#${id} tbody tr`)) {
            const td = [...tr.querySelectorAll('td')];
            if (td[0].innerText.trim() === 'JUMLAH' && td.some(c => c.innerText.trim() === 'L+P'))
                return td.filter(c => c.dataset.daerah).map(c => [c.dataset.daerah, c.innerText]);
        }
        return null;
    }""", tabel)
    assert sel, f"no Jumlah L+P line in #{tabel}"
    return {kode: angka(teks) for kode, teks in sel}


def dasbor_hub(page, url: str, periode: str) -> dict[str, int]:
    """What the Diskominfo reads for the dataset: the overview's kabupaten figure, then the dataset's kabupaten,
    kecamatan and nagari (drill-down to Harau) figures."""
    page.goto(f"{url}/admin/hub/dasbor?periode={periode}")
    baris = page.locator(f"#dataset-{DATASET}")
    expect(baris).to_be_visible()
    ikhtisar = angka(baris.locator("td").nth(2).inner_text())
    baris.get_by_role("link").click()
    expect(page.locator("#tabel-kecamatan")).to_be_visible()
    page.locator("#pilih-kecamatan select[name=kecamatan]").select_option(KECAMATAN)
    page.locator("#pilih-kecamatan").get_by_role("button", name="Tampilkan nagari").click()
    expect(page.locator("#tabel-nagari")).to_be_visible()
    return {"ikhtisar": ikhtisar, **jumlah_per_daerah(page, "tabel-kecamatan"),
            **jumlah_per_daerah(page, "tabel-nagari")}


def kelengkapan_hub(page, url: str, bulan: str) -> dict[str, dict[str, tuple[str, str | None]]]:
    """Each nagari's row on the completeness page: dataset -> (state, moment received)."""
    page.goto(f"{url}/admin/hub/kelengkapan?bulan={bulan}")
    expect(page.locator("#tabel-nagari")).to_be_visible()
    return {kode: dict(page.locator(f"#nagari-{kode.replace('.', '-')} td[data-dataset]").evaluate_all(
        """tds => tds.map(td => [td.dataset.dataset, [td.className, td.querySelector('time')?.dateTime ?? null]])""")
    ) for kode in (A, B)}


def terbitkan_sekarang(page, url: str, nama: str, pesan: str | re.Pattern) -> None:
    """The office (or the hub's Diskominfo) presses "Terbitkan sekarang" and waits for the job to tell `nama`."""
    page.goto(url + "/admin/satu-data")
    page.get_by_role("button", name=re.compile(r"^Terbitkan sekarang \(\d+ dataset dipilih\)$")).click()
    expect(page.locator(f"#catatan-{nama}")).to_contain_text(pesan, timeout=90000)


def total_ckan(url: str, periode: str) -> tuple[dict, int]:
    """package_show of the hub's kabupaten dataset, and its kabupaten total for `periode` read through the
    resource package_show names (datastore_search), as a harvesting portal reads them."""
    with httpx.Client(base_url=url, timeout=30) as api:
        paket = api.get("/api/3/action/package_show", params={"id": DATASET_HUB}).json()["result"]
        cari = api.get("/api/3/action/datastore_search", params={
            "resource_id": paket["resources"][0]["id"], "filters": json.dumps({
                "periode": periode, "tingkat_daerah": "kabupaten", "kode": "JUMLAH", "jenis_kelamin": "L+P"})})
    [baris] = cari.json()["result"]["records"]
    return paket, int(baris["jumlah"])


def batch_diakui(page, url: str) -> int:
    """The number of batches the hub acknowledged, as the office's sync page counts them."""
    page.goto(url + "/admin/sinkron")
    teks = page.locator("#jumlah-batch").inner_text()
    return int(re.search(r"diakui: (\d+)", teks).group(1))


def catat_kelahiran(page, url: str, hari: str) -> None:
    """The office records a baby girl born today into the first family of its list (no NIK yet)."""
    page.goto(url + "/admin/keluarga")
    page.locator("#daftar-keluarga tbody tr").first.get_by_role("link").first.click()
    page.get_by_role("link", name="Tambah anggota").click()
    page.get_by_label("Jenis pencatatan").select_option(label="Lahir")
    page.get_by_label("Tanggal peristiwa", exact=True).fill(hari)
    page.locator("input[name=nik_sementara]").check()
    page.get_by_label("Nama lengkap").fill("Putri Sinkron")
    page.get_by_label("Jenis kelamin").select_option(label="Perempuan")
    page.get_by_label("Tempat lahir").fill("Taram")
    page.locator("input[name=tanggal_lahir]").fill(hari)
    page.get_by_label("Hubungan dalam keluarga").select_option(label="Anak")
    page.get_by_label("Agama").select_option(label="Islam")
    page.get_by_label("Status perkawinan").select_option(label="Belum Kawin")
    page.locator("select[name=pendidikan_kk]").select_option(label="Tidak / Belum Sekolah")
    page.get_by_label("Pekerjaan").select_option(label="Belum/Tidak Bekerja")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Putri Sinkron dicatat (lahir)")).to_be_visible()


def test_a_birth_in_one_nagari_reaches_the_kabupaten_total_and_nothing_else(browser, kab):  # noqa: F811
    hub, taram = kab.hub, kab.nagari[A]
    bulan = hari_ini().strftime("%Y-%m")
    diskominfo = browser.new_page()
    diskominfo.set_default_timeout(20000)
    log_in(diskominfo, hub.url, *HUB_LOGIN)
    kantor = browser.new_page()
    kantor.set_default_timeout(20000)
    log_in(kantor, taram.url, "admin", "demo-balai")

    # The Diskominfo publishes the kabupaten's population by sex as the hub's own open data.
    diskominfo.goto(hub.url + "/admin/satu-data")
    diskominfo.locator(f"#dataset-{DATASET_HUB} input[type=checkbox]").check()
    diskominfo.get_by_role("button", name="Simpan pilihan").click()
    expect(diskominfo.get_by_role("status").first).to_contain_text("1 dataset diterbitkan")
    # (the hub's own check may have published it a moment before: then the button finds the same figures)
    terbitkan_sekarang(diskominfo, hub.url, DATASET_HUB, re.compile("diterbitkan|sama dengan terbitan sebelumnya"))
    paket_awal, ckan_awal = total_ckan(hub.url, bulan)

    awal = dasbor_hub(diskominfo, hub.url, bulan)
    assert awal[KABUPATEN] == awal["ikhtisar"] == awal[KECAMATAN] == awal[A] + awal[B] == ckan_awal, awal
    lengkap_awal = kelengkapan_hub(diskominfo, hub.url, bulan)
    assert lengkap_awal[A][DATASET][1] and lengkap_awal[B][DATASET][1], lengkap_awal  # both sent the month once

    # Taram's office: the birth, the month published again, the sync button.
    diakui = batch_diakui(kantor, taram.url)
    catat_kelahiran(kantor, taram.url, hari_ini().isoformat())
    terbitkan_sekarang(kantor, taram.url, DATASET, f"Periode {bulan} direvisi")
    kantor.goto(taram.url + "/admin/sinkron")
    kantor.get_by_role("button", name="Sinkron sekarang").click()
    # (its worker may have sent the batch on its own schedule a moment before: then nothing is left to send)
    expect(kantor.get_by_role("status").first).to_contain_text(
        re.compile(r"diakui hub|Tidak ada yang perlu dikirim"), timeout=60000)
    expect(kantor.locator("#galat-sinkron")).to_have_count(0)
    assert batch_diakui(kantor, taram.url) > diakui
    expect(kantor.locator("#jumlah-batch")).to_contain_text("Tertunda: 0")

    # The hub: one more resident in Taram, the kecamatan and the kabupaten; Solok Bio Bio as it was.
    akhir = dasbor_hub(diskominfo, hub.url, bulan)
    assert akhir[A] == awal[A] + 1 and akhir[B] == awal[B], (awal, akhir)
    assert akhir[KABUPATEN] == akhir["ikhtisar"] == akhir[KECAMATAN] == awal[KABUPATEN] + 1, (awal, akhir)

    # Completeness: Taram sent the month again (every dataset it revised arrived later); Solok Bio Bio untouched.
    lengkap_akhir = kelengkapan_hub(diskominfo, hub.url, bulan)
    assert lengkap_akhir[B] == lengkap_awal[B]
    sebelum, sesudah = lengkap_awal[A][DATASET], lengkap_akhir[A][DATASET]
    assert sesudah[0] == sebelum[0] and datetime.fromisoformat(sesudah[1]) > datetime.fromisoformat(sebelum[1])

    # The hub's open data follows on its own, as a harvesting portal polls it: a revision with the new total.
    batas = time.monotonic() + TUNGGU_HUB
    while (akhir_ckan := total_ckan(hub.url, bulan))[1] == ckan_awal and time.monotonic() < batas:
        time.sleep(5)
    paket_akhir, ckan_akhir = akhir_ckan
    assert ckan_akhir == ckan_awal + 1 == akhir[KABUPATEN]
    versi = {e["key"]: e["value"] for e in paket_akhir["extras"]}["versi"]
    assert versi != {e["key"]: e["value"] for e in paket_awal["extras"]}["versi"]
    assert paket_akhir["metadata_modified"] > paket_awal["metadata_modified"]

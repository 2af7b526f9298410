"""The backup page reads plainly: its checkbox beside its words, units beside their fields, times in Indonesian."""

import re
from datetime import datetime, timedelta, timezone

from core.cadangan.buat import LAST_KEY
from core.plugin_host.settings import set_values
from plugin_sdk.testing import run_sync


def test_schedule_form_has_a_checkbox_label_and_plain_units(admin_client):
    page = admin_client.get("/admin/cadangan").text
    form = page.split('id="jadwal-cadangan"')[1].split("</form>")[0]
    assert re.search(r'<label class="centang"><input type="checkbox" name="aktif"[^>]*> Cadangan harian otomatis</label>',
                     form)
    for unit in ("WIB", "cadangan terakhir", "hari"):
        assert f'<span class="satuan">{unit}</span>' in form
    assert "<strong>" not in form and 'class="primary">Simpan jadwal' in form


def test_last_backup_and_listing_use_indonesian_dates(admin_client):
    when = datetime(2026, 12, 3, 19, 0, tzinfo=timezone.utc)  # 4 Desember 2026 02.00 WIB
    run_sync(set_values({LAST_KEY: {"waktu": when.isoformat(), "berkas": "x.balai", "ukuran": 2_500_000,
                                    "disandikan": False, "sumber": "jadwal"}}))
    page = admin_client.get("/admin/cadangan").text
    last = page.split('id="cadangan-terakhir"')[1].split("</section>")[0]
    assert "4 Desember 2026 pukul 02.00" in last and "2,4 MB" in last and "terjadwal" in last
    assert not re.search(r"\d\d-\d\d-\d{4}", last)
    assert '<div class="tabel-gulir">' in page.split('id="daftar-cadangan"')[1].split("</section>")[0]


def test_yesterday_is_said_as_kemarin(admin_client):
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    run_sync(set_values({LAST_KEY: {"waktu": yesterday.isoformat(), "berkas": "x.balai", "ukuran": 1,
                                    "disandikan": False, "sumber": "manual"}}))
    assert "(kemarin)" in admin_client.get("/admin/cadangan").text

"""In a real Chromium against `balai serve`: record a marriage between two residents and see both statuses change
and the new family holding both; list households and families; as a kepala jorong, see only that jorong's residents
and be refused another's."""

import os
import re
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PASSWORD = "sandi-kepala-jorong-1"
SCOPED_USER = """
import json
from core.cli.common import run
from core.identity.users import create_user
from core.tables import Pengguna, Peran

async def go(balai):
    role = (await Peran.insert(Peran(kode="kepala_jorong", nama="Kepala Jorong", izin=json.dumps(
        ["penduduk.lihat"]))).returning(Peran.id).run())[0]["id"]
    user = await create_user("kepala_jorong", "Kepala Jorong", {password!r}, role)
    await Pengguna.update({{Pengguna.wilayah_lingkup: {jorong}, Pengguna.wajib_ganti_sandi: False}}).where(
        Pengguna.id == user["id"]).run()

run(go)
"""


def _pick(db) -> dict:
    """Two unmarried adults of either sex in one jorong, a resident of another jorong, and the jorong's id."""
    rows = db.execute("""SELECT p.id, p.nama, p.nik, p.jenis_kelamin, p.tanggal_lahir, p.wilayah, w.induk, w.tingkat
                         FROM balai_penduduk p JOIN balai_wilayah w ON w.id = p.wilayah
                         WHERE p.status_dasar = 1 AND p.status_kawin = 1 ORDER BY p.id""").fetchall()
    places = {r[0]: r for r in db.execute("SELECT id, induk, tingkat FROM balai_wilayah")}

    def jorong(wid):
        while wid is not None and places[wid][2] != 1:
            wid = places[wid][1]
        return wid
    adults = [r for r in rows if date.fromisoformat(str(r[4])[:10]) < date(2000, 1, 1)]
    man = next(r for r in adults if r[3] == 1)
    woman = next(r for r in adults if r[3] == 2 and jorong(r[5]) == jorong(man[5]))
    other = next(r for r in rows if jorong(r[5]) != jorong(man[5]))
    return {"man": man, "woman": woman, "other": other, "jorong": jorong(man[5])}


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "300", "--tanpa-surat")
    with sqlite3.connect(tmp_path / "balai.sqlite") as db:
        chosen = _pick(db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env["BALAI_DATA_DIR"] = str(tmp_path)
    subprocess.run([sys.executable, "-c", SCOPED_USER.format(password=PASSWORD, jorong=chosen["jorong"])],
                   env=env, check=True, timeout=60)
    live = LiveServer(tmp_path)
    live.chosen = chosen
    yield live
    live.stop()


def test_marriage_households_families_and_a_kepala_jorong(browser, server):  # noqa: F811
    man, woman, other = server.chosen["man"], server.chosen["woman"], server.chosen["other"]
    page = browser.new_page()
    page.set_default_timeout(20000)
    log_in(page, server.url, "admin", "demo-balai")

    page.goto(f"{server.url}/admin/penduduk/{man[0]}")
    page.get_by_role("link", name="Catat perkawinan").click()
    page.get_by_label("NIK pasangan").fill(woman[2])
    page.get_by_label("Tanggal perkawinan").fill("2026-11-20")
    page.get_by_label("Nomor akta perkawinan / buku nikah").fill("1307/123/XI/2026")
    page.get_by_label("Tanggal akta").fill("2026-11-20")
    page.get_by_label("KK baru untuk pasangan ini").check()
    page.get_by_label("Suami", exact=True).check()
    page.get_by_label("Nomor KK baru belum terbit: buat nomor sementara").check()
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(rf".*/admin/penduduk/{man[0]}$"))
    assert "Kawin Tercatat" in page.locator("main").inner_text()
    page.goto(f"{server.url}/admin/penduduk/{woman[0]}")
    detail = page.locator("main").inner_text()
    assert "Kawin Tercatat" in detail
    page.locator("main a[href^='/admin/keluarga/']").first.click()  # her (new) family card
    family = page.locator("main").inner_text()
    assert man[1] in family and woman[1] in family

    page.goto(f"{server.url}/admin/keluarga")
    assert page.locator("main table tbody tr").count() > 10
    page.goto(f"{server.url}/admin/rumah-tangga")
    assert page.locator("main table tbody tr").count() > 5

    page.context.clear_cookies()
    log_in(page, server.url, "kepala_jorong", PASSWORD)
    page.goto(f"{server.url}/admin/penduduk?q={man[1]}")
    assert man[1] in page.locator("main").inner_text()
    page.goto(f"{server.url}/admin/penduduk?q={other[1]}")
    assert page.locator(f"main a[href='/admin/penduduk/{other[0]}']").count() == 0  # the other jorong's resident
    answer = page.goto(f"{server.url}/admin/penduduk/{other[0]}")
    assert answer.status == 404 and other[1] not in page.locator("body").inner_text()
    api = page.request.get(f"{server.url}/api/v1/penduduk?q={other[1].split()[0]}").json()
    assert all(r["id"] != other[0] for r in api["data"])
    mine = page.goto(f"{server.url}/admin/penduduk/{man[0]}")
    assert mine.status == 200

"""What clerks and the public see of a letter: plain words after issuing, a check page that reads on a phone."""

import re

from core.identity.users import create_user
from plugin_sdk.testing import login, run_sync
from tests.surat_helpers import demo_nagari, issue, letters, living_resident


def test_clerk_sees_plain_words_and_only_administrators_the_technical_details(admin_client, balai):
    demo_nagari(balai)
    issue(admin_client, "domisili", living_resident()["id"], isian_sejak="2015")
    [letter] = letters()
    as_admin = admin_client.get(f"/admin/surat/{letter['id']}").text
    assert "Surat sah dan tercatat" in as_admin
    technical = as_admin.split('id="rincian-teknis"')[1].split("</details>")[0]
    assert "Rincian teknis" in technical and letter["sha256"] in technical and letter["kunci_id"] in technical
    assert as_admin.count(letter["sha256"]) == 1  # nowhere else on the page
    run_sync(create_user("opr", "Operator Uji", "rahasia-opr-1", "operator"))
    admin_client.cookies.clear()
    login(admin_client, "opr", "rahasia-opr-1")
    as_clerk = admin_client.get(f"/admin/surat/{letter['id']}").text
    assert "Surat sah dan tercatat" in as_clerk and "Unduh PDF" in as_clerk
    shown = re.sub(r"<[^>]+>", " ", as_clerk)  # what the clerk reads (the QR link's address carries the key id)
    for word in ("SHA-256", letter["sha256"], "Rincian teknis", letter["kunci_id"]):
        assert word not in shown


def test_public_check_wraps_long_numbers_and_shows_a_clear_verdict(admin_client, balai, client):
    demo_nagari(balai)
    person = living_resident()
    issue(admin_client, "domisili", person["id"], isian_sejak="2015")
    [letter] = letters()
    admin_client.cookies.clear()
    page = client.get(f"/cek-surat/{letter['token']}").text
    assert '<link rel="stylesheet" href="/static/surat/cek.css">' in page
    assert re.search(r'class="hasil-cek sah"[^>]*><strong class="lencana">SAH</strong>', page)
    assert re.search(r'<td class="bungkus" id="cek-nomor">' + re.escape(letter["nomor"]), page)
    assert person["nik"] not in page and person["nama"] not in page  # the name is masked
    css = client.get("/static/surat/cek.css")
    assert css.status_code == 200 and ".bungkus { overflow-wrap: anywhere" in css.text
    assert 'style="' not in page.split("<main")[1]  # strict CSP: no inline styles
    missing = client.get("/cek-surat/tidak-ada-surat-ini")
    assert missing.status_code == 404 and 'class="hasil-cek tidak-sah"' in missing.text

"""Stored and reflected XSS, walked: every form of every page, core and plugins, gets a payload in every text field
(and a number past every integer column in every number field).

The walk finds the forms by reading the pages the app serves (so a new plugin's forms are covered without
touching this file), submits each with the payload in every free-text field, and then reads every page
again: the payload must come back escaped everywhere, in the form's own answer and on every page it reaches.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from plugin_sdk.testing import csrf_headers
from tests.keamanan_helpers import Forms, app_pages, walk
from tests.surat_helpers import demo_nagari, issue, living_resident

MARK = "xss7q"
HUGE = "9" * 25  # past every integer column: a number field must answer with a message, not a 500
PAYLOAD = f'"><script>{MARK}()</script><img src=x onerror={MARK}()>'
RAW = re.compile(rf"<script>{MARK}|<img src=x onerror={MARK}", re.I)
# Forms that end the session or the data the walk depends on: their handling is covered by their own tests.
SKIP_ACTIONS = ("/keluar", "/admin/plugin", "/admin/cadangan", "/hapus", "/batal", "/nonaktif", "/akun/2fa",
                "/admin/pengguna/", "/sandi", "/pulih", "/reset")


@pytest.fixture
def balai_plugins():
    return ["adat"]


def test_every_text_field_of_every_form_comes_back_escaped(balai, balai_app, admin_client):
    demo_nagari(balai, residents=10)
    issue(admin_client, "domisili", living_resident()["id"])
    pages = walk(admin_client, app_pages(balai_app))
    submitted, reflected = 0, []
    for url, html in list(pages.items()):
        parser = Forms()
        parser.feed(html)
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            if not (form["text"] or form["numbers"]) or any(s in action for s in SKIP_ACTIONS):
                continue
            data = {k: (PAYLOAD if k in form["text"] else HUGE if k in form["numbers"] else v)
                    for k, v in form["fields"].items() if v is not None}
            data.pop("_csrf_token", None)
            response = admin_client.post(action, data=data, headers=csrf_headers(admin_client),
                                         files={"_": ("", b"")} if form["multipart"] else None,
                                         follow_redirects=True)
            submitted += 1
            assert response.status_code < 500, f"{action}: {response.status_code}"
            if RAW.search(response.text):
                reflected.append(action)
    assert submitted >= 10, "the walk found too few forms to prove anything"
    assert not reflected, f"payload unescaped in the answer of: {reflected}"
    stored = [url for url, html in walk(admin_client, app_pages(balai_app)).items() if RAW.search(html)]
    assert not stored, f"payload unescaped on: {stored}"
    assert f"&lt;script&gt;{MARK}" in "".join(walk(admin_client, app_pages(balai_app)).values()), \
        "no payload was stored anywhere: the walk proved nothing"

"""Stored and reflected XSS, walked: every form of every page, core and plugins, gets a payload in every text field.

The walk finds the forms by reading the pages the app serves (so a new plugin's forms are covered without
touching this file), submits each with the payload in every free-text field, and then reads every page
again: the payload must come back escaped everywhere, in the form's own answer and on every page it reaches.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from plugin_sdk.testing import csrf_headers
from tests.surat_helpers import demo_nagari, issue, living_resident

MARK = "xss7q"
PAYLOAD = f'"><script>{MARK}()</script><img src=x onerror={MARK}()>'
RAW = re.compile(rf"<script>{MARK}|<img src=x onerror={MARK}", re.I)
MAX_PAGES = 300
# Forms that end the session or the data the walk depends on: their handling is covered by their own tests.
SKIP_ACTIONS = ("/keluar", "/admin/plugin", "/admin/cadangan", "/hapus", "/batal", "/nonaktif", "/akun/2fa",
                "/admin/pengguna/", "/sandi", "/pulih", "/reset")
FREE_TEXT = {"text", "search", "email", "url", "tel", ""}


class Forms(HTMLParser):
    """The POST forms of a page: action and the fields a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}, "text": set(),
                          "multipart": "multipart" in (a.get("enctype") or "")}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].setdefault(a["name"], None)
            elif kind not in ("file", "submit", "button", "image"):
                self._form["fields"][a["name"]] = a.get("value") or ""
                if kind in FREE_TEXT:
                    self._form["text"].add(a["name"])
        elif tag == "textarea":
            self._form["fields"][a["name"]] = ""
            self._form["text"].add(a["name"])
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and self._form["fields"].get(self._select) in (None, ""):
            self._form["fields"][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def admin_pages(app) -> list[str]:
    """Every GET page of the app, with 1 for an integer path parameter; string parameters are reached by links."""
    pages = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if "GET" in handler.http_methods and not route.path.startswith(("/static", "/api/docs")):
                path = re.sub(r"\{\w+:int\}", "1", route.path)
                if "{" not in path:
                    pages.append(path)
    return sorted(set(pages))


def walk(client, seeds: list[str]) -> dict[str, str]:
    """URL -> HTML of every page reachable from the seeds (bounded); links into files are not followed."""
    seen: dict[str, str] = {}
    queue = list(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or url.startswith("/keluar"):
            continue
        response = client.get(url, follow_redirects=True)
        kind = response.headers.get("content-type", "")
        seen[url] = response.text if "html" in kind else ""  # JSON is data (served as such, nosniff), not markup
        if "html" in kind:
            for link in re.findall(r'href="([^"#]+)"', response.text):
                parts = urlsplit(urljoin(url, link))
                if parts.netloc in ("", "testserver.local") and not parts.path.startswith("/static"):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


@pytest.fixture
def balai_plugins():
    return ["adat"]


def test_every_text_field_of_every_form_comes_back_escaped(balai, balai_app, admin_client):
    demo_nagari(balai, residents=10)
    issue(admin_client, "domisili", living_resident()["id"])
    pages = walk(admin_client, admin_pages(balai_app))
    submitted, reflected = 0, []
    for url, html in list(pages.items()):
        parser = Forms()
        parser.feed(html)
        for form in parser.forms:
            action = urljoin(url, form["action"] or url)
            if not form["text"] or any(s in action for s in SKIP_ACTIONS):
                continue
            data = {k: (PAYLOAD if k in form["text"] else v) for k, v in form["fields"].items() if v is not None}
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
    stored = [url for url, html in walk(admin_client, admin_pages(balai_app)).items() if RAW.search(html)]
    assert not stored, f"payload unescaped on: {stored}"
    assert f"&lt;script&gt;{MARK}" in "".join(walk(admin_client, admin_pages(balai_app)).values()), \
        "no payload was stored anywhere: the walk proved nothing"

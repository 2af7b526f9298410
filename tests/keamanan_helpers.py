"""Shared by the security suites: the app's pages and the forms on them, found by reading what the app serves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MAX_PAGES = 300
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
            self._form = {"action": a.get("action") or "", "fields": {}, "text": set(), "numbers": set(), "files": set(),
                          "multipart": "multipart" in (a.get("enctype") or "")}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["fields"].setdefault(a["name"], None)
            elif kind == "file":
                self._form["files"].add(a["name"])
            elif kind not in ("submit", "button", "image"):
                self._form["fields"][a["name"]] = a.get("value") or ""
                if kind in FREE_TEXT:
                    self._form["text"].add(a["name"])
                elif kind == "number":
                    self._form["numbers"].add(a["name"])
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


def app_pages(app) -> list[str]:
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

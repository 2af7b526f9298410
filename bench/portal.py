"""The public website's home page (issue 21, plugin `portal`) on the 20,000-resident demo.

The demo site gets the portal's demo content (plugins/portal/publik/contoh.py: news with cover pictures,
announcements, agenda, the greeting and pages) and a nagari photo stored the way the profile form stores an
editor's upload, so `/` is the full home page with its photo, news and statistics blocks (checked before measuring:
a block that fails is left out of the page, which would otherwise make a lighter page look like a faster one).
Figures: the first-load weight of `/` (the HTML and every stylesheet, picture, script and font it loads, as a
browser with an empty cache would fetch them; CSS `url(...)`s followed), single requests and throughput with
CONNECTIONS connections and one worker, served from the page cache, and the same with the page cache switched off
(`BALAI_PORTAL_TANPA_CACHE=1`: every view built afresh; statistik's own per-register-version figures stay cached).

    python -m bench --portal            # about 2 minutes
    python -m bench.portal isi          # (internal) fill the demo site in BALAI_DATA_DIR with the content
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from bench.cases import MEASUREMENT_ERRORS, Page, latency_figure, throughput, throughput_figure, latency
from bench.client import BenchError, request
from bench.report import Figure
from bench.server import DemoSite, Server, ServerStartError

HOME = Page("portal_home", "portal home page (full: news, agenda, statistics)", "/", False, 20, 154, 1000, 10.4)
WEIGHT_TARGET_KB = 150
WARMUP = 30
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Assets(HTMLParser):
    """What a browser fetches for a page: stylesheets, scripts, pictures (src, or the srcset candidate a phone
    picks: the first), icons and preloads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "").lower() in ("stylesheet", "icon", "preload", "shortcut icon"):
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img", "source") and (a.get("src") or a.get("srcset")):
            self.urls.append(a.get("src") or a["srcset"].split(",")[0].split()[0])


def first_load(port: int, path: str = "/") -> dict:
    """Bytes a browser with an empty cache downloads for `path`: {"html": n, "assets": {url: n}, "total": n}."""
    status, _, body, _ = request(port, "GET", path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}")
    parser = _Assets()
    parser.feed(body.decode("utf-8", "replace"))
    queue, sizes = [urljoin(path, u) for u in parser.urls if u], {}
    while queue:
        url = queue.pop(0)
        if url in sizes or urlsplit(url).netloc:
            continue  # an absolute URL to another host would be a failure of its own (no CDN): not counted here
        status, headers, payload, _ = request(port, "GET", url)
        if status != 200:
            raise BenchError(f"GET {url} (loaded by {path}) answered {status}")
        sizes[url] = len(payload)
        if "css" in headers.get("content-type", ""):
            queue += [urljoin(url, u) for u in CSS_URL.findall(payload.decode("utf-8", "replace"))
                      if not u.startswith("data:")]
    return {"html": len(body), "assets": sizes, "total": len(body) + sum(sizes.values())}


def weight_figure(port: int) -> Figure:
    fig = Figure("portal_bobot_kb", "portal home: first-load weight (HTML + CSS + images + fonts)", "KB", False,
                 target=WEIGHT_TARGET_KB)
    loaded = first_load(port)
    fig.samples.append(loaded["total"] / 1024)
    fig.details.update(html_bytes=loaded["html"], assets=loaded["assets"],
                       how="uncompressed bytes of / and everything it loads, as with an empty browser cache")
    return fig


# What `/` must hold to be the full home page: the nagari photo (640 px on a phone), a news block with news in it,
# and statistik's block (blok-<key> wraps a block only when it rendered something; see publik/beranda.py).
HOME_PARTS = {"the nagari photo": b'src="/berkas/foto-nagari?lebar=640', "the news block": b'class="blok blok-berita"',
              "a news item": b'<h3><a href="/artikel/', "the statistics block": b'class="blok blok-statistik"',
              "statistik's figures": b'class="statistik-blok"'}


def check_home(port: int) -> None:
    """The page measured is the full home page; otherwise the run stops with what is missing."""
    status, _, body, _ = request(port, "GET", "/")
    missing = [name for name, marker in HOME_PARTS.items() if marker not in body]
    if status != 200 or missing:
        raise ServerStartError(f"GET / answered {status} without {', '.join(missing) or 'error'}: not the full "
                               "home page (a failing block is left out; see the server log)")


def fill(site: DemoSite) -> None:
    done = subprocess.run([sys.executable, "-m", "bench.portal", "isi"], env=site.env(), capture_output=True,
                          text=True, timeout=300)
    if done.returncode != 0:
        raise ServerStartError(f"bench.portal isi failed: {done.stderr.strip()[-800:]}")


def _measure_home(server: Server, generator, plan: dict, progress, suffix: str, label: str) -> list[Figure]:
    page = replace(HOME, key=HOME.key + suffix, label=HOME.label + label)
    if suffix:  # the uncached page is reported beside the cached one; the targets belong to the cached one
        page = replace(page, ms_target=None, rps_target=0.0)
    times, rate = latency_figure(page), throughput_figure(page)
    rate.target = page.rps_target or None
    for _ in range(WARMUP):
        request(server.port, "GET", page.path)
    latency(times, server, page, None, plan["batches"], plan["per_batch"], progress)
    results = throughput(rate, server, generator, page, None, plan["load_runs"], plan["load_seconds"],
                         plan["warmup_seconds"], progress)
    bad = sum(r.non2xx + r.socket_errors for r in results)
    if bad:
        rate.error = f"{bad} non-2xx answers or socket errors under load"
    return [times, rate]


def measure(generator, plan: dict, progress, residents: int = 20000) -> list[Figure]:
    site = DemoSite()
    figures: list[Figure] = []
    try:
        progress(f"[portal] building the demo site ({residents:,} residents) in {site.data_dir}")
        site.build(residents)
        fill(site)
        with Server(site) as server:
            if "portal" not in (server.health.get("plugin_aktif") or []):
                raise ServerStartError("the portal plugin is not enabled on the demo site")
            check_home(server.port)
            figures.append(weight_figure(server.port))
            progress(f"[portal] first load: {figures[-1].value:.1f} KB")
            figures += _measure_home(server, generator, plan, progress, "", "")
        with Server(site, env={"BALAI_PORTAL_TANPA_CACHE": "1"}) as server:
            check_home(server.port)
            figures += _measure_home(server, generator, plan, progress, "_tanpa_cache", " without the page cache")
        return figures
    except ServerStartError as exc:
        failed = Figure("portal_server", "portal: demo site or server", "ms", False, None)
        failed.error = str(exc)
        return [*figures, failed]
    except MEASUREMENT_ERRORS as exc:
        failed = Figure("portal_pages", "portal pages", "ms", False, None)
        failed.error = f"{type(exc).__name__}: {exc}"
        return [*figures, failed]
    finally:
        site.remove()


async def _nagari_photo(balai) -> None:
    """A nagari photo as the profile form stores an editor's upload (same checks, widths and crop), when the demo
    has none: the home page shows it at 640 px on a phone, so its weight belongs in the figure."""
    if balai.profile().get("foto"):
        return
    from core.db.transaction import write_transaction
    from core.files_gambar import save_photo
    from core.web.profil_pages import PHOTO_FOLDER, PHOTO_TALLEST, PHOTO_WIDTHS
    from core.web.publik_versi import public_changed
    from plugins.portal.publik.contoh import picture

    stored = save_photo(balai.settings.data_dir, PHOTO_FOLDER, picture(0xF0_70), PHOTO_WIDTHS, False, PHOTO_TALLEST)
    async with write_transaction():
        await balai.save_profile({"foto": stored.stem, "foto_lebar": stored.lebar, "foto_tinggi": stored.tinggi})
        await public_changed()


async def _fill(balai) -> bool:
    from core.web.app import create_app
    from plugins.portal.publik.contoh import make_demo_content

    made = await make_demo_content(create_app(balai))
    await _nagari_photo(balai)
    return made


if __name__ == "__main__":
    if sys.argv[1:] == ["isi"]:
        from core.cli.common import run

        run(_fill)
    else:
        sys.exit("usage: python -m bench --portal")

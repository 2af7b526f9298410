"""Every office page on every screen: each GET route's sample page, in a real Chromium, at 390 px and 1366 px.

Pages come from the app's routes, not the menu: a GET route without path parameters is its own sample, a route with
them names one (opt ``contoh``, ``plugin_sdk.page_sample``) or says why it is not a page (``bukan_halaman``,
``plugin_sdk.not_a_page``); static files and the API docs Litestar mounts are recognised by themselves. On each page,
at both widths: nothing wider than the screen, no primary button covered or under 44 px tall, no serious or
critical axe-core finding, and a <title> that begins with the page's <h1>. All findings of a run are listed
together at the end.

Runs on SQLite only, on the demo nagari (``balai demo``) with the example plugin ``adat`` enabled; staff pages as the
demo admin, the residents' realm as the demo resident, public pages anonymous. With BALAI_GAMBAR_DOKS=1 it writes
the docs' screenshots into docs/id/gambar/ (otherwise into pytest's tmp folder).

CI time: about 1.5 minutes on 2 cores (measured on 2 cores: 72 s for this file, of which 51 s in the browser for
45 pages x 2 widths, axe-core about 0.5 s of each; the rest is the demo nagari and the server starting).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from tests.live import DEMO_LOGIN, LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the fixture: Debian Chromium, skipped locally, required in CI)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = ((390, 844), (1366, 768))
DEMO_RESIDENT_PIN = "258036"  # balai_demo/cli.py DEMO_PIN; the NIK is read from `balai demo`'s output
SCREENSHOTS = {  # the docs' main pages: route (parameter types left out) -> file name stem
    "/admin": "dasbor", "/admin/penduduk": "penduduk-daftar", "/admin/penduduk/{penduduk_id}": "penduduk-rinci",
    "/admin/keluarga/{keluarga_id}": "keluarga", "/admin/surat": "surat-daftar", "/admin/surat/buat": "surat-buat",
    "/warga": "warga-beranda", "/admin/cadangan": "cadangan", "/admin/impor": "impor",
}
FIX = "tambahkan opt contoh=... atau bukan_halaman=... (plugin_sdk.page_sample / not_a_page)"

# Run in the demo's environment: every GET route of the app as JSON (path, opt keys that matter, where it lives).
ROUTES_SCRIPT = """
import json
from core.web.app import create_app
app, out = create_app(), []
for route in app.routes:
    for h in getattr(route, "route_handlers", []):
        if "GET" not in (h.http_methods or ()):
            continue
        fn = getattr(h.fn, "__wrapped__", h.fn)
        module = getattr(fn, "__module__", "") or ""
        auto = ""
        if module.startswith("litestar.static_files") or (h.name or "").startswith("static:"):
            auto = "berkas statis"
        elif module.startswith("litestar._openapi"):
            auto = "dokumentasi API"
        out.append({"path": route.path, "module": module, "contoh": h.opt.get("contoh"),
                     "bukan_halaman": h.opt.get("bukan_halaman") or auto, "public": bool(h.opt.get("public")),
                     "realm": h.opt.get("realm") is not None})
print(json.dumps(out))
"""

# In the page: what sticks out past the right edge, which primary buttons are covered, the <title> and the <h1>.
CHECK_JS = """
() => {
  const vw = window.innerWidth;
  const describe = (el) => {
    if (!el || el.nodeType !== 1) return String(el);
    let s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
    if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\\s+/).join('.');
    const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const result = {scrollWidth: document.documentElement.scrollWidth, vw, wide: [], covered: [],
                  title: document.title.replace(/\\s+/g, ' ').trim(), h1: null};
  const h1 = document.querySelector('h1');
  if (h1) result.h1 = h1.textContent.replace(/\\s+/g, ' ').trim();
  if (result.scrollWidth > vw) {
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width || r.right <= vw + 1 || clipped(el)) continue;
      const p = el.parentElement.getBoundingClientRect();
      if (p.right <= vw + 1) culprits.push({el: describe(el), right: Math.round(r.right)});
    }
    culprits.sort((a, b) => b.right - a.right);
    result.wide = culprits.slice(0, 4);
  }
  const selector = 'button.primary, [type=submit].primary, a.primary, .tombol, .tombol-utama';
  for (const b of document.querySelectorAll(selector)) {
    // not shown (closed <details>, hidden): nothing to press, so nothing to cover
    if (!b.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) continue;
    b.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
    const r = b.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (x < 0 || x > vw || y < 0 || y > window.innerHeight) result.covered.push(`${describe(b)} di luar layar`);
    else if (!hit || !(hit === b || b.contains(hit))) result.covered.push(`${describe(b)} tertutup ${describe(hit)}`);
    // a finger needs 44 px (WCAG 2.5.5): a primary button lower than that is hard to hit on a phone
    if (r.height < 43.5) result.covered.push(`${describe(b)} hanya ${Math.round(r.height)} px tinggi (minimal 44)`);
  }
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});
  return result;
}
"""

AXE_JS = """
async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
    more: Math.max(0, v.nodes.length - 4)}));
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One demo data folder, one server, the app's GET routes and the demo resident's NIK."""
    data = tmp_path_factory.mktemp("layar")
    demo = balai_cli(data, "demo", "--no-serve")
    balai_cli(data, "plugins", "enable", "adat")
    balai_cli(data, "adat-contoh")  # suku, kaum, penghulu and tanah ulayat, so adat's sample pages open
    nik = re.search(r"NIK (\d{16})", demo.stdout)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env["BALAI_DATA_DIR"] = str(data)
    listed = subprocess.run([sys.executable, "-c", ROUTES_SCRIPT], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    live = LiveServer(data)
    yield {"url": live.url, "routes": json.loads(listed.stdout.strip().splitlines()[-1]),
           "nik": nik.group(1) if nik else None}
    live.stop()


def _context(browser, site):  # noqa: F811
    return browser.new_context(bypass_csp=True, viewport={"width": WIDTHS[-1][0], "height": WIDTHS[-1][1]},
                               base_url=site["url"], locale="id-ID")


def _login_staff(ctx) -> None:
    page = ctx.new_page()
    page.goto("/masuk")
    page.get_by_label("Nama pengguna").fill(DEMO_LOGIN[0])
    page.get_by_label("Kata sandi").fill(DEMO_LOGIN[1])
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/admin")
    page.close()


def _login_resident(ctx, nik: str) -> None:
    page = ctx.new_page()
    page.goto("/warga/masuk")
    page.locator("input[name=nik]").fill(nik)
    page.locator("input[name=pin]").fill(DEMO_RESIDENT_PIN)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/warga/?$"))
    page.close()


def _start_job(ctx) -> str:
    """A real background job (an export) whose progress page stands for /admin/tugas/{kode}."""
    token = next(c["value"] for c in ctx.cookies() if c["name"] == "balai_csrf")
    answer = ctx.request.post("/admin/ekspor", form={"format": "balai-csv"}, headers={"x-csrftoken": token},
                              max_redirects=0)
    location = answer.headers.get("location", "")
    assert answer.status in (302, 303) and "/admin/tugas/" in location, (answer.status, location)
    return location.rsplit("/", 1)[1]


def _realm(route: dict) -> str:
    return "anonim" if route["public"] else "warga" if route["realm"] else "staf"


def _samples(routes: list[dict], placeholders: dict[str, str], problems) -> dict[str, tuple[str, str]]:
    """Sample URL -> (realm, screenshot name) for every page route; a route without a usable sample is a finding."""
    pages = {}
    for route in sorted(routes, key=lambda r: r["path"]):
        if route["bukan_halaman"]:
            continue
        where = f"GET {route['path']} ({route['module']})"
        sample = route["contoh"] or (route["path"] if "{" not in route["path"] else None)
        if sample is None:
            problems["Rute tanpa contoh"].add(f"{where}: tidak punya contoh; {FIX}")
            continue
        sample = sample.format_map(defaultdict(lambda: "{?}", placeholders)) if "{" in sample else sample
        if "{" in sample:
            problems["Rute tanpa contoh"].add(f"{where}: contoh {route['contoh']} memakai isian yang tidak dikenal")
            continue
        shot = SCREENSHOTS.get(re.sub(r":[^}]*}", "}", route["path"]), "")
        pages.setdefault(sample, (_realm(route), shot))
    return pages


def _answer(ctxs: dict, realm: str, url: str):
    """The realm the sample opens in (a realm's own login page opens only without its session) and the answer."""
    answer = ctxs[realm].request.get(url, max_redirects=0)
    if answer.status in (301, 302, 303, 307) and realm != "anonim":
        anonymous = ctxs["anonim"].request.get(url, max_redirects=0)
        if anonymous.status == 200:
            return "anonim", anonymous
    return realm, answer


def _check_page(page, url: str, width: int, first: bool, shot: Path | None, problems) -> None:
    found = problems[url]
    response = page.goto(url, wait_until="load")
    if response is None or response.status >= 400:
        found.add(f"[{width}] menjawab {response.status if response else 'tidak ada jawaban'}")
        return
    if shot is not None:
        page.screenshot(path=str(shot))
    seen = page.evaluate(CHECK_JS)
    if seen["scrollWidth"] > seen["vw"]:
        culprits = "; ".join(f"{w['el']} (tepi kanan {w['right']} px)" for w in seen["wide"]) or "tidak terlacak"
        found.add(f"[{width}] lebih lebar dari layar: {seen['scrollWidth']} px > {seen['vw']} px; penyebab: {culprits}")
    for covered in seen["covered"]:
        found.add(f"[{width}] tombol utama {covered}")
    if first:
        if not seen["h1"]:
            found.add("tidak ada <h1>")
        elif not seen["title"].startswith(seen["h1"]):
            found.add(f"<title> \"{seen['title']}\" tidak diawali <h1> \"{seen['h1']}\"")
    page.add_script_tag(path=str(AXE))
    for v in page.evaluate(AXE_JS):
        more = f" (+{v['more']} lagi)" if v["more"] else ""
        found.add(f"[{width}] axe {v['impact']} {v['id']}: {v['help']}: {', '.join(v['targets'])}{more}")


def _report(problems: dict[str, set[str]], realms: dict[str, str]) -> str:
    lines = []
    for key in sorted(problems, key=lambda k: (k != "Rute tanpa contoh", k)):
        if problems[key]:
            lines.append(f"{key}" + (f" ({realms[key]})" if key in realms else ""))
            lines += [f"  - {p}" for p in sorted(problems[key])]
    return "\n".join(lines)


def test_every_page_fits_390_and_1366_px_with_no_covered_button_or_serious_axe_finding(browser, site, tmp_path):  # noqa: F811
    started = time.monotonic()
    assert site["nik"], "balai demo tidak lagi mencetak NIK warga demo"
    shots = ROOT / "docs" / "id" / "gambar" if os.environ.get("BALAI_GAMBAR_DOKS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    problems: dict[str, set[str]] = defaultdict(set)
    ctxs = {realm: _context(browser, site) for realm in ("staf", "warga", "anonim")}
    try:
        _login_staff(ctxs["staf"])
        _login_resident(ctxs["warga"], site["nik"])
        pages = _samples(site["routes"], {"tugas": _start_job(ctxs["staf"])}, problems)
        realms, names = {}, {}
        for url, (realm, shot) in pages.items():
            realm, answer = _answer(ctxs, realm, url)
            kind = answer.headers.get("content-type", "")
            if answer.status >= 300:
                where = answer.headers.get("location", "")
                problems[url].add(f"contoh menjawab {answer.status}" + (f" (dialihkan ke {where})" if where else ""))
            elif not kind.startswith("text/html"):
                problems[url].add(f"contoh menjawab {kind or 'tanpa jenis'}, bukan halaman; {FIX}")
            else:
                realms[url], names[url] = realm, shot
        tabs = {realm: ctx.new_page() for realm, ctx in ctxs.items()}
        for i, (width, height) in enumerate(WIDTHS):
            for tab in tabs.values():
                tab.set_viewport_size({"width": width, "height": height})
            for url, realm in realms.items():
                shot = shots / f"{names[url]}-{width}.png" if names[url] else None
                _check_page(tabs[realm], url, width, i == 0, shot, problems)
    finally:
        for ctx in ctxs.values():
            ctx.close()
    elapsed = time.monotonic() - started
    print(f"\n{len(realms)} halaman x {len(WIDTHS)} lebar dalam {elapsed:.0f} detik; gambar di {shots}", file=sys.stderr)
    report = _report(problems, realms)
    assert not report, f"Temuan di layar kantor ({sum(map(len, problems.values()))}):\n{report}"

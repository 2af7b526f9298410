"""Privacy scan: every public page and download, of a demo with every plugin enabled, shows no one's data.

UU 27/2022 and UU Adminduk art. 84: a public page shows aggregates only, never a NIK, a KK number, a
birth date or a resident's name. The crawl starts from every public route the running app has (so a
new plugin's public pages are scanned without touching this file), follows every same-site link and
asset, and reads HTML, JSON, CSV, XLSX and PDF text alike.

One exception, declared by the page itself: a list the law requires to be announced (the recipients of
a program such as BLT Dana Desa, plugin `bantuan`) may show names. Its route says so in its opt
(`daftar_nama_publik`: the legal reason); names are allowed on exactly those pages, while NIK, No. KK
and birth dates are still checked there, and the same names on any other page are still a leak.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

import pytest

from core.dokumen.teks import tanggal_panjang
from core.penduduk.tables import Keluarga, Penduduk
from core.tables import Perangkat
from plugin_sdk import public_changed
from plugin_sdk.testing import run_sync
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan
from plugins.surat import segel
from tests.bantuan_helpers import balai_entry_points  # noqa: F401  (bantuan's pages are crawled too)
from tests.surat_helpers import demo_nagari, issue, letters, living_resident
from core.profil.waktu import today as nagari_today

MAX_PAGES = 400  # bounded crawl: the public site of a demo has a few dozen addresses
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""", re.I)
TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg")
NAMES_BY_LAW = "daftar_nama_publik"  # route opt: this public page shows names because a law requires it


@pytest.fixture
def balai_plugins(balai_entry_points):
    from core.plugin_host.host import PluginHost

    return [record.name for record in PluginHost(eps=balai_entry_points).discover().loaded()]


def public_routes(app) -> list[str]:
    """Every GET route open to an anonymous visitor, without path parameters."""
    paths = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if "GET" in handler.http_methods and (handler.opt.get("public") or handler.opt.get("warga_publik")):
                if "{" not in route.path and not route.path.startswith("/static"):
                    paths.append(route.path)
    return sorted(set(paths))


def as_text(response) -> str:
    """What a visitor can read in the response, whatever its type."""
    kind = response.headers.get("content-type", "")
    body = response.content
    if "pdf" in kind or body[:5] == b"%PDF-":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheet" in kind or body[:2] == b"PK":
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(body))
        return "\n".join(" ".join(str(c) for c in row) for name in book.sheet_names
                         for row in book.get_sheet_by_name(name).to_python())
    if any(t in kind for t in TEXT_TYPES) or "csv" in kind:
        return response.text
    return ""  # images and fonts carry no text a visitor reads


def names_by_law(app, url: str) -> str:
    """The legal reason the route answering `url` gives for showing residents' names, or "" (every other page)."""
    try:
        handler = app.asgi_router.handle_routing(path=urlsplit(url).path, method="GET")[1]
    except Exception:  # no route answers it (a 404): nothing is declared
        return ""
    return str(handler.opt.get(NAMES_BY_LAW) or "") if handler.opt.get("public") else ""


def date_forms(day: date) -> list[str]:
    return [day.isoformat(), f"{day.day:02d}-{day.month:02d}-{day.year}", f"{day.day:02d}/{day.month:02d}/{day.year}",
            tanggal_panjang(day)]


def crawl(client, seeds: list[str]) -> dict[str, str]:
    """URL -> readable text of every page reachable from the seeds on this site, anonymously."""
    seen: dict[str, str] = {}
    queue = list(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url, follow_redirects=True)
        seen[url] = as_text(response) if response.status_code < 400 else ""
        if "html" not in response.headers.get("content-type", ""):
            continue
        for link in LINK.findall(response.text):
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver.local") or parts.scheme not in ("", "http"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen and not path.startswith(("/keluar", "/admin")):
                queue.append(path)
    return seen


def secrets() -> tuple[set[str], set[str], dict[str, str]]:
    """What no public page may show: (NIKs and No. KKs, residents' full names lowercased, birth date forms ->
    whose)."""
    people = run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir, Penduduk.nik_ibu,
                                      Penduduk.nik_ayah, Penduduk.nama_ibu).run())
    officials = {r["nama"].lower() for r in run_sync(Perangkat.select(Perangkat.nama).run())}
    numbers = {p["nik"] for p in people} | {p[k] for p in people for k in ("nik_ibu", "nik_ayah") if p[k]}
    numbers |= {r["no_kk"] for r in run_sync(Keluarga.select(Keluarga.no_kk).run())}
    names = {p["nama"].lower() for p in people if len(p["nama"].split()) > 1} - officials
    names |= {p["nama_ibu"].lower() for p in people if len(p["nama_ibu"].split()) > 1}
    recent = nagari_today() - timedelta(days=366)  # a newborn's date could be today's letter date
    births = {form: p["nama"] for p in people if p["tanggal_lahir"] < recent for form in date_forms(p["tanggal_lahir"])}
    return numbers, names, births


def find_leaks(app, pages: dict[str, str], numbers: set[str], names: set[str], births: dict[str, str]) -> list[str]:
    """Every NIK, No. KK, name and birth date on the pages; names only where the route does not declare them."""
    leaks = []
    for url, content in pages.items():
        low = content.lower()
        leaks += [f"{url}: NIK/No. KK {n}" for n in re.findall(r"\d{16}", content) if n in numbers]
        if not names_by_law(app, url):
            leaks += [f"{url}: nama {name}" for name in names if name in low]
        leaks += [f"{url}: tanggal lahir {form} ({who})" for form, who in births.items() if form in content]
    return leaks


def announced_aid_lists(residents: int = 8) -> tuple[int, int, list[dict]]:
    """Two programs announcing their approved list (plugin bantuan): one masked, one with full names as its legal
    basis requires. Each entry's frozen data holds what the office knows (NIK, No. KK, address, birth date, reason):
    none of it may reach a page. Returns (masked program id, full-names program id, the residents listed)."""
    people = run_sync(Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir,
                                      Penduduk.keluarga.no_kk.as_alias("no_kk")).where(
        Penduduk.status_dasar == 1).order_by(Penduduk.id).run())
    people = [p for p in people if len(p["nama"].split()) > 1][:residents]
    ids = []
    for nama, utuh in (("BLT Dana Desa", False), ("Bantuan Langsung Tunai Kabupaten", True)):
        program = run_sync(ProgramBantuan.insert(ProgramBantuan(
            nama=nama, sumber="blt_dd", sasaran="penduduk", mulai=date(2026, 1, 1), status="aktif", publik=True,
            nama_utuh=utuh, dasar_hukum="Peraturan yang mewajibkan daftar penerima diumumkan")).returning(
            ProgramBantuan.id).run())[0]["id"]
        siklus = run_sync(SiklusBantuan.insert(SiklusBantuan(
            program=program, nomor=1, nama="Tahap 1", periode_mulai=date(2026, 1, 1), status="disetujui",
            disetujui=datetime(2026, 2, 1, tzinfo=timezone.utc))).returning(SiklusBantuan.id).run())[0]["id"]
        for p in people:
            data = {"nama": p["nama"], "nik": p["nik"], "no_kk": p["no_kk"], "jorong": "Koto",
                    "alamat": "Jalan Pasar No. 3", "tanggal_lahir": p["tanggal_lahir"].isoformat()}
            run_sync(PesertaBantuan.insert(PesertaBantuan(
                siklus=siklus, kunci=f"p:{p['id']}", penduduk=p["id"], data=json.dumps(data), asal="manual",
                alasan=f"NIK {p['nik']}, lahir {p['tanggal_lahir'].isoformat()}")).run())
        ids.append(program)
    run_sync(public_changed())
    return ids[0], ids[1], people


def test_no_public_page_or_download_shows_a_persons_data(balai, balai_app, admin_client):
    demo_nagari(balai, residents=60)
    issue(admin_client, "domisili", living_resident()["id"])
    letter = letters()[-1]
    _masked, full, listed = announced_aid_lists()
    admin_client.post("/keluar", headers={"x-csrftoken": admin_client.cookies.get("balai_csrf", "")})
    admin_client.cookies.clear()

    numbers, names, births = secrets()
    seeds = public_routes(balai_app) + [
        f"/cek-surat/{letter['token']}?s={segel.b64(letter['tanda_data'])}"]  # what a letter's QR opens
    pages = crawl(admin_client, seeds)
    assert len(pages) >= len(seeds)
    leaks = find_leaks(balai_app, pages, numbers, names, births)
    assert not leaks, "\n".join(leaks[:20])
    # The scan must have read the letter check page, or it proves nothing about it.
    assert any(url.startswith("/cek-surat/") and "SAH" in text for url, text in pages.items())
    # ... and the announced aid list with its full names: the exemption was used, and only there.
    assert listed[0]["nama"] in pages.get(f"/bantuan/{full}", "")
    assert sorted(url for url in pages if names_by_law(balai_app, url)) == sorted(
        url for url in pages if url.startswith("/bantuan/"))


def test_names_allowed_on_a_declared_page_are_still_caught_anywhere_else(balai, balai_app, client):
    demo_nagari(balai, residents=30)
    _masked, full, listed = announced_aid_lists(residents=5)
    numbers, names, births = secrets()
    url = f"/bantuan/{full}"
    shown = client.get(url).text
    assert listed[0]["nama"] in shown and names_by_law(balai_app, url)

    assert find_leaks(balai_app, {url: shown}, numbers, names, births) == []
    elsewhere = find_leaks(balai_app, {"/bantuan": shown, "/berita": shown}, numbers, names, births)
    assert f"/bantuan: nama {listed[0]['nama'].lower()}" in elsewhere
    assert f"/berita: nama {listed[0]['nama'].lower()}" in elsewhere
    # On the declared page a NIK or a birth date is still a leak.
    adult = next(p for p in listed if p["tanggal_lahir"] < nagari_today() - timedelta(days=366))
    nik, born = adult["nik"], adult["tanggal_lahir"].isoformat()
    declared = find_leaks(balai_app, {url: f"{shown} {nik} {born}"}, numbers, names, births)
    assert f"{url}: NIK/No. KK {nik}" in declared and any(line.startswith(f"{url}: tanggal lahir {born}")
                                                          for line in declared)

"""The public website (plugin `portal`, issue 21): home, articles, pages, feed, sitemap, comments, privacy."""

from __future__ import annotations

import re
from xml.etree import ElementTree
from datetime import datetime, timedelta, timezone

import pytest

from core.penduduk.tables import Keluarga, Penduduk
from core.tables import Perangkat
from plugin_sdk import public_changed, write_transaction
from plugin_sdk.testing import run_sync
from core.web import cache_publik
from plugins.portal.publik import beranda, cache, komentar
from plugins.portal.tables import (DRAF, JADWAL, TAMPIL, TERBIT, Artikel, BlokBeranda, Halaman, Kategori, Komentar,
                                   MenuPortal)
from tests.surat_helpers import demo_nagari


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    cache.CACHE.clear()
    monkeypatch.setattr(komentar, "_salt", [])
    yield
    cache.CACHE.clear()


def write(*rows, **kwargs) -> list[dict]:
    """Insert rows the way the editors' admin does: in a write transaction that moves the public version."""
    async def go():
        async with write_transaction():
            made = []
            for row in rows:
                made += await type(row).insert(row).run()
            await public_changed()
            return made
    return run_sync(go)


def article(judul: str, jenis: str = "berita", status: str = TERBIT, hours: float = -1, **fields) -> Artikel:
    slug = re.sub(r"[^a-z0-9]+", "-", judul.lower()).strip("-")
    return Artikel(judul=judul, slug=slug, jenis=jenis, status=status, ringkasan=fields.pop("ringkasan", ""),
                   isi=fields.pop("isi", f"<p>Isi {judul}.</p>"),
                   terbit_pada=datetime.now(timezone.utc) + timedelta(hours=hours), **fields)


def test_published_article_shows_on_the_next_view_drafts_and_scheduled_never(client, balai):
    home = client.get("/")
    assert home.status_code == 200 and "Belum ada berita" in home.text
    write(article("Gotong royong di Jorong Koto"), article("Rencana rahasia", status=DRAF),
          article("Pengumuman besok", jenis="pengumuman", status=JADWAL, hours=+5))
    home = client.get("/")
    assert "Gotong royong di Jorong Koto" in home.text
    for url in ("/", "/berita", "/pengumuman", "/artikel", "/feed.xml", "/sitemap.xml"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Rencana rahasia" not in page.text and "rencana-rahasia" not in page.text, url
        assert "Pengumuman besok" not in page.text and "pengumuman-besok" not in page.text, url
    assert client.get("/artikel/gotong-royong-di-jorong-koto").status_code == 200
    assert client.get("/artikel/rencana-rahasia").status_code == 404
    assert client.get("/artikel/pengumuman-besok").status_code == 404
    # Unpublishing is a change too: the next view no longer has it.
    run_sync(lambda: _set_status("gotong-royong-di-jorong-koto", DRAF))
    assert "Gotong royong" not in client.get("/").text
    assert client.get("/artikel/gotong-royong-di-jorong-koto").status_code == 404


def test_a_scheduled_article_appears_and_a_started_agenda_leaves_by_time_alone(client, balai, monkeypatch):
    from plugins.portal import api

    write(article("Jadwal posyandu", status=JADWAL, hours=+2),
          article("Rapat jorong", jenis="agenda", agenda_mulai=datetime.now(timezone.utc) + timedelta(hours=1)))
    home = client.get("/").text
    assert "Jadwal posyandu" not in home and "Rapat jorong" in home
    later = datetime.now(timezone.utc) + timedelta(hours=3)  # nobody writes anything: only the clock moves
    monkeypatch.setattr(api, "_now", lambda: later)
    monkeypatch.setattr(cache_publik, "_wall", lambda: later.timestamp())
    home = client.get("/").text
    assert "Jadwal posyandu" in home and "Rapat jorong" not in home


async def _set_status(slug: str, status: str) -> None:
    async with write_transaction():
        await Artikel.update({Artikel.status: status}).where(Artikel.slug == slug).run()
        await public_changed()


def test_article_page_dates_agenda_cover_and_open_graph(client, balai):
    run_sync(balai.save_profile({"zona_waktu": "WIB"}))
    moment = datetime(2026, 12, 4, 23, 30, tzinfo=timezone.utc)  # already 5 December in WIB
    kat = write(Kategori(nama="Pertanian", slug="pertanian", urutan=1))[0]["id"]
    write(Artikel(judul="Musyawarah nagari", slug="musyawarah", jenis="agenda", status=TERBIT, terbit_pada=moment,
                  agenda_mulai=moment + timedelta(days=10), agenda_tempat="Balai Adat", kategori=kat,
                  sampul="a" * 32 + ".webp", isi="<p>Semua warga diundang.</p>"))
    page = client.get("/artikel/musyawarah")
    assert page.status_code == 200
    assert "5 Desember 2026" in page.text and "15 Desember 2026, pukul 06.30 WIB" in page.text
    assert "Balai Adat" in page.text
    assert f'srcset="/portal/gambar/{"a" * 32}-480.webp 480w, /portal/gambar/{"a" * 32}.webp 1600w"' in page.text
    assert '<meta property="og:type" content="article">' in page.text
    assert '<meta property="og:title" content="Musyawarah nagari">' in page.text
    assert f'<meta property="og:image" content="http://testserver.local/portal/gambar/{"a" * 32}.webp">' in page.text
    assert "<title>Musyawarah nagari" in page.text
    listed = client.get("/kategori/pertanian")
    assert listed.status_code == 200 and "Musyawarah nagari" in listed.text


def test_cached_pages_send_no_cookie_and_a_repeat_view_is_304(client, balai):
    write(article("Panen raya"), Halaman(judul="Sejarah", slug="sejarah", isi="<p>Dahulu kala.</p>"))
    for url in ("/", "/beranda", "/berita", "/artikel/panen-raya", "/halaman/sejarah", "/struktur", "/kontak",
                "/feed.xml", "/sitemap.xml", "/robots.txt", "/artikel/tidak-ada"):
        client.cookies.clear()
        first = client.get(url)
        assert "set-cookie" not in first.headers, url
        if first.status_code == 200:
            again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
            assert again.status_code == 304 and again.content == b"", url
    client.cookies.clear()
    form = client.get("/portal/komentar/panen-raya")  # the uncached form is where the CSRF cookie comes from
    assert "balai_csrf=" in form.headers.get("set-cookie", "") and "balai_sesi" not in form.headers["set-cookie"]


def test_unknown_addresses_are_the_themes_404(client, balai):
    for url in ("/artikel/tidak-ada", "/halaman/tidak-ada", "/kategori/tidak-ada", "/berita?halaman=9",
                "/portal/komentar/tidak-ada"):
        page = client.get(url)
        assert page.status_code == 404, url
        assert "Halaman tidak ditemukan" in page.text and 'href="/static/tema/' in page.text, url


def test_feed_sitemap_and_robots_use_absolute_addresses(client, balai):
    write(article("Bantuan benih padi", ringkasan="Benih untuk kelompok tani."),
          article("Libur kantor", jenis="pengumuman"), article("Draf lama", status=DRAF),
          Halaman(judul="Visi misi", slug="visi-misi"), Halaman(judul="Belum siap", slug="belum", terbit=False))
    feed = client.get("/feed.xml")
    assert feed.headers["content-type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(feed.content).find("channel")  # well-formed, RSS 2.0
    assert [i.findtext("title") for i in channel.findall("item")] == ["Libur kantor", "Bantuan benih padi"]
    assert "<link>http://testserver.local/artikel/bantuan-benih-padi</link>" in feed.text
    assert "Benih untuk kelompok tani." in feed.text and "Libur kantor" in feed.text and "Draf lama" not in feed.text
    sitemap = client.get("/sitemap.xml").text
    for path in ("/", "/artikel/bantuan-benih-padi", "/halaman/visi-misi", "/statistik", "/statistik/agama"):
        assert f"<loc>http://testserver.local{path}</loc>" in sitemap, path
    assert "draf-lama" not in sitemap and "/halaman/belum" not in sitemap
    page_id = run_sync(Halaman.select(Halaman.id).where(Halaman.slug == "visi-misi").first().run())["id"]
    write(MenuPortal(label="Visi dan misi", halaman=page_id, urutan=1), MenuPortal(label="Data", tautan="/statistik"))
    nav = client.get("/berita").text.split('aria-label="Menu utama"')[1].split("</nav>")[0]
    assert 'href="/halaman/visi-misi"' in nav and "Visi dan misi" in nav and 'href="/berita"' in nav
    robots = client.get("/robots.txt").text
    assert "Disallow: /admin" in robots and "Disallow: /masuk" in robots
    assert "Sitemap: http://testserver.local/sitemap.xml" in robots


def test_home_blocks_follow_the_editors_order_and_a_broken_block_is_left_out(client, balai, monkeypatch, caplog):
    demo_nagari(balai, residents=30)
    write(article("Berita pertama"), article("Rapat pemuda", jenis="agenda", agenda_mulai=datetime.now(
        timezone.utc) + timedelta(days=3), agenda_tempat="Surau"),
          Halaman(judul="Sambutan Wali Nagari", slug="sambutan", isi="<p>Selamat datang, dunsanak.</p>"))
    home = client.get("/").text
    order = [home.index(marker) for marker in ("Selamat datang, dunsanak", "Berita pertama", "Rapat pemuda",
                                               "Penduduk dalam angka")]
    assert order == sorted(order)
    assert "Datuak Rajo Mangkuto" in home  # the serving head signs the greeting
    write(BlokBeranda(kunci="statistik", urutan=1, tampil=True), BlokBeranda(kunci="sambutan", urutan=2, tampil=False))
    home = client.get("/").text
    assert "Selamat datang, dunsanak" not in home
    assert home.index("Penduduk dalam angka") < home.index("Berita pertama")

    async def broken(request):
        raise RuntimeError("blok rusak")
    working = beranda.statistics_context
    monkeypatch.setattr(beranda, "statistics_context", broken)
    write(Kategori(nama="Apa saja", slug="apa-saja"))  # any change: the home page is built again
    home = client.get("/")
    assert home.status_code == 200 and "Berita pertama" in home.text and "Penduduk dalam angka" not in home.text
    assert "blok beranda 'statistik' gagal" in caplog.text
    monkeypatch.setattr(beranda, "statistics_context", working)
    run_sync(balai.disable("buku_administrasi"))  # it needs statistik
    run_sync(balai.disable("statistik"))  # the portal only enhances statistik: without it, no figures, no error
    home = client.get("/")
    assert home.status_code == 200 and "Berita pertama" in home.text and "Penduduk dalam angka" not in home.text


def test_stored_html_is_cleaned_again_on_every_public_page(client, balai):
    """Defence in depth: HTML that reached the database uncleaned (an import, an older version, a hand edit) still
    runs nowhere: the home page's greeting, a static page and an article are cleaned again when shown."""
    raw = ('<p>Selamat datang, dunsanak.</p><script>window.__xss=1</script><img src=x onerror="window.__xss=1">'
           '<a href="javascript:window.__xss=1">tautan</a>')
    write(Halaman(judul="Sambutan", slug="sambutan", isi=raw), Halaman(judul="Sejarah", slug="sejarah", isi=raw),
          article("Berita mentah", isi=raw))
    for url in ("/", "/halaman/sambutan", "/halaman/sejarah", "/artikel/berita-mentah"):
        shown = client.get(url).text
        assert "Selamat datang, dunsanak." in shown, url
        assert "__xss" not in shown and "onerror" not in shown and "javascript:" not in shown, url


def test_home_shows_one_cover_less_beside_the_nagari_photo(client, balai):
    """Page weight (<= 150 KB): the nagari photo at 640 px takes the place of one news cover."""
    write(*[article(f"Berita {i}", sampul=f"{i:032x}.webp", hours=-i - 1) for i in range(3)])
    assert client.get("/").text.count('class="sampul-kecil"') == beranda.COVERS_ON_HOME
    run_sync(balai.save_profile({"foto": "f" * 32, "foto_lebar": 1600, "foto_tinggi": 1000}))
    write(Kategori(nama="Apa saja", slug="apa-saja"))  # any change: the home page is built again
    home = client.get("/").text
    assert "/berkas/foto-nagari?lebar=640" in home
    assert home.count('class="sampul-kecil"') == beranda.COVERS_ON_HOME - 1


def test_without_the_portal_the_core_home_answers(admin_client, balai):
    assert "blok-beranda" in admin_client.get("/").text
    run_sync(balai.disable("portal"))
    home = admin_client.get("/")
    assert home.status_code == 200 and "blok-beranda" not in home.text
    assert admin_client.get("/berita").status_code == 404


def test_comments_wait_for_moderation_are_throttled_and_shown_as_plain_text(client, balai):
    write(article("Jalan baru", komentar_dibuka=True), article("Tertutup"))
    assert client.get("/portal/komentar/tertutup").status_code == 404
    assert "Tulis komentar" in client.get("/artikel/jalan-baru").text
    token = _token(client, "/portal/komentar/jalan-baru")
    send = lambda **data: client.post("/portal/komentar/jalan-baru", data={"_csrf_token": token, **data})  # noqa: E731
    too_long = send(nama="Uni Sari", isi="x" * 2001)
    assert too_long.status_code == 400 and "paling panjang 2.000 huruf" in too_long.text
    assert "x" * 2001 in too_long.text  # what was typed stays in the form
    payload = '<script>window.__xss=1</script><img src=x onerror=alert(1)>'
    sent = send(nama="Uni Sari", isi=f"Alhamdulillah. {payload}")
    assert sent.status_code == 200 and "akan tampil setelah diperiksa" in sent.text
    assert payload not in client.get("/artikel/jalan-baru").text  # waiting: not shown
    for i in range(komentar.PER_HOUR - 1):
        assert send(nama="Uni Sari", isi=f"Komentar {i}").status_code == 200
    throttled = send(nama="Uni Sari", isi="Satu lagi")
    assert throttled.status_code == 429 and "dalam satu jam terakhir" in throttled.text
    rows = run_sync(Komentar.select().order_by(Komentar.id).run())
    assert len(rows) == komentar.PER_HOUR and {r["status"] for r in rows} == {"tunggu"}
    assert all(len(r["sidik"]) == 64 and "testclient" not in r["sidik"] for r in rows)
    assert not client.post("/portal/komentar/jalan-baru", data={"nama": "A", "isi": "B"}).status_code == 200  # no CSRF
    run_sync(lambda: _approve(rows[0]["id"]))
    shown = client.get("/artikel/jalan-baru").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in shown and payload not in shown


def _token(client, url: str) -> str:
    client.get(url)
    return client.cookies.get("balai_csrf")


async def _approve(comment_id: int) -> None:
    async with write_transaction():
        await Komentar.update({Komentar.status: TAMPIL}).where(Komentar.id == comment_id).run()
        await public_changed()


def test_no_portal_page_shows_a_persons_data(balai, balai_app, client):
    """The privacy crawl of tests/test_keamanan_privasi.py, over a site with articles, pages and comments."""
    from tests.test_keamanan_privasi import crawl, public_routes

    demo_nagari(balai, residents=40)
    write(article("Posyandu bulan ini", komentar_dibuka=True), article("Agenda rapat", jenis="agenda"),
          Halaman(judul="Sejarah nagari", slug="sejarah"), Halaman(judul="Sambutan", slug="sambutan"))
    people = run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama).run())
    kk = {r["no_kk"] for r in run_sync(Keluarga.select(Keluarga.no_kk).run())}
    officials = run_sync(Perangkat.select(Perangkat.nama, Perangkat.nip).run())
    listed = re.findall(r"<loc>http://testserver\.local(/[^<]*)</loc>", client.get("/sitemap.xml").text)
    pages = crawl(client, public_routes(balai_app) + listed)  # the sitemap names pages no menu links to
    portal = [u for u in pages if u.startswith(("/artikel/", "/halaman/", "/berita", "/struktur", "/kontak"))]
    assert "/artikel/posyandu-bulan-ini" in pages and "/halaman/sejarah" in pages and "/struktur" in pages, portal
    assert "Datuak Rajo Mangkuto" in pages["/struktur"]  # officials are public by office...
    for url, text in pages.items():
        for n in re.findall(r"\d{16}", text):
            assert n not in kk and n not in {p["nik"] for p in people}, url
        assert not any(o["nip"] and o["nip"] in text for o in officials), url  # ...their NIP is not
        low = text.lower()
        assert not [p["nama"] for p in people if len(p["nama"].split()) > 1 and p["nama"].lower() in low], url

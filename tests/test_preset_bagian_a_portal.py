"""The `portal` section of a preset (issue 29): the demo's section puts news with cover pictures, announcements, an
upcoming agenda, pages and the menu on the public website; the pilot's richer site too; a broken file is refused
naming its file and entry with nothing written (not even a picture row); the export holds the site's structure and
no article or comment, and applied to an emptied site gives the same structure (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from core.preset.mesin import bagian_plugin
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import post_form, preset_konteks, run_sync, terapkan_bagian
from core.web import cache_publik
from plugins.portal.publik import cache
from plugins.portal.tables import Artikel, BlokBeranda, Gambar, Halaman, Kategori, Komentar, MenuPortal

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "balai_demo" / "preset" / "portal"
PILOT = ROOT / "examples" / "nagari-percontohan" / "portal"
TABLES = (MenuPortal, Komentar, Artikel, Halaman, Kategori, Gambar, BlokBeranda)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    cache.CACHE.clear()
    yield
    cache.CACHE.clear()


def konteks(balai) -> KonteksPreset:
    return preset_konteks(balai, DEMO.parent)


def terapkan(balai, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: found through the hook, in one write transaction."""
    return terapkan_bagian(balai, "portal", folder, konteks(balai))


def struktur() -> dict:
    async def go():
        pages = await Halaman.select(Halaman.id, Halaman.judul, Halaman.slug, Halaman.isi, Halaman.terbit).order_by(
            Halaman.id).run()
        slug = {p["id"]: p["slug"] for p in pages}
        menu = await MenuPortal.select().order_by(MenuPortal.urutan).run()
        return {"kategori": await Kategori.select(Kategori.nama, Kategori.slug, Kategori.urutan).order_by(
                    Kategori.urutan).run(),
                "halaman": [{k: v for k, v in p.items() if k != "id"} for p in pages],
                "menu": [(m["label"], slug.get(m["halaman"]), m["tautan"]) for m in menu],
                "beranda": await BlokBeranda.select(BlokBeranda.kunci, BlokBeranda.tampil).order_by(
                    BlokBeranda.urutan).run()}

    return run_sync(go)


def test_the_demo_site_shows_news_pictures_announcements_agenda_pages_and_menu(balai, client):
    k = terapkan(balai, DEMO)
    assert "portal: 12 artikel, 4 halaman, 3 menu" in k.catatan
    home = client.get("/")
    assert home.status_code == 200
    assert "Panen raya padi di Jorong Koto Tuo" in home.text and "Pemutakhiran data penduduk" in home.text
    assert "/portal/gambar/" in home.text  # the covers
    cover = run_sync(Artikel.select(Artikel.sampul).where(Artikel.slug == "panen-raya-padi-di-jorong-koto-tuo")
                     .first().run())["sampul"]
    assert client.get(f"/portal/gambar/{cover}").headers["content-type"] == "image/webp"
    assert run_sync(Gambar.count().run()) == 3  # three drawn pictures shared by six news items
    agenda = client.get("/agenda")
    assert "Lomba pacu jawi tingkat nagari" in agenda.text and "Sawah Jorong Padang Laweh" in agenda.text
    start = run_sync(Artikel.select(Artikel.agenda_mulai).where(Artikel.jenis == "agenda").order_by(
        Artikel.agenda_mulai).first().run())["agenda_mulai"]
    assert start.date() > k.hari_ini  # still to come when the room opens
    sejarah = client.get("/halaman/sejarah")
    assert sejarah.status_code == 200 and "mata air yang tidak pernah kering" in sejarah.text
    assert 'href="/halaman/visi-misi"' in home.text  # the menu
    news = client.get("/berita")
    order = [news.text.index(t) for t in ("Panen raya padi", "Posyandu balita", "Musyawarah perencanaan")]
    assert order == sorted(order)  # newest first, as the file's days say


def test_the_pilot_site_has_its_pages_menu_and_news(balai, client):
    terapkan(balai, PILOT)
    data = tomllib.loads((PILOT / "artikel.toml").read_text())
    situs = tomllib.loads((PILOT / "situs.toml").read_text())
    home = client.get("/")
    assert home.status_code == 200
    first = next(a for a in data["artikel"] if a["jenis"] == "berita" and a.get("status", "terbit") == "terbit")
    assert first["judul"] in client.get("/berita").text
    for menu in situs["menu"]:
        assert menu["label"] in home.text
    for page in situs["halaman"]:
        assert client.get(f"/halaman/{page['slug']}").status_code == 200
    drafts = [a for a in data["artikel"] if a.get("status") == "draf"]
    for draft in drafts:  # a draft waits for the trainee editor: not on the public site
        assert draft["judul"] not in client.get("/artikel").text


@pytest.mark.parametrize(("berkas", "ubah", "pesan"), [
    ("artikel.toml", ('kategori = "pertanian"', 'kategori = "perikanan"'),
     "portal/artikel.toml [[artikel]] ke-1: kategori 'perikanan' tidak ada"),
    ("artikel.toml", ('sampul = "lanskap-1"', 'sampul = "lanskap-9"'), "sampul 'lanskap-9' tidak ada di [[gambar]]"),
    ("artikel.toml", ("mulai_hari = 3", 'mulai_hari = "besok"'), "agenda perlu mulai_hari"),
    ("situs.toml", ('halaman = "geografi"', 'halaman = "geologi"'),
     "portal/situs.toml [[menu]] ke-3: halaman 'geologi' tidak ada"),
    ("situs.toml", ('halaman = "geografi"', 'tautan = "https://contoh.id"'), "tautan di dalam situs"),
    ("situs.toml", ("[[halaman]]", "[[halaman]]\njudul = 7\n[[halamanx]]"), "bagian tidak dikenal: halamanx"),
])
def test_a_broken_file_is_refused_naming_it_and_nothing_is_written(balai, tmp_path, berkas, ubah, pesan):
    folder = shutil.copytree(DEMO, tmp_path / "portal")
    path = folder / berkas
    assert ubah[0] in path.read_text()
    path.write_text(path.read_text().replace(ubah[0], ubah[1], 1))
    with pytest.raises(ValueError) as refused:
        terapkan(balai, folder)
    assert pesan in str(refused.value)
    assert [run_sync(t.count().run()) for t in TABLES] == [0] * len(TABLES)


def test_a_picture_that_is_not_one_is_refused(balai, tmp_path):
    folder = shutil.copytree(DEMO, tmp_path / "portal")
    (folder / "gambar").mkdir()
    (folder / "gambar" / "sawah.jpg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    text = (folder / "artikel.toml").read_text()
    (folder / "artikel.toml").write_text(text.replace("lukisan = 0", 'berkas = "gambar/sawah.jpg"', 1))
    with pytest.raises(ValueError) as refused:
        terapkan(balai, folder)
    assert "portal/artikel.toml [[gambar]] ke-1" in str(refused.value)
    assert run_sync(Artikel.count().run()) == 0 and run_sync(Gambar.count().run()) == 0


def test_the_export_holds_the_structure_only_and_gives_the_same_site_again(balai, client, admin_client, tmp_path):
    terapkan(balai, DEMO)
    # an editor adds a menu link in the browser, and a visitor leaves a comment (never exported)
    assert post_form(admin_client, "/admin/portal/menu", {"label": "Statistik", "tautan": "/statistik",
                                                          "urutan": "9"}).status_code < 400
    run_sync(lambda: Komentar.insert(Komentar(artikel=1, nama="Upiak Rosna", isi="Mantap", status="tampil")).run())
    before = struktur()
    assert ("Statistik", None, "/statistik") in before["menu"]
    out = tmp_path / "ekspor"
    out.mkdir()
    run_sync(bagian_plugin(balai.host)["portal"][1].ekspor(konteks(balai), out))
    assert sorted(p.name for p in out.iterdir()) == ["situs.toml"]
    text = (out / "situs.toml").read_text()
    assert "Upiak Rosna" not in text and "Panen raya" not in text and "[[artikel]]" not in text
    assert "Sambutan Wali Nagari" in text
    for table in TABLES:
        run_sync(lambda t=table: t.delete(force=True).run())
    terapkan(balai, out)
    assert struktur() == before
    assert "Statistik" in client.get("/").text

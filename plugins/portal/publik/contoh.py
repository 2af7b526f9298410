"""Demo content for the website: categories, news with cover pictures, announcements, agenda, static pages
(the Wali Nagari's greeting among them) and the menu. Deterministic (the same text, pictures and order each time;
publish moments are counted back from now so the newest is always recent).

Pictures are drawn here (fields, sky, hills and a roof line, with grain so they weigh what a photo weighs) and go
through the portal's own upload path (gambar.prepare: WebP at 1600 and 480 px), so page-weight figures measured on
the demo are those of a real site. Called by `balai demo` (balai_demo/cli.py) and the benchmark's site builder
(bench/portal.py); it refuses, changing nothing, on a site that already has articles.
"""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from plugin_sdk import public_changed, store_file, stored_file, write_transaction

from plugins.portal.api import SMALL_WIDTH, sanitise
from plugins.portal.gambar import FOLDER, prepare
from plugins.portal.tables import TERBIT, Artikel, Gambar, Halaman, Kategori, MenuPortal

CATEGORIES = (("Pemerintahan", "pemerintahan"), ("Pertanian", "pertanian"), ("Kesehatan", "kesehatan"),
              ("Pendidikan", "pendidikan"))
NEWS = (
    ("Panen raya padi di Jorong Koto Tuo", "pertanian",
     "Kelompok tani Jorong Koto Tuo memanen padi varietas lokal di lahan seluas dua belas hektare."),
    ("Posyandu balita dan lansia bulan ini", "kesehatan",
     "Kader posyandu mencatat pertumbuhan balita dan memeriksa tekanan darah warga lanjut usia."),
    ("Musyawarah perencanaan pembangunan nagari", "pemerintahan",
     "Wakil jorong, ninik mamak, alim ulama dan bundo kanduang menyusun prioritas pembangunan tahun depan."),
    ("Perbaikan irigasi Bandar Gadang selesai", "pertanian",
     "Saluran irigasi sepanjang 800 meter kini mengairi sawah di tiga jorong."),
    ("Beasiswa untuk pelajar berprestasi", "pendidikan",
     "Nagari memberikan beasiswa kepada dua puluh pelajar SMP dan SMA yang berprestasi."),
    ("Gotong royong membersihkan Batang Sinamar", "pemerintahan",
     "Ratusan warga membersihkan tepian sungai dari sampah plastik pada hari Minggu pagi."),
)
NOTICES = (
    ("Jadwal pelayanan kantor selama libur akhir tahun",
     "Kantor wali nagari tutup pada 25 dan 26 Desember; pelayanan surat dibuka kembali 27 Desember."),
    ("Pendaftaran bantuan bibit kakao",
     "Warga yang berminat mendaftar membawa fotokopi KK ke kantor jorong masing-masing paling lambat akhir bulan."),
    ("Pemutakhiran data penduduk", "Petugas jorong akan mendatangi rumah warga untuk mencocokkan data keluarga."),
)
AGENDA = (("Rapat koordinasi kepala jorong", 3, "Kantor Wali Nagari"),
          ("Pelatihan pembuatan pupuk organik", 9, "Balai Pertemuan Jorong Koto Tuo"),
          ("Lomba pacu jawi tingkat nagari", 20, "Sawah Jorong Padang Laweh"))
PAGES = (
    ("Sambutan Wali Nagari", "sambutan",
     "<p>Assalamu'alaikum warahmatullahi wabarakatuh.</p><p>Selamat datang di situs resmi nagari kami. Di sini "
     "dunsanak dapat membaca berita, pengumuman dan agenda kegiatan, serta mengetahui cara mengurus pelayanan "
     "di kantor wali nagari. Kami berharap situs ini mendekatkan pemerintahan nagari kepada seluruh warga, di "
     "kampung maupun di rantau.</p>"),
    ("Sejarah nagari", "sejarah",
     "<p>Nagari ini tumbuh di lembah yang subur di kaki bukit, dihuni sejak lama oleh suku-suku yang hidup dari "
     "sawah dan ladang.</p><h2>Asal nama</h2><p>Menurut cerita para tetua, nama nagari berasal dari sebuah "
     "mata air yang tidak pernah kering.</p>"),
    ("Visi dan misi", "visi-misi",
     "<h2>Visi</h2><p>Nagari yang mandiri, beradat dan bersyarak.</p><h2>Misi</h2><ol><li>Pelayanan yang cepat "
     "dan terbuka.</li><li>Pertanian yang maju.</li><li>Generasi muda yang terdidik.</li></ol>"),
    ("Geografi dan wilayah", "geografi",
     "<p>Wilayah nagari terdiri atas beberapa jorong, dengan sawah, ladang gambir dan hutan nagari.</p>"),
)
SAMPLE_ARTICLE = "panen-raya-padi-di-jorong-koto-tuo"  # the demo's first news item (route samples, screen test)
MENU = (("Sejarah", "sejarah"), ("Visi dan misi", "visi-misi"), ("Geografi", "geografi"))
PICTURE_SIZE = (1600, 1000)
PICTURES = 3  # drawn and encoded once each; the six news items share them


def picture(seed: int) -> bytes:
    """A landscape-like JPEG: sky, hills, rice terraces and a roof line, with grain."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    w, h = PICTURE_SIZE
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    sky = (rng.randint(90, 150), rng.randint(150, 200), rng.randint(200, 240))
    for y in range(h // 2):
        t = y / (h / 2)
        draw.line([(0, y), (w, y)], fill=tuple(int(c * (1 - 0.3 * t) + 255 * 0.3 * t) for c in sky))
    for layer in range(3):  # hills, far to near
        base = h // 2 + layer * 60
        points = [(0, h)] + [(x, base - int(80 * abs(((x / w * (2 + layer) + seed) % 2) - 1))) for x in
                             range(0, w + 40, 40)] + [(w, h)]
        draw.polygon(points, fill=(30 + layer * 20, 90 + layer * 25 + rng.randint(0, 20), 40 + layer * 10))
    for i in range(12):  # terraces
        y = int(h * 0.62 + i * h * 0.035)
        draw.line([(0, y), (w, y + rng.randint(-20, 20))], fill=(120, 170 + rng.randint(0, 40), 60), width=6)
    x0 = rng.randint(200, w - 500)  # a roof with curved horns (gonjong)
    draw.polygon([(x0, h * 0.6), (x0 + 60, h * 0.45), (x0 + 150, h * 0.52), (x0 + 240, h * 0.43),
                  (x0 + 330, h * 0.52), (x0 + 420, h * 0.45), (x0 + 480, h * 0.6)], fill=(60, 40, 30))
    draw.rectangle([(x0 + 40, h * 0.6), (x0 + 440, h * 0.72)], fill=(150, 90, 50))
    # Grain at a third of the size, enlarged: texture that survives the 480-px reduction, so the pictures weigh
    # what phone photos do after the upload path (about 220 KB at 1600 px and 40 KB at 480 px), not less.
    grain = Image.effect_noise((w // 3, h // 3), 60).convert("RGB").resize((w, h), Image.Resampling.BICUBIC)
    image = Image.blend(image, grain, 0.3)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _store_picture(where, seed: int) -> tuple[str, int, int]:
    """The seed's picture, stored once: a rebuilt demo (``--reset``) finds the same files and keeps them."""
    name = f"{seed:032x}"[-32:]
    large_name, small_name = f"{name}.webp", f"{name}-{SMALL_WIDTH}.webp"
    if (kept := stored_file(where, FOLDER, large_name)) and stored_file(where, FOLDER, small_name):
        from PIL import Image

        with Image.open(kept) as image:
            return large_name, image.width, image.height
    large, small, width, height = prepare(picture(seed))
    for file_name, content in ((small_name, small), (large_name, large)):
        if not stored_file(where, FOLDER, file_name):
            store_file(where, FOLDER, file_name, content)
    return large_name, width, height


def _slug(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-").replace("--", "-")


async def make_demo_content(app, now: datetime | None = None) -> bool:
    """Fill the website of a fresh demo site; `app` is the Litestar app, or anything whose ``state.balai`` is the
    running Balai (store_file finds the data folder there). Returns False, changing nothing, when the site
    already has articles."""
    if await Artikel.exists().run():
        return False
    where = SimpleNamespace(app=app)  # store_file reads the data folder from a request's app
    now = now or datetime.now(timezone.utc)
    drawn = [_store_picture(where, 0xBA1A1 + i) for i in range(PICTURES)]  # ~0.4 s each: a few, shared
    pictures = [drawn[i % PICTURES] for i in range(len(NEWS))]
    async with write_transaction():
        categories = {}
        for i, (nama, slug) in enumerate(CATEGORIES):
            categories[slug] = (await Kategori.insert(Kategori(nama=nama, slug=slug, urutan=i)).run())[0]["id"]
        for berkas, width, height in drawn:
            await Gambar.insert(Gambar(berkas=berkas, lebar=width, tinggi=height, keterangan="Gambar contoh",
                                       pengunggah="admin")).run()
        rows = []
        for i, ((judul, kategori, ringkasan), (berkas, _, _)) in enumerate(zip(NEWS, pictures)):
            isi = f"<p>{ringkasan}</p><p>Kegiatan ini didukung pemerintah nagari dan seluruh warga.</p>"
            rows.append(Artikel(judul=judul, slug=_slug(judul), jenis="berita", kategori=categories[kategori],
                                ringkasan=ringkasan, isi=sanitise(isi), sampul=berkas, status=TERBIT,
                                terbit_pada=now - timedelta(days=2 * i + 1, hours=3), komentar_dibuka=True,
                                penulis="admin"))
        for i, (judul, isi) in enumerate(NOTICES):
            rows.append(Artikel(judul=judul, slug=_slug(judul), jenis="pengumuman", isi=sanitise(f"<p>{isi}</p>"),
                                status=TERBIT, terbit_pada=now - timedelta(days=3 * i + 1), penulis="admin"))
        for i, (judul, days, tempat) in enumerate(AGENDA):
            start = (now + timedelta(days=days)).replace(hour=2, minute=0, second=0, microsecond=0)  # 09.00 WIB
            rows.append(Artikel(judul=judul, slug=_slug(judul), jenis="agenda", agenda_mulai=start,
                                agenda_tempat=tempat, isi=sanitise(f"<p>{judul} di {tempat}.</p>"), status=TERBIT,
                                terbit_pada=now - timedelta(days=i + 1), penulis="admin"))
        for row in rows:
            await Artikel.insert(row).run()
        pages = {}
        for judul, slug, isi in PAGES:
            pages[slug] = (await Halaman.insert(Halaman(judul=judul, slug=slug, isi=sanitise(isi))).run())[0]["id"]
        for i, (label, slug) in enumerate(MENU):
            await MenuPortal.insert(MenuPortal(label=label, halaman=pages[slug], urutan=i)).run()
        await public_changed()
    return True

"""The `portal` section of a preset (folder ``<preset>/portal/``): the public website's structure and content.

``situs.toml`` (the site's structure; this is what `ekspor` writes)::

    [[kategori]]                  # article categories, in this order
    nama = "Pertanian"
    slug = "pertanian"            # optional: made from the name

    [[halaman]]                   # static pages; `isi` is HTML (cleaned as the editor's is)
    judul = "Sejarah nagari"
    slug = "sejarah"
    isi = "<p>...</p>"
    terbit = true                 # optional, default true

    [[menu]]                      # the public menu, in this order: a page by its slug, or a path of the site
    label = "Sejarah"
    halaman = "sejarah"           # or: tautan = "/statistik"

    [[beranda]]                   # optional: the home page's blocks, in this order (kunci of a home block)
    kunci = "berita"
    tampil = true

``artikel.toml`` (content; not exported: news belong to one nagari)::

    [[gambar]]                    # pictures for covers: a file in this folder, or a landscape Balai draws
    nama = "sawah"
    berkas = "gambar/sawah.jpg"   # or: lukisan = 1 (a number; the same number draws the same picture)

    [[artikel]]
    jenis = "berita"              # berita | pengumuman | agenda
    judul = "Panen raya padi"
    kategori = "pertanian"        # a category's slug (optional)
    ringkasan = "..."
    isi = "<p>...</p>"
    sampul = "sawah"              # a [[gambar]] nama (optional)
    hari = -1                     # published this many days from the day the preset is applied (<= 0)
    jam = "07:00"                 # the nagari's local time, optional
    status = "terbit"             # terbit | draf
    komentar = true               # comments open
    mulai_hari = 3                # an agenda item: its start, days from the day the preset is applied,
    mulai_jam = "09:00"           # at this local time,
    tempat = "Kantor Wali Nagari" # and its place

Everything is checked before anything is written; a bad entry is refused naming the file and the entry.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from plugin_sdk import nagari_zone, public_changed, slugify, store_file, stored_file
from plugin_sdk.preset import BagianPreset, GalatPreset, KonteksPreset, baca_toml, daftar_tabel, tulis_toml

from plugins.portal import isian
from plugins.portal.api import SMALL_WIDTH
from plugins.portal.gambar import FOLDER, GambarDitolak, prepare
from plugins.portal.tables import DRAF, JENIS, TERBIT, Artikel, BlokBeranda, Gambar, Halaman, Kategori, MenuPortal

INTERNAL_PREFIX = "/"
KUNCI_SITUS = {"kategori", "halaman", "menu", "beranda"}
KUNCI_ARTIKEL = {"gambar", "artikel"}
KUNCI_SATU = {"jenis", "judul", "slug", "kategori", "ringkasan", "isi", "sampul", "hari", "jam", "status",
              "komentar", "mulai_hari", "mulai_jam", "tempat"}


def _toml(path: Path) -> dict:
    return baca_toml(path, f"portal/{path.name}")


def _tabel(data: dict, nama: str, berkas: str) -> list[dict]:
    return daftar_tabel(data, nama, f"portal/{berkas}")


def _slug(entry: dict, sumber: str, tempat: str) -> str:
    slug = slugify(str(entry.get("slug") or "")) or slugify(sumber)
    if not slug:
        raise GalatPreset(f"{tempat}: alamat (slug) hanya huruf a-z, angka dan tanda hubung.")
    return slug


def _jam(teks: object, tempat: str, bawaan: str) -> time:
    try:
        return time.fromisoformat(str(teks or bawaan))
    except ValueError:
        raise GalatPreset(f"{tempat}: jam {teks!r} harus JJ:MM, mis. 09:00.") from None


def baca_situs(folder: Path) -> dict:
    """situs.toml checked: categories, pages, menu and home blocks as rows to write."""
    data = _toml(folder / "situs.toml")
    if unknown := sorted(set(data) - KUNCI_SITUS):
        raise GalatPreset(f"portal/situs.toml: bagian tidak dikenal: {', '.join(unknown)}.")
    kategori, halaman, menu, beranda = [], [], [], []
    for ke, entry in enumerate(_tabel(data, "kategori", "situs.toml"), start=1):
        tempat = f"portal/situs.toml [[kategori]] ke-{ke}"
        nama = isian.plain(entry.get("nama"), 80)
        if not nama:
            raise GalatPreset(f"{tempat}: nama kategori wajib diisi.")
        kategori.append({"nama": nama, "slug": _slug(entry, nama, tempat), "urutan": ke - 1})
    for ke, entry in enumerate(_tabel(data, "halaman", "situs.toml"), start=1):
        tempat = f"portal/situs.toml [[halaman]] ke-{ke}"
        judul = isian.plain(entry.get("judul"), 200)
        if not judul:
            raise GalatPreset(f"{tempat}: judul halaman wajib diisi.")
        isi, masalah = isian.clean_body(str(entry.get("isi") or ""))
        if masalah:
            raise GalatPreset(f"{tempat}: {masalah}")
        halaman.append({"judul": judul, "slug": _slug(entry, judul, tempat), "isi": isi,
                        "terbit": entry.get("terbit", True) is not False})
    slugs = {h["slug"] for h in halaman}
    for nama, rows in (("kategori", kategori), ("halaman", halaman)):
        if len({r["slug"] for r in rows}) != len(rows) or len({r.get("nama", r["slug"]) for r in rows}) != len(rows):
            raise GalatPreset(f"portal/situs.toml: dua [[{nama}]] dengan nama atau slug yang sama.")
    for ke, entry in enumerate(_tabel(data, "menu", "situs.toml"), start=1):
        tempat = f"portal/situs.toml [[menu]] ke-{ke}"
        label, tautan = isian.plain(entry.get("label"), 60), str(entry.get("tautan") or "").strip()
        if not label:
            raise GalatPreset(f"{tempat}: label menu wajib diisi.")
        if entry.get("halaman"):
            if entry["halaman"] not in slugs:
                raise GalatPreset(f"{tempat}: halaman {entry['halaman']!r} tidak ada di [[halaman]].")
            tautan = ""
        elif not tautan.startswith(INTERNAL_PREFIX) or tautan.startswith("//") or len(tautan) > 300 \
                or any(c in tautan for c in " \"'<>"):
            raise GalatPreset(f"{tempat}: pilih halaman, atau tautan di dalam situs (diawali /, mis. "
                              "/statistik).")
        menu.append({"label": label, "halaman": entry.get("halaman") or None, "tautan": tautan, "urutan": ke - 1})
    for ke, entry in enumerate(_tabel(data, "beranda", "situs.toml"), start=1):
        if not str(entry.get("kunci") or "").strip():
            raise GalatPreset(f"portal/situs.toml [[beranda]] ke-{ke}: kunci blok beranda wajib diisi.")
        beranda.append({"kunci": str(entry["kunci"]).strip()[:60], "urutan": ke * 10,
                        "tampil": entry.get("tampil", True) is not False})
    return {"kategori": kategori, "halaman": halaman, "menu": menu, "beranda": beranda}


def baca_artikel(folder: Path, kategori: set[str]) -> tuple[dict[str, dict], list[dict]]:
    """artikel.toml checked: pictures by name ({berkas} or {lukisan}) and articles (moments still relative)."""
    data = _toml(folder / "artikel.toml")
    if unknown := sorted(set(data) - KUNCI_ARTIKEL):
        raise GalatPreset(f"portal/artikel.toml: bagian tidak dikenal: {', '.join(unknown)}.")
    gambar: dict[str, dict] = {}
    for ke, entry in enumerate(_tabel(data, "gambar", "artikel.toml"), start=1):
        tempat = f"portal/artikel.toml [[gambar]] ke-{ke}"
        nama = str(entry.get("nama") or "")
        if not nama or nama in gambar:
            raise GalatPreset(f"{tempat}: setiap gambar perlu nama yang berbeda.")
        if entry.get("berkas"):
            path = (folder / str(entry["berkas"])).resolve()
            if folder.resolve() not in path.parents or not path.is_file():
                raise GalatPreset(f"{tempat}: berkas {entry['berkas']!r} tidak ada di folder portal/.")
            gambar[nama] = {"isi": path.read_bytes(), "keterangan": str(entry.get("keterangan") or "")[:200],
                            "tempat": tempat}
        elif isinstance(entry.get("lukisan"), int) and not isinstance(entry.get("lukisan"), bool):
            gambar[nama] = {"lukisan": entry["lukisan"], "keterangan": str(entry.get("keterangan") or "")[:200]}
        else:
            raise GalatPreset(f"{tempat}: tulis berkas = \"gambar/...jpg\" atau lukisan = <angka>.")
    artikel, slugs = [], set()
    for ke, entry in enumerate(_tabel(data, "artikel", "artikel.toml"), start=1):
        tempat = f"portal/artikel.toml [[artikel]] ke-{ke}"
        if unknown := sorted(set(entry) - KUNCI_SATU):
            raise GalatPreset(f"{tempat}: kunci tidak dikenal: {', '.join(unknown)}.")
        jenis = entry.get("jenis", "berita")
        judul = isian.plain(entry.get("judul"), 200)
        if jenis not in JENIS or not judul:
            raise GalatPreset(f"{tempat}: jenis ({', '.join(JENIS)}) dan judul wajib diisi.")
        isi, masalah = isian.clean_body(str(entry.get("isi") or f"<p>{judul}</p>"))
        if masalah:
            raise GalatPreset(f"{tempat}: {masalah}")
        slug = _slug(entry, judul, tempat)
        if slug in slugs:
            raise GalatPreset(f"{tempat}: slug {slug!r} sudah dipakai artikel lain.")
        slugs.add(slug)
        if entry.get("kategori") and entry["kategori"] not in kategori:
            raise GalatPreset(f"{tempat}: kategori {entry['kategori']!r} tidak ada di situs.toml.")
        if entry.get("sampul") and entry["sampul"] not in gambar:
            raise GalatPreset(f"{tempat}: sampul {entry['sampul']!r} tidak ada di [[gambar]].")
        hari = entry.get("hari", -1)
        status = entry.get("status", TERBIT)
        if not isinstance(hari, int) or hari > 0 or status not in (TERBIT, DRAF):
            raise GalatPreset(f"{tempat}: hari terbit 0 atau negatif (hari sebelum preset diterapkan), "
                              "status terbit atau draf.")
        satu = {"jenis": jenis, "judul": judul, "slug": slug, "kategori": entry.get("kategori"), "isi": isi,
                "ringkasan": isian.plain(entry.get("ringkasan"), 500), "sampul": entry.get("sampul") or "",
                "hari": hari, "jam": _jam(entry.get("jam"), tempat, "08:00"), "status": status,
                "komentar": entry.get("komentar") is True, "tempat": "", "mulai": None}
        if jenis == "agenda":
            if not isinstance(entry.get("mulai_hari"), int):
                raise GalatPreset(f"{tempat}: agenda perlu mulai_hari (hari dari saat preset diterapkan).")
            satu.update(mulai=(entry["mulai_hari"], _jam(entry.get("mulai_jam"), tempat, "09:00")),
                        tempat=isian.plain(entry.get("tempat"), 200))
        artikel.append(satu)
    return gambar, artikel


def _simpan_gambar(where, satu: dict) -> tuple[str, int, int]:
    """The picture's stored name and size; the same content keeps the same name, so a re-applied preset reuses it."""
    if "lukisan" in satu:
        from plugins.portal.publik.contoh import _store_picture

        return _store_picture(where, 0xBA1A1 + satu["lukisan"])
    name = hashlib.sha256(satu["isi"]).hexdigest()[:32]
    large_name, small_name = f"{name}.webp", f"{name}-{SMALL_WIDTH}.webp"
    try:
        large, small, width, height = prepare(satu["isi"])
    except GambarDitolak as exc:
        raise GalatPreset(f"{satu['tempat']}: {exc}") from None
    for file_name, content in ((small_name, small), (large_name, large)):
        if not stored_file(where, FOLDER, file_name):
            store_file(where, FOLDER, file_name, content)
    return large_name, width, height


async def terapkan(konteks: KonteksPreset, folder: Path) -> None:
    situs = baca_situs(folder)
    gambar, artikel = baca_artikel(folder, {k["slug"] for k in situs["kategori"]})
    request = konteks.request
    zona = nagari_zone(request)
    sekarang = datetime.now(timezone.utc)
    tersimpan = {}
    for nama, satu in gambar.items():  # files first: a refused picture stops the section before any row
        tersimpan[nama] = await asyncio.to_thread(_simpan_gambar, request, satu)
    kategori = {}
    for row in situs["kategori"]:
        kategori[row["slug"]] = (await Kategori.insert(Kategori(**row)).returning(Kategori.id).run())[0]["id"]
    for nama, (berkas, lebar, tinggi) in tersimpan.items():
        if not await Gambar.exists().where(Gambar.berkas == berkas).run():
            await Gambar.insert(Gambar(berkas=berkas, lebar=lebar, tinggi=tinggi, pengunggah="preset",
                                       keterangan=gambar[nama]["keterangan"])).run()
    for satu in artikel:
        hari = konteks.hari_ini + timedelta(days=satu["hari"])
        terbit = min(datetime.combine(hari, satu["jam"], tzinfo=zona), sekarang)
        mulai = None
        if satu["mulai"]:
            mulai = datetime.combine(konteks.hari_ini + timedelta(days=satu["mulai"][0]), satu["mulai"][1],
                                     tzinfo=zona)
        await Artikel.insert(Artikel(
            judul=satu["judul"], slug=satu["slug"], jenis=satu["jenis"], kategori=kategori.get(satu["kategori"]),
            ringkasan=satu["ringkasan"], isi=satu["isi"],
            sampul=tersimpan[satu["sampul"]][0] if satu["sampul"] else "", status=satu["status"],
            terbit_pada=terbit if satu["status"] == TERBIT else None, agenda_mulai=mulai,
            agenda_tempat=satu["tempat"], komentar_dibuka=satu["komentar"], penulis="admin")).run()
    halaman = {}
    for row in situs["halaman"]:
        halaman[row["slug"]] = (await Halaman.insert(Halaman(**row)).returning(Halaman.id).run())[0]["id"]
    for row in situs["menu"]:
        await MenuPortal.insert(MenuPortal(label=row["label"], halaman=halaman.get(row["halaman"]),
                                           tautan=row["tautan"], urutan=row["urutan"])).run()
    if situs["beranda"]:
        await BlokBeranda.delete(force=True).run()
        await BlokBeranda.insert(*[BlokBeranda(**row) for row in situs["beranda"]]).run()
    await public_changed()
    konteks.catat(f"portal: {len(artikel)} artikel, {len(halaman)} halaman, {len(situs['menu'])} menu")


async def ekspor(konteks: KonteksPreset, folder: Path) -> None:
    """The site's structure: categories, static pages, the menu and the home blocks (no articles, no comments)."""
    folder.mkdir(parents=True, exist_ok=True)
    kategori = [{"nama": r["nama"], "slug": r["slug"]}
                for r in await Kategori.select().order_by(Kategori.urutan).order_by(Kategori.id).run()]
    pages = await Halaman.select().order_by(Halaman.id).run()
    halaman = [{"judul": r["judul"], "slug": r["slug"], "isi": r["isi"], "terbit": r["terbit"]} for r in pages]
    slug = {p["id"]: p["slug"] for p in pages}
    menu = [{"label": r["label"], **({"halaman": slug[r["halaman"]]} if r["halaman"] else {"tautan": r["tautan"]})}
            for r in await MenuPortal.select().order_by(MenuPortal.urutan).order_by(MenuPortal.id).run()]
    beranda = [{"kunci": r["kunci"], "tampil": r["tampil"]}
               for r in await BlokBeranda.select().order_by(BlokBeranda.urutan).run()]
    isi = {"kategori": kategori, "halaman": halaman, "menu": menu, "beranda": beranda}
    judul = "Struktur situs web nagari, diekspor dari Balai: kategori, halaman, menu dan susunan beranda."
    (folder / "situs.toml").write_text(tulis_toml(isi, judul), encoding="utf-8")


def bagian() -> list[BagianPreset]:
    return [BagianPreset("portal", terapkan, ekspor, urutan=400, judul="Situs web")]

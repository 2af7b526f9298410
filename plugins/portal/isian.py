"""Reading the editors' forms: slugs, the nagari's clock, and an article's fields checked (messages in Indonesian).

Titles, names and summaries are plain text, kept as typed and escaped by the templates; only `isi` is HTML, and
it is cleaned by `api.sanitise` here, before anything is stored.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone

from plugin_sdk import nagari_profile, nagari_zone, slugify

from plugins.portal.api import sanitise
from plugins.portal.tables import DRAF, JADWAL, JENIS, TERBIT

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}  # fixed offsets: Indonesia keeps no daylight saving
BODY_LIMIT = 200_000  # characters of HTML in one article or page: a long report, not a pasted book
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


def zone(request) -> timezone:
    return nagari_zone(request)


def zone_name(request) -> str:
    name = nagari_profile(request).get("zona_waktu", "WIB")
    return name if name in ZONES else "WIB"


def plain(text: str | None, limit: int) -> str:
    """A one-line plain-text field: control characters out, spaces collapsed, cut to its column's length."""
    text = "".join(ch for ch in (text or "") if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:limit]


def local_input(moment: datetime | None, tz: timezone) -> str:
    """A stored moment as the nagari's wall-clock time, for a datetime-local field."""
    return moment.astimezone(tz).strftime(LOCAL_FORMAT) if moment else ""


def parse_local(text: str, tz: timezone) -> datetime | None:
    """The nagari's wall-clock time typed in a form, as an aware moment; None when empty; ValueError if unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in (LOCAL_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    raise ValueError(text)


def clean_body(html: str | None) -> tuple[str, str | None]:
    """(sanitised HTML, problem or None)."""
    html = html or ""
    if len(html) > BODY_LIMIT:
        return "", f"Isi terlalu panjang (lebih dari {BODY_LIMIT:,} karakter). Bagi menjadi beberapa tulisan.".replace(
            ",", ".")
    return sanitise(html), None


def clean_article(form: dict, tz: timezone, may_publish: bool, current: dict | None = None,
                  now: datetime | None = None) -> tuple[dict, dict]:
    """An article from the editor's form: (values for the table, errors by field).

    Without the right to publish, the status is not the writer's to choose: a new article is a draft and an existing
    one keeps its status and moment (a writer fixing a typo neither publishes a draft nor takes an article down)."""
    now = now or datetime.now(timezone.utc)
    errors: dict[str, str] = {}
    values = {
        "judul": plain(form.get("judul"), 200),
        "jenis": form.get("jenis") if form.get("jenis") in JENIS else "berita",
        "ringkasan": plain(form.get("ringkasan"), 500),
        "agenda_tempat": plain(form.get("agenda_tempat"), 200),
        "komentar_dibuka": form.get("komentar_dibuka") == "1",
    }
    if not values["judul"]:
        errors["judul"] = "Judul wajib diisi."
    values["isi"], problem = clean_body(form.get("isi"))
    if problem:
        errors["isi"] = problem
    slug = slugify(form.get("slug") or "") or slugify(values["judul"])
    values["slug"] = slug
    if values["judul"] and not slug:
        errors["slug"] = "Alamat (slug) hanya boleh huruf a-z, angka dan tanda hubung; isi secara manual."
    try:
        values["kategori"] = int(form["kategori"]) if form.get("kategori") else None
    except ValueError:
        values["kategori"] = None
    try:
        values["agenda_mulai"] = parse_local(form.get("agenda_mulai", ""), tz) if values["jenis"] == "agenda" else None
    except ValueError:
        errors["agenda_mulai"] = "Waktu agenda tidak terbaca. Pilih tanggal dan jam."
        values["agenda_mulai"] = None
    if values["jenis"] == "agenda" and not values["agenda_mulai"] and "agenda_mulai" not in errors:
        errors["agenda_mulai"] = "Agenda perlu tanggal dan jam mulai."
    if values["jenis"] != "agenda":
        values["agenda_tempat"] = ""

    if not may_publish:
        kept = (current["status"], current["terbit_pada"]) if current else (DRAF, None)
        values["status"], values["terbit_pada"] = kept
        return values, errors
    status = form.get("status") if form.get("status") in (DRAF, TERBIT, JADWAL) else DRAF
    values["status"], values["terbit_pada"] = status, None
    if status == TERBIT:
        values["terbit_pada"] = now
    elif status == JADWAL:
        try:
            moment = parse_local(form.get("terbit_pada", ""), tz)
        except ValueError:
            moment = None
        if moment is None:
            errors["terbit_pada"] = "Pilih tanggal dan jam terbit untuk artikel terjadwal."
        elif moment <= now:
            errors["terbit_pada"] = "Waktu terbit terjadwal harus di masa depan. Untuk terbit sekarang pilih Terbitkan."
        values["terbit_pada"] = moment
    return values, errors

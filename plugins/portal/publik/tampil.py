"""Rendering the public pages: the theme's layout, Indonesian dates, absolute URLs, articles made ready to show."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from html import unescape

from litestar import Request

from plugin_sdk import nagari_profile, public_page, public_url

from plugins.portal import api
from plugins.portal.tables import JENIS

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}  # Indonesia keeps no daylight saving
SUMMARY_CHARS = 200
PER_PAGE = 10
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def zone(profile: dict) -> tuple[str, timezone]:
    name = profile.get("zona_waktu", "WIB")
    name = name if name in ZONES else "WIB"
    return name, timezone(timedelta(hours=ZONES[name]))


def local(value: datetime, profile: dict) -> datetime:
    """A stored moment (UTC) in the nagari's time zone."""
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(zone(profile)[1])


def tanggal(value: datetime | None, profile: dict) -> str:
    """"5 Desember 2026", the day as the nagari counts it (23:30 UTC is already tomorrow in WIB)."""
    if value is None:
        return ""
    day = local(value, profile)
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def pukul(value: datetime | None, profile: dict) -> str:
    """"5 Desember 2026, pukul 09.00 WIB"."""
    if value is None:
        return ""
    return f"{tanggal(value, profile)}, pukul {local(value, profile):%H.%M} {zone(profile)[0]}"


def plain_text(html: str) -> str:
    """The words of an HTML body, for summaries and feeds (the markup is dropped, entities decoded)."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html or ""))).strip()


def summary(article: dict) -> str:
    text = (article.get("ringkasan") or "").strip() or plain_text(article.get("isi", ""))
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def ready(article: dict, profile: dict) -> dict:
    """An article from the contract, with what the templates show: dates in words, summary, kind's name."""
    clean = api.sanitise(article.get("isi", ""))  # again on render: defence in depth
    return {**article, "isi": clean,
            "jenis_nama": JENIS.get(article["jenis"], article["jenis"]),
            "tanggal": tanggal(article.get("terbit_pada"), profile),
            "tanggal_iso": article["terbit_pada"].isoformat() if article.get("terbit_pada") else "",
            "agenda_waktu": pukul(article.get("agenda_mulai"), profile),
            "agenda_iso": article["agenda_mulai"].isoformat() if article.get("agenda_mulai") else "",
            "ringkasan_teks": summary({**article, "isi": clean})}  # a dropped script's code is no summary


def site_url(request: Request) -> str:
    return public_url(request).rstrip("/")


def absolute(request: Request, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else site_url(request) + path


def site_name(profile: dict) -> str:
    return f"{profile.get('sebutan_desa', 'Nagari')} {profile.get('nama', '')}".strip()


async def render(request: Request, template: str, context: dict | None = None) -> str:
    """A page of the active theme as a string (for the cache): the layout's context plus ours.

    ``meta`` (title, description, image, type, url) fills the Open Graph tags of ``portal/publik/_meta.html``."""
    profile = nagari_profile(request)
    full = {"situs": {"nama": site_name(profile), "url": site_url(request)}, **(context or {})}
    meta = {"title": site_name(profile), "description": "", "image": "", "type": "website", "url": request.url.path,
            **full.get("meta", {})}
    meta["path"] = meta["url"]  # the canonical link: a path, so no page links off-site (the test of local assets)
    meta["url"] = absolute(request, meta["url"])
    meta["image"] = absolute(request, meta["image"]) if meta["image"] else (
        absolute(request, "/berkas/logo") if profile.get("logo") else "")
    full["meta"] = meta
    tpl = await public_page(request, template, full)
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context)

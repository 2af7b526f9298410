"""The nagari's clock: Indonesia keeps no daylight saving, each zone is a fixed offset from UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}


def zone(profile: dict) -> tuple[str, timezone]:
    name = profile.get("zona_waktu", "WIB")
    return name, timezone(timedelta(hours=ZONES.get(name, 7)))


def today(profile: dict) -> date:
    """Today's date in the nagari (a letter issued at 06:30 WIB is dated today, not yesterday in UTC)."""
    return datetime.now(zone(profile)[1]).date()

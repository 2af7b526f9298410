"""The nagari's clock: Indonesia keeps no daylight saving, each zone is a fixed offset from UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}


def zone(profile: dict) -> tuple[str, timezone]:
    name = profile.get("zona_waktu", "WIB")
    return name, timezone(timedelta(hours=ZONES.get(name, 7)))


# The zone of the profile last loaded: the register checks "not in the future" without a profile at hand.
_loaded: dict = {}


def remember(profile: dict) -> None:
    _loaded["zona_waktu"] = profile.get("zona_waktu", "WIB")


def today(profile: dict | None = None) -> date:
    """Today's date in the nagari (a letter issued at 06:30 WIB is dated today, not yesterday in UTC).
    Without a profile, the zone of the profile this process loaded last (WIB before any)."""
    return datetime.now(zone(_loaded if profile is None else profile)[1]).date()

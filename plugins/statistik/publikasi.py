"""The publication: every built-in category for the nagari and by jorong, suppressed at once (sensor.py), as of
today or the end of a given day. One computation for the public pages, the website's block and the open-data
datasets (ENGINEERING-NOTES 11), so a cell hidden on one door is hidden on every door.

Today's publication is computed once per register version (`register.data_version()`, which any register write
moves), threshold and nagari name; a worker asks the database for the version at most once every `CHECK_EVERY`
seconds, so a hit does not touch the database in between. A given day's publication is kept too, a few days at
a time (the open-data release of the closed month asks for one day again and again), keyed the same way.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from datetime import date

from plugin_sdk import get_setting, register, today

from plugins.statistik.kategori import BUILTIN, tables
from plugins.statistik.sensor import DEFAULT_THRESHOLD, suppress

CHECK_EVERY = 1.0  # seconds between two looks at the register's version in one worker
DAYS_KEPT = 8      # past days' publications kept per worker
_cache: dict = {"key": None, "checked": 0.0, "data": None}
_days: OrderedDict[tuple, dict] = OrderedDict()
_raw: dict = {}  # the last unsuppressed publication (a release's)
_lock = asyncio.Lock()


async def threshold() -> int:
    """The setting `ambang_sensor` (plugin.py): counts from 1 to it minus one are hidden."""
    value = await get_setting("statistik", "ambang_sensor")
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return DEFAULT_THRESHOLD


async def publication(per: date | None = None) -> dict:
    """``{"kategori": {kode: Kategori}, "tabel": suppress(...), "ambang": n}``: the built-in categories (the public
    pages show no plugin's category) as published, as of the end of `per` (None or the nagari's today: today).

    ``tabel[kode][0]`` is the nagari's rows, ``tabel[kode][1]`` the rows by jorong (absent for a sensitive
    category), each row ``{"kode", "label", "wilayah", "wilayah_nama", "jenis_kelamin", "jumlah",
    "disembunyikan"}`` (sensor.py). Raises StatistikError for a day in the future or before the register began.
    The answer is shared by every caller: read it, do not change it."""
    if per is not None and per == today(await register.stored_profile()):
        per = None  # today as a date is today: one computation, the one the public pages show
    if per is None:
        return await _today()
    async with _lock:
        key = (per, *await _key())
        if key in _days:
            _days.move_to_end(key)
        else:
            _days[key] = await _compute(per, key[2], key[3])
            while len(_days) > DAYS_KEPT:
                _days.popitem(last=False)
        return _days[key]


async def _today() -> dict:
    if (_cache["data"] is not None and time.monotonic() - _cache["checked"] < CHECK_EVERY
            and _cache["key"][-1] == _scope()):
        return _cache["data"]
    async with _lock:
        key = await _key()
        _cache["checked"] = time.monotonic()
        if key != _cache["key"] or _cache["data"] is None:
            _cache.update(key=key, data=await _compute(None, key[1], key[2]))
        return _cache["data"]


def _scope() -> tuple | None:
    """A scoped user's publication counts only their part: kept apart from the public one."""
    scope = register.current_scope()
    return tuple(scope["wilayah_ids"]) if scope else None


async def _key() -> tuple:
    """What the figures depend on: the register's version, the threshold, the nagari's name and the scope."""
    profil = await register.stored_profile()
    return await register.data_version(), await threshold(), profil.get("nama") or "", _scope()


async def _compute(per: date | None, ambang: int, nama: str) -> dict:
    cats = {k.kode: k for k in BUILTIN}
    published = suppress(await tables(list(cats), tingkat=1, per=per), threshold=ambang,
                         sensitive={k for k, c in cats.items() if c.sensitif}, nagari_name=nama)
    return {"kategori": cats, "tabel": published, "ambang": ambang}


async def unsuppressed(per: date | None = None) -> dict:
    """`publication(per)` with nothing hidden (threshold 1): the exact figures the kabupaten hub sums before it
    suppresses the sums itself. Never shown by the nagari. The last answer is kept (a release asks once per
    category)."""
    if per is not None and per == today(await register.stored_profile()):
        per = None
    async with _lock:
        key = (per, *await _key())
        if _raw.get("key") != key:
            _raw.update(key=key, data=await _compute(per, 1, key[3]))
        return _raw["data"]


def forget() -> None:
    """Drop every kept publication (tests; a register write already moves the version)."""
    _cache.update(key=None, checked=0.0, data=None)
    _days.clear()
    _raw.clear()


__all__ = ["CHECK_EVERY", "publication", "unsuppressed", "threshold", "forget"]

"""The categories of population statistics and their one computation (plugins.statistik.api re-exports it).

Every figure is a GROUP BY in the database through plugin_sdk.register (`counts` for residents, `unit_counts` for
families and households), laid out here into long-format rows with every cell present. Results are cached per
register version (`register.data_version()`, which changes with every journal entry), scope and parameters.
"""

from __future__ import annotations

import calendar
import contextvars
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Awaitable, Callable, Hashable

from plugin_sdk import register, today

from plugins.statistik.kategori_bawaan import FIELDS as _FIELDS


class StatistikError(ValueError):
    """Bad input for a statistic; the message is in Bahasa Indonesia. `tidak_ada`: the category is unknown (404)."""

    def __init__(self, pesan: str, *, tidak_ada: bool = False):
        super().__init__(pesan)
        self.tidak_ada = tidak_ada


@dataclass(frozen=True)
class Kategori:
    kode: str
    judul: str
    keterangan: str
    satuan: str = "penduduk"   # "penduduk" | "keluarga" | "rumah tangga"
    sensitif: bool = False     # disability, illness, pregnancy: never published below nagari level


@dataclass(frozen=True)
class KategoriTambahan:
    """A category another plugin adds through the `statistik_kategori` hook (plugins/statistik/events.py).

    `kode`: the code list in display order, ``((kode, label), ...)``; `hitung(tingkat=, per=, status=)` returns rows
    ``{"kode", "wilayah", "jenis_kelamin", "jumlah"}`` with `wilayah` the place id at `tingkat` (None at tingkat 0),
    e.g. from ``register.counts(by=(..., "jenis_kelamin", "wilayah"), level=tingkat or None, as_of=per)``.
    """

    kategori: Kategori
    kode: tuple
    hitung: Callable[..., Awaitable[list[dict]]]
    # Figures that change without a register change (an approved aid list): an async function whose answer changes
    # with them, so cached tables are rebuilt; None when the figures follow the register alone.
    versi: Callable[[], Awaitable[Hashable]] | None = None


BELUM = "Belum mengisi"
UMUR_5 = tuple((f"{a}-{a + 4}", a, a + 4) for a in range(0, 75, 5)) + (("75+", 75, 200),)
# Life stages (Kemenkes; lansia from UU 13/1998): see docs/id/statistik.md.
TAHAP = (("balita", "Balita (0-4 tahun)", 0, 4), ("anak", "Anak (5-11 tahun)", 5, 11),
         ("remaja", "Remaja (12-17 tahun)", 12, 17), ("dewasa", "Dewasa (18-59 tahun)", 18, 59),
         ("lansia", "Lansia (60 tahun ke atas)", 60, 200))

SENSITIF = {"cacat", "sakit_menahun", "hamil"}
SATUAN = {"kelas_sosial": "keluarga", "rumah_tangga": "rumah tangga"}
BUILTIN = tuple(Kategori(k, j, d, SATUAN.get(k, "penduduk"), k in SENSITIF) for k, (j, d, _) in _FIELDS.items())

_extras: contextvars.ContextVar[dict[str, KategoriTambahan]] = contextvars.ContextVar("statistik_extras",
                                                                                      default={})
_extra_versions: contextvars.ContextVar[dict[str, Hashable]] = contextvars.ContextVar("statistik_extra_versions",
                                                                                     default={})


async def with_plugins(request) -> None:
    """Include the categories of enabled plugins (hook `statistik_kategori`) in this request's calls."""
    from plugin_sdk import emit

    found: dict[str, KategoriTambahan] = {}
    for answer in await emit(request, "statistik_kategori") or []:
        for item in answer or []:
            # a category with no code yet (a plugin with nothing to count) is not offered: it has no table to show
            if isinstance(item, KategoriTambahan) and item.kategori.kode not in _FIELDS and item.kode:
                found.setdefault(item.kategori.kode, item)
    versions = {}
    for kode, extra in [(k, e) for k, e in found.items() if e.versi is not None]:
        try:
            versions[kode] = await extra.versi()
        except Exception:  # one plugin's broken category must not take the office's statistics pages down
            logging.getLogger("balai.statistik").exception("Kategori statistik %s dari plugin gagal dan dilewati", kode)
            del found[kode]
    _extras.set(found)
    _extra_versions.set(versions)


def categories() -> list[Kategori]:
    """The built-in categories, then those of enabled plugins (in a request after `with_plugins`)."""
    return [*BUILTIN, *(e.kategori for e in _extras.get().values())]


def category(kode: str) -> Kategori:
    for k in categories():
        if k.kode == kode:
            return k
    raise StatistikError(f"Kategori statistik \u201c{kode}\u201d tidak dikenal.", tidak_ada=True)


def period(text: str | None) -> date | None:
    """Read a `per` parameter: "" or None -> None (today); "2026-05" -> the month's last day; "2026-05-31"."""
    text = (text or "").strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12 and year >= 1900:
            return date(year, month, calendar.monthrange(year, month)[1])
    else:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise StatistikError(f"\u201c{text}\u201d bukan tanggal atau bulan yang sah (contoh: 2026-05 atau 2026-05-31).")


async def _check(tingkat, per, status) -> tuple[int, date | None, int | None]:
    if isinstance(per, str):
        per = period(per)
    if per is not None and not isinstance(per, date):
        raise StatistikError("Tanggal \u201cper\u201d harus berupa tanggal.")
    try:
        tingkat = int(tingkat)
    except (TypeError, ValueError):
        raise StatistikError("Tingkat wilayah harus angka 0 sampai 3.") from None
    if tingkat not in (0, 1, 2, 3):
        raise StatistikError("Tingkat wilayah harus 0 (nagari), 1 (jorong/dusun), 2 (RW) atau 3 (RT).")
    if status not in (None, ""):
        try:
            status = int(status)
        except (TypeError, ValueError):
            status = -1
        if status not in register.code_labels("status_penduduk"):
            raise StatistikError("Status penduduk harus 1 (tetap) atau 2 (tidak tetap).")
    else:
        status = None
    if per is not None:
        now = today(await register.stored_profile())  # the nagari's date, not the server's (UTC)
        if per > now:
            raise StatistikError("Tanggal statistik tidak boleh di masa depan.")
        if per == now:
            per = None
        else:
            start = await register.journal_start()
            if start is None or per < start:
                mulai = f" (mulai {start.isoformat()})" if start else ""
                raise StatistikError(f"Tanggal statistik sebelum buku register dimulai{mulai}.")
    return tingkat, per, status


def _codes(field: str, nullable: bool = True) -> list[tuple]:
    if field == "akta_lahir":
        return [(1, "Memiliki akta kelahiran"), (2, "Belum memiliki akta kelahiran")]
    out = list(register.code_labels(field).items())
    return out + [(None, BELUM)] if nullable else out


def _fold(rows: list[dict], key: Callable[[dict], object]) -> list[dict]:
    """Regroup register rows (with umur, status_kawin, ...) under a computed kode."""
    return [{"kode": key(r), "wilayah": r.get("wilayah"), "jenis_kelamin": r["jenis_kelamin"],
             "jumlah": r["jumlah"]} for r in rows]


def _band(umur) -> str | None:
    if umur is None:
        return None
    return next(k for k, lo, hi in UMUR_5 if lo <= umur <= hi) if umur >= 0 else UMUR_5[0][0]


def _stage(umur) -> str | None:
    if umur is None:
        return None
    return next(k for k, _, lo, hi in TAHAP if lo <= max(umur, 0) <= hi)


def _adult(r: dict) -> bool:
    return (r["umur"] is not None and r["umur"] >= 17) or (r["status_kawin"] not in (None, 1))


# The fields each resident category groups by (besides sex and place); all_tables packs them into few queries.
NEEDS = {"umur": ("umur",), "tahap_umur": ("umur",), "wajib_ktp": ("umur", "status_kawin"),
         "calon_pemilih": ("umur", "status_kawin", "kewarganegaraan"), "jenis_kelamin": ()}
#: Most rows one packed GROUP BY may return (by the code lists' sizes): each scan of the register costs more than
#: summing a few thousand rows in Python, so all_tables asks for several categories' fields in one query.
PACK_ROWS = 5000
AGES = 121


def _size(field: str) -> int:
    if field == "umur":
        return AGES
    if field == "akta_lahir":
        return 2
    spec = register.FIELD_SPECS.get(field)
    return len(register.code_labels(field)) + (1 if spec is None or spec.null else 0)


def _packs(needs: list[tuple], places: int) -> list[tuple]:
    """Group the categories' field sets into as few GROUP BYs as fit PACK_ROWS (first fit, biggest sets first)."""
    packs: list[list[str]] = []

    def rows(fields) -> int:
        n = 2 * max(1, places)
        for f in fields:
            n *= _size(f)
        return n

    for need in sorted(set(needs), key=lambda n: (-len(n), -rows(n), n)):
        if not need or any(set(need) <= set(p) for p in packs):
            continue
        for pack in packs:
            merged = [*pack, *(f for f in need if f not in pack)]
            if rows(merged) <= PACK_ROWS:
                pack[:] = merged
                break
        else:
            packs.append(list(need))
    return [tuple(p) for p in packs]


async def _prefetch(kodes: list[str], tingkat: int, per: date | None, status: int | None) -> list[tuple]:
    """[(fields, rows)]: the packed counts for these categories, each row with sex (and place at `tingkat`)."""
    needs = [NEEDS.get(k, (_FIELDS[k][2],)) for k in kodes
             if k in _FIELDS and (k in NEEDS or _FIELDS[k][2] is not None) and k not in SATUAN]
    places = len(await register.wilayah_rows()) if tingkat else 1
    where = {"status_penduduk": status} if status is not None else None
    out = []
    for pack in _packs(needs, places):
        by = (*pack, "jenis_kelamin", *(("wilayah",) if tingkat else ()))
        out.append((set(pack), await register.counts(by=by, where=where, as_of=per, level=tingkat or None)))
    return out


def _marginal(rows: list[dict], by: tuple) -> list[dict]:
    sums: dict[tuple, int] = {}
    for r in rows:
        key = tuple(r[b] for b in by)
        sums[key] = sums.get(key, 0) + r["jumlah"]
    return [{**dict(zip(by, key)), "jumlah": n} for key, n in sums.items()]


async def _raw(kode: str, tingkat: int, per: date | None, status: int | None,
               packed: list[tuple] = ()) -> tuple[list[tuple], list[dict]]:
    """(code list, rows {kode, wilayah, jenis_kelamin, jumlah}) for one category, wilayah at `tingkat`.

    `packed`: counts all_tables fetched beforehand (`_prefetch`); a category whose fields are there is summed
    from them instead of asking the database again."""
    place = ("wilayah",) if tingkat else ()
    level = tingkat or None
    where = {"status_penduduk": status} if status is not None else None

    async def people(*by):
        by = tuple(dict.fromkeys((*by, "jenis_kelamin", *place)))
        for fields, rows in packed:
            if set(by) - {"jenis_kelamin", "wilayah"} <= fields:
                return _marginal(rows, by)
        return await register.counts(by=by, where=where, as_of=per, level=level)

    if kode in _extras.get():
        extra = _extras.get()[kode]
        return list(extra.kode), await extra.hitung(tingkat=tingkat, per=per, status=status)
    field = _FIELDS[kode][2]
    if kode == "umur":
        return [(k, f"{k} tahun") for k, _, _ in UMUR_5] + [(None, BELUM)], \
            _fold(await people("umur"), lambda r: _band(r["umur"]))
    if kode == "tahap_umur":
        return [(k, label) for k, label, _, _ in TAHAP] + [(None, BELUM)], \
            _fold(await people("umur"), lambda r: _stage(r["umur"]))
    if kode == "wajib_ktp":
        return [(1, "Wajib KTP"), (2, "Belum wajib KTP")], \
            _fold(await people("umur", "status_kawin"), lambda r: 1 if _adult(r) else 2)
    if kode == "calon_pemilih":
        return [(1, "Calon pemilih"), (2, "Bukan calon pemilih")], _fold(
            await people("umur", "status_kawin", "kewarganegaraan"),
            lambda r: 1 if _adult(r) and r["kewarganegaraan"] == 1 else 2)
    if kode == "kelas_sosial":
        rows = await register.unit_counts("keluarga", by=("kelas_sosial", "jenis_kelamin", *place), where=where,
                                          as_of=per, level=level)
        return _codes("kelas_sosial"), _fold(rows, lambda r: r["kelas_sosial"])
    if kode == "rumah_tangga":
        rows = await register.unit_counts("rumah_tangga", by=("jenis_kelamin", *place), where=where, as_of=per,
                                          level=level)
        return [(1, "Rumah tangga")], _fold(rows, lambda r: 1)
    return _codes(field), _fold(await people(field), lambda r: r[field])


async def _places(tingkat: int) -> list[tuple[int, str]]:
    """The places at `tingkat` the current user may see, in order, named with their parents ("Koto / RW 01")."""
    rows = {r["id"]: r for r in await register.wilayah_rows()}
    scope = register.current_scope()
    visible = set(scope["wilayah_ids"]) if scope else None

    def path(row) -> tuple[str, ...]:
        names, seen = [], set()
        while row is not None and row["id"] not in seen:
            seen.add(row["id"])
            names.append(row["nama"])
            row = rows.get(row["induk"])
        return tuple(reversed(names))

    found = [(path(r), r["id"]) for r in rows.values()
             if r["tingkat"] == tingkat and (visible is None or r["id"] in visible)]
    return [(wid, " / ".join(names)) for names, wid in sorted(found)]


_cache: OrderedDict[tuple, list[dict]] = OrderedDict()
CACHE_SIZE = 512


async def table(kategori: str, *, tingkat: int = 0, per: date | None = None, status: int | None = None,
                _profil: dict | None = None) -> list[dict]:
    """One category as long-format rows (see plugins.statistik.api): every code x place x sex, zeros included."""
    kat = category(kategori)
    tingkat, per, status = await _check(tingkat, per, status)
    profil = _profil or await register.stored_profile()
    return await _table(_key(kat.kode, tingkat, per, status, profil, await register.data_version()), profil)


def _key(kode: str, tingkat: int, per: date | None, status: int | None, profil: dict, version: str) -> tuple:
    scope = register.current_scope()
    return (version, tuple(scope["wilayah_ids"]) if scope else None, kode, tingkat, per, status, profil.get("nama"),
            profil.get("sebutan_dusun"), tuple(_extras.get()), _extra_versions.get().get(kode))


async def _table(key: tuple, profil: dict, packed: list[tuple] = ()) -> list[dict]:
    if key in _cache:
        _cache.move_to_end(key)
        return [dict(r) for r in _cache[key]]
    kode, tingkat, per, status = key[2:6]
    codes, raw = await _raw(kode, tingkat, per, status, packed)
    rows = _layout(codes, raw, await _places(tingkat) if tingkat else [], tingkat, profil)
    _cache[key] = rows
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return [dict(r) for r in rows]


def _layout(codes: list[tuple], raw: list[dict], places: list[tuple], tingkat: int, profil: dict) -> list[dict]:
    sums: dict[tuple, int] = {}
    known = {k for k, _ in codes}
    codes = list(codes)
    for r in raw:
        if r["kode"] not in known:  # a code outside the shipped list: shown, never dropped
            known.add(r["kode"])
            codes.insert(len(codes) - (codes[-1][0] is None), (r["kode"], f"Kode {r['kode']}"))
        k = (r["kode"], r["wilayah"] if tingkat else None, r["jenis_kelamin"])
        sums[k] = sums.get(k, 0) + int(r["jumlah"])
    if not tingkat:
        wilayah = [(None, profil.get("nama") or "Nagari")]
    else:
        sebutan = {1: profil.get("sebutan_dusun") or "Jorong", 2: "RW", 3: "RT"}[tingkat]
        wilayah = list(places)
        if any(k[1] is None and n for k, n in sums.items()):
            wilayah.append((None, f"Tanpa {sebutan}"))
    return [{"kode": kode, "label": label, "wilayah": wid, "wilayah_nama": nama, "jenis_kelamin": jk,
             "jumlah": sums.get((kode, wid, jk), 0)}
            for wid, nama in wilayah for kode, label in codes for jk in (1, 2)]


async def all_tables(*, tingkat: int = 0, per: date | None = None, status: int | None = None) -> dict[str, list[dict]]:
    """Every category at once: ``{kode: table(kode, ...)}`` in the order of `categories()`."""
    return await tables([k.kode for k in categories()], tingkat=tingkat, per=per, status=status)


async def tables(kodes, *, tingkat: int = 0, per: date | None = None, status: int | None = None,
                 _profil: dict | None = None, _version: str | None = None) -> dict[str, list[dict]]:
    """Several categories of one register version: ``{kode: table(kode, ...)}``, the uncached ones from a few
    packed GROUP BYs (`_prefetch`) and the register's version read once (`_version`: already read)."""
    kats = [category(k) for k in kodes]
    tingkat, per, status = await _check(tingkat, per, status)
    profil = _profil or await register.stored_profile()
    version = _version or await register.data_version()
    keys = {k.kode: _key(k.kode, tingkat, per, status, profil, version) for k in kats}
    packed = await _prefetch([k for k, key in keys.items() if key not in _cache], tingkat, per, status)
    return {k: await _table(key, profil, packed) for k, key in keys.items()}

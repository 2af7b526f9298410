"""Searching by index (issue 19) finds exactly the residents a plain substring search finds, on both engines.

The demo nagari plus residents with awkward names (apostrophes, quotes, `%`, `_`, a backslash, letters beyond
ASCII) is searched with a table of queries through the list (core.penduduk.cari), the books' lists
(core.penduduk.daftar, which also match the No. KK) and a page at a time; every answer must equal a Python filter
over the same rows: a part of the lower-cased name, or for digits the start of the NIK (or No. KK). Each engine's
answers are kept, so when both run in one session the second is also compared with the first.
"""

from datetime import date

import pytest

from balai_demo.penduduk import build
from core.db.binding import current_engine
from core.db.bulk import bulk_insert
from core.penduduk import pencarian
from core.penduduk.cari import PER_PAGE, Filter, every_match, search
from core.penduduk.daftar import resident_page, stream_residents
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import run_sync

AWKWARD = ("Ma'ruf Amin", 'Siti "Upik" Aminah', "Persen 100% Benar", "Garis_Bawah Saja", "Back\\slash Koto",
           "Ñoño Éléonore", "Zoë Chaniago", "ÇAĞLAR İnce", "李小龙 Putra", "Nur  Dua Spasi")
QUERIES = (
    "rustam", "rustam koto", "putra", "siti", "RuStAm", "PUTRA", "ma'ruf", "MA'RUF", "'", "ma'", "ruf amin",
    '"upik"', '"', 'siti "', '"upik', "%", "100%", "% b", "_", "garis_", "s_t", "\\", "back\\s", "ñoño",
    "ÉLÉONORE", "zoë", "zoe", "李小", "李", "i\u0307nce", "İNCE", "ince", "çağ", "nur  dua", "nur dua", "a", "ko", "zz",
    "é", "e", "AND", "OR", "NEAR(", "*", "^sit", "nama:siti", "-", "a OR b", "koto", " koto ", "tidak ada sama sekali",
    "1307", "13070512", "1307 05", "0", "99999", "1 3 0 7", "130705120", "12", "")
_answers: dict[str, dict] = {}


@pytest.fixture
def register(balai):
    """The demo register and the awkward names, one in a family (its No. KK) and one no longer living."""
    run_sync(build(300, seed=11, today=date(2026, 12, 1)))

    async def awkward():
        rows = [{"nik": f"99990000000000{i:02d}", "nama": name, "nama_cari": name.lower(), "jenis_kelamin": 1,
                 "tanggal_lahir": date(1980, 1, 1 + i), "keluarga": 1 if i == 0 else None,
                 "status_dasar": 2 if i == 1 else 1} for i, name in enumerate(AWKWARD)]
        await bulk_insert(Penduduk, rows)
        return await Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama_cari, Penduduk.status_dasar,
                                     Penduduk.keluarga.no_kk.as_alias("no_kk")).run()
    return run_sync(awkward())


def expected(rows: list[dict], q: str, *, no_kk: bool = False, living: bool = False) -> set[str]:
    """The plain rule, in Python: digits start the NIK (or No. KK); anything else is a part of the name."""
    q = q.strip()
    digits = q.replace(" ", "")
    found = set()
    for r in rows:
        if living and r["status_dasar"] != 1:
            continue
        if not q:
            hit = True
        elif digits.isascii() and digits.isdigit():
            hit = r["nik"].startswith(digits) or (no_kk and (r["no_kk"] or "").startswith(digits))
        else:
            hit = q.lower() in r["nama_cari"]
        if hit:
            found.add(r["nik"])
    return found


def _list(q: str) -> set[str]:
    async def go():
        return {r["nik"] async for rows in every_match(Filter(q=q, status_dasar=None), (Penduduk.nik,))
                for r in rows}
    return run_sync(go())


def _paged(q: str) -> tuple[set[str], int]:
    """Every page of the resident list, as the office sees it, and the total it showed on the first."""
    found, hal, total = set(), 1, None
    while True:
        rows, count = run_sync(search(Filter(q=q, status_dasar=None, hal=hal)))
        total = count if total is None else total
        found |= {r["nik"] for r in rows}
        if not (count.lebih or hal * PER_PAGE < count):
            return found, total
        hal += 1


def _books(q: str) -> set[str]:
    async def go():
        return {r["nik"] async for r in stream_residents(("nik",), cari=q)}
    return run_sync(go())


def _answers_for(rows: list[dict]) -> dict:
    answers = {}
    for q in QUERIES:
        listed, paged, books = _list(q), _paged(q), _books(q)
        assert listed == expected(rows, q), q
        assert paged[0] == listed and paged[1] == len(listed), q
        assert books == expected(rows, q, no_kk=True, living=True), q
        answers[q] = (listed, books)
    return answers


def test_every_query_finds_what_a_substring_filter_finds_on_both_engines(register):
    engine = current_engine().engine_type
    if engine == "sqlite":  # the index is there and in use (SQLite 3.34+ here), not the fallback
        assert run_sync(pencarian._fts_ready())
    else:
        assert run_sync(current_engine().run_ddl(
            "SELECT 1 AS ada FROM pg_indexes WHERE indexname = 'balai_penduduk_nama_trgm'"))
    answers = _answers_for(register)
    assert answers["ma'ruf"][0] and answers['"upik"'][0] and answers["100%"][0] and answers["ñoño"][0]
    assert not answers["s_t"][0] and answers["%"][0] == answers["100%"][0]  # wildcards are letters
    _answers[engine] = answers
    if len(_answers) == 2:
        assert _answers["sqlite"] == _answers["postgres"]


def _shown(wanted: int, offset: int, limit: int, few: int, cap: int) -> tuple[bool, int]:
    """The count a page of a search gives: exact up to `few`; beyond, "more than `few`" while the page ends
    before it, else counted up to the cap past the page's end."""
    if wanted <= few:
        return False, wanted
    if offset + limit < few:
        return True, few
    cap = cap * ((offset + limit) // cap + 1)
    return (True, cap) if wanted > cap else (False, wanted)


@pytest.mark.parametrize("few", [5, 60])
def test_a_search_matching_many_is_paged_in_list_order_and_counted_up_to_a_cap(register, monkeypatch, few):
    monkeypatch.setattr(pencarian, "FEW", few)  # past the id-list path
    monkeypatch.setattr(pencarian, "COUNT_CAP", 120)
    assert len(expected(register, "a")) > 120
    for q in ("a", "an", "ani", "putra", "rustam", "1307"):
        found, total = _paged(q)
        assert found == expected(register, q), q
        assert (total.lebih, int(total)) == _shown(len(found), 0, PER_PAGE, few, 120), q
    # a book's deeper pages: the count always reaches past the page, so "is there a next page" is answered
    living = len(expected(register, "a", living=True))
    for mulai in (0, 40, 100, 200):
        rows, total = run_sync(resident_page(("nik",), cari="a", mulai=mulai, batas=25))
        assert len(rows) == min(25, max(living - mulai, 0))
        assert (total.lebih, int(total)) == _shown(living, mulai, 25, few, 120)
        assert (mulai + 25 < total) == (mulai + 25 < living)


def test_names_follow_a_change_and_a_removal(register):
    someone = next(r for r in register if r["nama_cari"] == "zoë chaniago")
    run_sync(Penduduk.update({Penduduk.nama: "Zoë Melayu", Penduduk.nama_cari: "zoë melayu"}).where(
        Penduduk.nik == someone["nik"]))
    assert _list("chaniago") == expected(register, "chaniago") - {someone["nik"]}
    assert _list("zoë melayu") == {someone["nik"]}
    run_sync(Penduduk.delete().where(Penduduk.nik == someone["nik"]))
    assert _list("zoë") == set() and _list("melayu") == expected(register, "melayu")


def test_sqlite_without_the_index_finds_the_same(register, monkeypatch):
    if current_engine().engine_type != "sqlite":
        pytest.skip("the FTS table is SQLite's")
    before = {q: _list(q) for q in ("rustam", "ma'ruf", '"upik"', "100%")}
    run_sync(current_engine().run_ddl("DROP TABLE balai_penduduk_cari"))
    monkeypatch.setattr(pencarian, "_indexed", set())
    for q, found in before.items():
        assert _list(q) == found == expected(register, q), q


def test_postgres_without_pg_trgm_still_migrates(balai, monkeypatch, caplog):
    """Where the extension cannot be created the migration goes on in the same transaction, with a warning."""
    engine = current_engine()
    if engine.engine_type != "postgres":
        pytest.skip("pg_trgm is PostgreSQL's")
    from core.migrations import core_2026_12_05t12_10_00_000000 as migration

    real = type(engine).run_ddl

    async def refused(self, ddl, *args, **kwargs):
        return await real(self, "CREATE EXTENSION no_such_extension_here" if "pg_trgm" in ddl else ddl,
                          *args, **kwargs)

    async def go():
        await engine.run_ddl(f"DROP INDEX {migration.GIN_INDEX}")
        async with engine.transaction():
            await migration._postgres(engine)
            return [dict(r) for r in await engine.run_ddl("SELECT 1 AS ok")]  # the transaction still works

    monkeypatch.setattr(type(engine), "run_ddl", refused)
    assert run_sync(go()) == [{"ok": 1}]
    assert "pg_trgm tidak bisa dipasang" in caplog.text


def test_the_lists_exact_total_follows_every_journal_entry(register):
    """Without a search the total is exact and kept per register version; a registration changes it at once."""
    from core.penduduk.massal import Muatan, load

    living = sum(1 for r in register if r["status_dasar"] == 1)
    assert [run_sync(search(Filter()))[1] for _ in range(2)] == [living, living]
    newcomer = {"nik": "9999000000000099", "nama": "Pendatang Baru", "jenis_kelamin": 2,
                "tanggal_lahir": date(1990, 5, 5), "wilayah": ("Koto Tinggi", "", "")}
    run_sync(load(Muatan(baru=[newcomer]), "uji", date(2026, 12, 1)))
    rows, total = run_sync(search(Filter(q="pendatang")))
    assert [r["nik"] for r in rows] == ["9999000000000099"] and total == 1
    assert run_sync(search(Filter()))[1] == living + 1


def test_the_list_page_says_more_than_when_the_count_stopped(register, admin_client, monkeypatch):
    monkeypatch.setattr(pencarian, "FEW", 5)
    monkeypatch.setattr(pencarian, "COUNT_CAP", 120)
    many = admin_client.get("/admin/penduduk", params={"q": "a", "status_dasar": "semua"}).text
    assert 'id="jumlah-hasil">lebih dari 120 penduduk · halaman 1<' in many and "Berikutnya »" in many
    assert "semua lebih dari 120 penduduk yang cocok" in many
    few = expected(register, "rustam")
    page = admin_client.get("/admin/penduduk", params={"q": "Rustam", "status_dasar": "semua"}).text
    assert f'id="jumlah-hasil">{len(few)} penduduk · halaman 1 dari 1<' in page and "Berikutnya »" not in page


@pytest.mark.parametrize("sort", ["nama", "umur", "umur_turun", "nik"])
def test_a_page_read_by_ids_is_in_the_same_order_as_one_read_in_list_order(register, monkeypatch, sort):
    def pages(few: int) -> list[list[str]]:
        monkeypatch.setattr(pencarian, "FEW", few)
        return [[r["nik"] for r in run_sync(search(Filter(q="a", sort=sort, status_dasar=None, hal=hal)))[0]]
                for hal in (1, 2, 3)]
    by_ids, in_order = pages(10_000), pages(5)
    assert by_ids == in_order and all(len(p) == PER_PAGE for p in by_ids)

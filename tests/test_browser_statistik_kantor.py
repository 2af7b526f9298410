"""In a real Chromium, as the Wali Nagari (issue 17): the office statistics against the register's own database.

Education by jorong, the population pyramid, last month's report adding up, a category as of a past month's end
(the same number as that month's report), and the pyramid and report on a 390-px phone. Every number is read
as the user sees it ("1.234") and checked against a count made here with sqlite3, not with the plugin's code.
"""

import re
import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from plugin_sdk import register
from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
ARRIVING = ("pendataan_awal", "lahir", "pindah_masuk")  # DOMAIN.md: the kinds that start a stay
LEAVING = ("mati", "pindah_keluar", "hilang", "pergi")  # ... and those that end it
BANDS = [f"{a}-{a + 4}" for a in range(0, 75, 5)] + ["75+"]
NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*$")  # 7, 297, 1.234: a dot between thousands


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "300")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def number(text: str) -> int:
    text = text.strip()
    assert NUMBER.match(text), f"not a number as the office writes it: {text!r}"
    return int(text.replace(".", ""))


def long_date(day: date) -> str:
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def month_end_before(day: date, months: int) -> date:
    """The last day of the month `months` months before `day`'s month (1: last month)."""
    n = day.year * 12 + day.month - 1 - months + 1  # the month after the one wanted
    return date(n // 12, n % 12 + 1, 1) - timedelta(days=1)


class Register:
    """Direct counts from the demo's SQLite file (core/penduduk/tables.py), independent of the plugin."""

    def __init__(self, path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def one(self, sql: str, *args) -> int:
        return self.db.execute(sql, args).fetchone()[0]

    def jorong_id(self, nama: str) -> int:
        return self.one("SELECT id FROM balai_wilayah WHERE tingkat = 1 AND nama = ?", nama)

    def living_in_jorong(self, jorong: int, pendidikan_kk: int | None = None) -> int:
        """Living residents (status_dasar 1) recorded at the jorong or at a RW/RT below it."""
        sql = ("WITH RECURSIVE bawah(id) AS (SELECT ? UNION ALL SELECT w.id FROM balai_wilayah w JOIN bawah"
               " ON w.induk = bawah.id) SELECT COUNT(*) FROM balai_penduduk WHERE status_dasar = 1"
               " AND wilayah IN (SELECT id FROM bawah)")
        if pendidikan_kk is None:
            return self.one(sql, jorong)
        return self.one(sql + " AND pendidikan_kk = ?", jorong, pendidikan_kk)

    def living(self) -> int:
        return self.one("SELECT COUNT(*) FROM balai_penduduk WHERE status_dasar = 1")

    def present_at_end_of(self, day: date) -> int:
        """Residents in the register at the end of `day`, from the journal: every stay that began by then minus
        every stay that ended by then (entries not cancelled)."""
        def kinds(names):
            return ("SELECT COUNT(*) FROM balai_peristiwa WHERE dibatalkan = 0 AND tanggal_peristiwa <= ?"
                    f" AND jenis IN ({', '.join(repr(k) for k in names)})")
        return self.one(f"SELECT ({kinds(ARRIVING)}) - ({kinds(LEAVING)})", day.isoformat(), day.isoformat())


def table_rows(table) -> dict[str, list[str]]:
    """A statistics table as {row label: [Laki-laki, Perempuan, Jumlah, Persen]}, with the Jumlah of the footer."""
    out = {}
    for row in table.locator("tbody tr, tfoot tr").all():
        out[row.locator("th").inner_text().strip()] = [c.strip() for c in row.locator("td").all_inner_texts()]
    return out


def same_type_size(table) -> bool:
    """Numbers in a table are set like its words (not the dashboard's big figures)."""
    return table.evaluate("t => new Set([...t.querySelectorAll('tbody th, tbody td')]"
                          ".map(c => getComputedStyle(c).fontSize)).size === 1")


def report_line(group) -> dict[str, int]:
    """One place's "Jumlah" line of the monthly report: {column: number}, read from the cells shown."""
    line = group.locator("tr.baris-jumlah")
    cells = line.locator("td[data-kolom]")
    figures = {cells.nth(i).get_attribute("data-kolom"): number(cells.nth(i).inner_text())
               for i in range(cells.count())}
    assert line.locator("td.periksa").inner_text().strip().endswith("✓")
    return figures


def test_wali_nagari_reads_the_statistics_and_the_monthly_report(browser, server):  # noqa: F811
    db = Register(server.data_dir / "balai.sqlite")
    today = datetime.now(timezone(timedelta(hours=7))).date()  # the demo nagari keeps WIB, as the pages do

    admin_context = browser.new_context(viewport=DESKTOP)
    admin = admin_context.new_page()
    log_in(admin, server.url, "admin", "demo-balai")
    admin.wait_for_url("**/admin")
    admin.goto(server.url + "/admin/pengguna/baru")
    admin.get_by_label("Nama lengkap").fill("Syafril Datuak Rajo Nan Kayo")
    admin.get_by_label("Nama pengguna").fill("syafril")  # the demo has its own "walinagari" (bantuan's maker-checker)
    admin.get_by_label("Peran").select_option(label="Wali Nagari")
    admin.get_by_label("Kata sandi awal").fill("sandi-wali-nagari-1")
    admin.get_by_role("button", name="Simpan").click()
    admin.wait_for_url("**/admin/pengguna")
    admin_context.close()

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(5000)
    log_in(page, server.url, "syafril", "sandi-wali-nagari-1")
    page.wait_for_url("**/admin")
    menu = page.get_by_role("navigation", name="Menu admin")

    # 1. Education by jorong, from the menu, with the page's own control; two numbers against the database
    menu.get_by_role("link", name="Statistik", exact=True).click()
    page.wait_for_url("**/admin/statistik")
    assert page.get_by_role("heading", level=1).inner_text() == "Statistik penduduk"
    page.get_by_role("link", name="Pendidikan dalam KK", exact=True).click()
    page.wait_for_url("**/admin/statistik/pendidikan_kk")
    page.get_by_label("Menurut").select_option(label="Jorong")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(r"tingkat=1"))
    assert page.get_by_role("heading", level=1).inner_text() == "Pendidikan dalam KK per Jorong"
    assert "Keadaan hari ini" in page.locator("main").inner_text()
    jorong_names = [n.strip() for n in page.locator("section.card h2").all_inner_texts()
                    if n.strip() not in ("Jumlah seluruh nagari", "Grafik batang", "Grafik lingkaran")]
    assert sorted(jorong_names) == sorted(r[0] for r in db.db.execute(
        "SELECT nama FROM balai_wilayah WHERE tingkat = 1"))
    jorong = jorong_names[0]
    shown = table_rows(page.get_by_role("region", name=f"Pendidikan dalam KK – {jorong}", exact=True)
                       .locator("table"))
    labels = {v: k for k, v in register.code_labels("pendidikan_kk").items()}
    level, counts = max(((label, cells) for label, cells in shown.items() if label in labels),
                        key=lambda item: number(item[1][2]))
    assert number(counts[0]) + number(counts[1]) == number(counts[2])
    assert number(counts[2]) == db.living_in_jorong(db.jorong_id(jorong), labels[level]) > 0, (jorong, level)
    assert number(shown["Jumlah"][2]) == db.living_in_jorong(db.jorong_id(jorong)), jorong
    assert same_type_size(page.locator("table.statistik-tabel").first)
    nagari = table_rows(page.get_by_role("region", name="Pendidikan dalam KK – jumlah", exact=True).locator("table"))
    assert number(nagari["Jumlah"][2]) == db.living()

    # 2. The population pyramid, one link away: an SVG with the age bands and both sexes
    page.get_by_role("link", name="Piramida penduduk").click()
    page.wait_for_url("**/admin/statistik/piramida")
    chart = page.get_by_role("img", name="Piramida penduduk menurut umur dan jenis kelamin")
    assert chart.is_visible() and chart.evaluate("e => e.tagName") == "svg"
    assert chart.bounding_box()["width"] > 400
    assert [t.strip() for t in chart.locator("text").all_text_contents()] == [*reversed(BANDS), "Laki-laki",
                                                                             "Perempuan"]
    assert chart.locator("rect.laki").count() == chart.locator("rect.perempuan").count() == len(BANDS)
    assert chart.locator("rect.laki").first.bounding_box()["width"] > 0
    bands = table_rows(page.get_by_role("region", name="Piramida penduduk", exact=True).locator("table"))
    assert list(bands) == [f"{b} tahun" for b in BANDS]
    assert same_type_size(page.locator("table.statistik-tabel"))
    assert sum(number(cells[2]) for cells in bands.values()) == db.living()  # the demo records every birth date

    # 3. Last month's report: start + births + arrivals - deaths - departures = end, for the nagari and a jorong
    last_month = month_end_before(today, 1)
    menu.get_by_role("link", name="Laporan bulanan").click()
    page.wait_for_url("**/admin/statistik/bulanan")
    assert page.get_by_label("Bulan", exact=True).input_value() == f"{last_month:%Y-%m}"
    report = page.locator("#laporan-bulanan")
    assert report.locator("caption").inner_text() == (f"Laporan bulanan {BULAN[last_month.month - 1]} "
                                                      f"{last_month.year} per Jorong")
    total = report_line(report.locator("tbody.jumlah"))
    assert same_type_size(report)
    lines = {name: report_line(report.locator("tbody").filter(
        has=page.locator("th[scope=rowgroup]", has_text=re.compile(rf"^{re.escape(name)}$"))))
             for name in jorong_names}
    for name, f in [("Jumlah", total), *lines.items()]:
        assert f["awal"] + f["lahir"] + f["datang"] + f["pendataan"] + f["antar_masuk"] + f["koreksi_masuk"] \
            - f["mati"] - f["pindah"] - f["antar_keluar"] - f["koreksi_keluar"] == f["akhir"], name
    for name, f in (("Jumlah", total), (jorong, lines[jorong])):
        # the demo has no late registrations, corrections or moves between jorong: the five columns say it all
        assert f["pendataan"] == f["koreksi_masuk"] == f["koreksi_keluar"] == 0, name
        assert f["antar_masuk"] == f["antar_keluar"] == 0, name
        assert f["awal"] + f["lahir"] + f["datang"] - f["mati"] - f["pindah"] == f["akhir"], name
    for k in ("awal", "lahir", "datang", "mati", "pindah", "akhir"):  # every resident has a jorong in the demo
        assert total[k] == sum(f[k] for f in lines.values()), k
    assert total["akhir"] == db.present_at_end_of(last_month)

    # 4. A category as of the end of a past month: the number the report ends that month with, and the journal's
    past = next((d for d in map(lambda k: month_end_before(today, k), range(2, 13))
                 if db.present_at_end_of(d) != db.living()), month_end_before(today, 6))  # a month with news since
    menu.get_by_role("link", name="Statistik", exact=True).click()
    page.wait_for_url("**/admin/statistik")
    page.get_by_role("link", name="Jenis kelamin", exact=True).click()
    page.wait_for_url("**/admin/statistik/jenis_kelamin")
    page.get_by_label("Per tanggal").select_option(label=long_date(past))
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(rf"per={past.isoformat()}"))
    assert f"Keadaan per {long_date(past)}." in page.locator("main").inner_text()
    as_of = number(table_rows(page.locator("table.statistik-tabel"))["Jumlah"][2])
    assert as_of == db.present_at_end_of(past)
    page.get_by_role("link", name="Piramida penduduk").click()  # the date goes along
    page.wait_for_url(re.compile(rf"/admin/statistik/piramida\?per={past.isoformat()}"))
    assert page.get_by_label("Per tanggal").locator("option:checked").inner_text() == long_date(past)
    bands = table_rows(page.get_by_role("region", name="Piramida penduduk", exact=True).locator("table"))
    assert sum(number(cells[2]) for cells in bands.values()) == as_of
    menu.get_by_role("link", name="Laporan bulanan").click()
    page.wait_for_url("**/admin/statistik/bulanan")
    page.get_by_label("Bulan", exact=True).fill(f"{past:%Y-%m}")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(rf"bulan={past:%Y-%m}"))
    assert report_line(page.locator("#laporan-bulanan tbody.jumlah"))["akhir"] == as_of

    # 5. On a 390-px phone: the report scrolls inside its own frame, the pyramid fits the screen
    page.set_viewport_size(PHONE)
    page.goto(server.url + "/admin/statistik/bulanan")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    frame = page.get_by_role("region", name="Laporan bulanan", exact=True)
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")  # many columns: the table scrolls, not the page
    end = frame.locator("tbody.jumlah tr.baris-jumlah td[data-kolom=akhir]")
    end.scroll_into_view_if_needed()
    assert end.is_visible() and number(end.inner_text()) == total["akhir"]
    page.goto(server.url + "/admin/statistik/piramida")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.get_by_role("img", name="Piramida penduduk menurut umur dan jenis kelamin").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] > 100
    context.close()

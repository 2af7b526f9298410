"""A value the import cannot map is kept as received, shown to the operator and written back by the OpenSID export."""

import re

from core.penduduk.tables import Penduduk
from plugin_sdk.testing import run_sync
from plugins.impor.contoh import rows, write_csv, write_xlsx
from tests.impor_helpers import apply, check, export, figures, opensid_table

KEPT = "tidak dikenal; disimpan apa adanya dan ditulis kembali saat ekspor OpenSID"


def test_an_unknown_ktp_pair_or_code_is_kept_shown_and_exported_unchanged(admin_client, balai, tmp_path):
    data = rows(12, seed=6)
    data[0]["ktp_el"], data[0]["status_rekam"] = 2, 1  # OpenSID accepts any pair; this one is no row of its table
    data[1]["ktp_el"], data[1]["status_rekam"] = "", 4
    data[2]["cara_kb_id"] = 42
    report = check(admin_client, balai, write_xlsx(tmp_path / "opensid.xlsx", data))
    page = admin_client.get(report).text
    assert figures(page)["ditolak"] == 0 and page.count(KEPT) == 3
    assert re.search(r"<td>2</td><td>status_rekam</td><td>[^<]*ktp_el 2[^<]*status_rekam 1[^<]*" + KEPT, page)
    apply(admin_client, balai, report)

    first = run_sync(Penduduk.select().where(Penduduk.nik == data[0]["nik"]).first().run())
    assert first["status_ktp"] is None
    shown = admin_client.get(f"/admin/penduduk/{first['id']}").text  # the resident's page says what was kept
    assert re.search(r"ktp_el</t[hd]>\s*<td>2</td>", shown) and re.search(r"status_rekam</t[hd]>\s*<td>1</td>", shown)

    content = export(admin_client, balai, "opensid-csv")
    out = {r["nik"]: r for r in opensid_table(content)}
    assert (out[data[0]["nik"]]["ktp_el"], out[data[0]["nik"]]["status_rekam"]) == ("2", "1")
    assert (out[data[1]["nik"]]["ktp_el"], out[data[1]["nik"]]["status_rekam"]) == ("", "4")
    assert out[data[2]["nik"]]["cara_kb_id"] == "42"
    again = tmp_path / "ekspor.csv"
    again.write_bytes(content)
    assert figures(admin_client.get(check(admin_client, balai, again)).text)["diubah"] == 0

    # Later a file with a pair Balai knows: the status is recorded and the kept pair goes.
    data[0]["status_rekam"] = 8
    report = check(admin_client, balai, write_csv(tmp_path / "baru.csv", data))
    assert figures(admin_client.get(report).text)["diubah"] == 1
    apply(admin_client, balai, report)
    assert run_sync(Penduduk.select().where(Penduduk.nik == data[0]["nik"]).first().run())["status_ktp"] == 7
    out = {r["nik"]: r for r in opensid_table(export(admin_client, balai, "opensid-csv"))}
    assert (out[data[0]["nik"]]["ktp_el"], out[data[0]["nik"]]["status_rekam"]) == ("2", "8")

"""Re-importing the register's own OpenSID export changes nothing; one field edited in it changes that field only."""

import json
import re
from datetime import date

from balai_demo.penduduk import build
from core.penduduk.tables import Penduduk, Peristiwa
from plugin_sdk.register import code_labels
from plugin_sdk.testing import run_sync
from plugins.impor.contoh import write_csv
from tests.impor_helpers import apply, check, export, figures, opensid_table


def test_reimporting_the_opensid_export_changes_nothing_and_an_edit_changes_exactly_that_field(
        admin_client, balai, tmp_path):
    run_sync(build(400, seed=1, today=date(2026, 11, 27)))  # the demo register: married without a certificate number
    people = run_sync(Penduduk.select().order_by(Penduduk.id).run())
    married = [p for p in people if p["status_kawin"] == 2]
    divorced, spaced, typed = married[0], married[1], married[2]
    # What hand entry leaves behind: a divorce on record without its certificate number, a doubled space.
    run_sync(Penduduk.update({Penduduk.status_kawin: 4}).where(Penduduk.id == divorced["id"]))
    run_sync(Penduduk.update({Penduduk.tempat_lahir: "Koto  Baru", Penduduk.golongan_darah: 1,
                              Penduduk.pekerjaan: 5}).where(Penduduk.id == spaced["id"]))
    before = {p["id"]: p for p in run_sync(Penduduk.select().order_by(Penduduk.id).run())}

    book = tmp_path / "ekspor.xlsx"
    book.write_bytes(export(admin_client, balai, "opensid-xlsx"))
    page = admin_client.get(check(admin_client, balai, book)).text
    assert figures(page) == {"baru": 0, "diubah": 0, "sama": len(people), "ditolak": 0}

    # One field edited; blank cells (a partial file) say nothing about the record.
    table = {r["nik"]: r for r in opensid_table(export(admin_client, balai, "opensid-csv"))}
    new_job = next(code for code in (88, 84, 9) if code != typed["pekerjaan"])
    table[typed["nik"]]["pekerjaan_id"] = new_job
    for column in ("golongan_darah_id", "pekerjaan_id", "status_kawin", "pendidikan_kk_id", "warganegara_id"):
        table[spaced["nik"]][column] = ""
    table[married[3]["nik"]]["status_kawin"] = ""
    report = check(admin_client, balai, write_csv(tmp_path / "satu.csv", list(table.values())))
    page = admin_client.get(report).text
    assert figures(page) == {"baru": 0, "diubah": 1, "sama": len(people) - 1, "ditolak": 0}
    labels = code_labels("pekerjaan")
    [line] = re.findall(r'<tr class="perubahan">(.*?)</tr>', page, re.S)
    cells = re.findall(r"<td>(.*?)</td>", line, re.S)
    assert typed["nik"] in cells and "Pekerjaan" in cells
    assert cells[-2:] == [labels[typed["pekerjaan"]], labels[new_job]]

    apply(admin_client, balai, report)
    after = {p["id"]: p for p in run_sync(Penduduk.select().order_by(Penduduk.id).run())}
    assert after[typed["id"]]["pekerjaan"] == new_job
    after[typed["id"]]["pekerjaan"] = typed["pekerjaan"]
    assert after == before  # nothing else moved: no marital status, no blood group, no spacing
    [entry] = run_sync(Peristiwa.select().where(Peristiwa.jenis == "koreksi").run())
    rincian = json.loads(entry["rincian"])
    assert entry["penduduk"] == typed["id"]
    assert (rincian["sebelum"], rincian["sesudah"]) == ({"pekerjaan": typed["pekerjaan"]}, {"pekerjaan": new_job})

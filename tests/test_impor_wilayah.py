"""An RT directly under a dusun (RW "-", as in OpenSID's own sample workbook) is kept, exported and read back."""

import re

from core.penduduk.baca import resident
from core.penduduk.tables import Penduduk, Wilayah
from plugin_sdk.testing import run_sync
from plugins.impor.contoh import rows, write_csv, write_xlsx
from tests.impor_helpers import apply, check, export, figures, opensid_table


def test_rt_without_rw_is_kept_shown_exported_and_read_back(admin_client, balai, tmp_path):
    data = rows(30, seed=5)
    families = sorted({r["no_kk"] for r in data})
    for r in data:
        r["rw"], r["rt"] = "-", f"{families.index(r['no_kk']) % 6 + 1:03d}"  # RT 001-006, no RW
    data[-1]["dusun"], data[-1]["rt"] = "-", "004"  # an RT without its dusun cannot be placed
    report = check(admin_client, balai, write_xlsx(tmp_path / "contoh.xlsx", data))
    page = admin_client.get(report).text
    assert 'id="jumlah-ditolak">1<' in page and re.search(rf"<td>{len(data) + 1}</td><td>dusun</td><td>[^<]*RT 004", page)
    apply(admin_client, balai, report)

    places = {w["id"]: w for w in run_sync(Wilayah.select().run())}
    assert not [w for w in places.values() if w["tingkat"] == 2]
    rts = [w for w in places.values() if w["tingkat"] == 3]
    assert sorted({w["nama"] for w in rts}) == ["001", "002", "003", "004", "005", "006"]
    assert all(places[w["induk"]]["tingkat"] == 1 for w in rts)  # each RT hangs directly under its dusun
    first = data[0]
    person = run_sync(Penduduk.select().where(Penduduk.nik == first["nik"]).first().run())
    assert places[person["wilayah"]]["nama"] == first["rt"]
    shown = run_sync(resident(person["id"], {"sebutan_dusun": "Jorong"}))
    assert shown["rt"] == first["rt"] and shown["rw"] == "" and f"RT {first['rt']}" in shown["alamat_lengkap"]
    assert "RW" not in shown["alamat_lengkap"]

    content = export(admin_client, balai, "opensid-csv")
    out = {r["nik"]: r for r in opensid_table(content)}
    for r in data[:-1]:
        assert (out[r["nik"]]["dusun"], out[r["nik"]]["rw"], out[r["nik"]]["rt"]) == (r["dusun"], "-", r["rt"])
    balai_csv = {r["nik"]: r for r in opensid_table(export(admin_client, balai, "balai-csv"))}
    assert (balai_csv[first["nik"]]["rw"], balai_csv[first["nik"]]["rt"]) == ("", first["rt"])

    # The export read back: nothing new, nothing changed, no place created twice.
    again = tmp_path / "ekspor.csv"
    again.write_bytes(content)
    page = admin_client.get(check(admin_client, balai, again)).text
    assert figures(page) == {"baru": 0, "diubah": 0, "sama": len(data) - 1, "ditolak": 0}

    # A known resident the file puts elsewhere is not moved behind the operator's back: the report says so.
    moved = dict(first, rt="6")  # RT typed as a number in Excel: 6 is RT 006
    other = dict(data[1], rt="009")
    page = admin_client.get(check(admin_client, balai, write_csv(tmp_path / "pindah.csv", [moved, other]))).text
    assert "pindah wilayah tidak dilakukan lewat impor" in page
    assert page.count("pindah wilayah tidak dilakukan lewat impor") == 1 + (first["rt"] != "006")
    assert len(run_sync(Wilayah.select().run())) == len(places)

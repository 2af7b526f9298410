"""bantuan's contract (api.py) for satu_data and reports: one number, one computation. The demo's BLT Dana Desa
recipients counted by the contract, per jorong, on the program's office page, on the public list and in the
statistics category are the same number; the contract gives aggregates only."""

from __future__ import annotations

import csv
import io
import re

from balai_demo.bantuan import buat_bantuan
from balai_demo.cli import DEMO_PASSWORD, _DemoRequest
from plugin_sdk.testing import run_sync
from plugins.bantuan import api
from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from tests.surat_helpers import demo_nagari
from tests.test_potensi_publik import anonymous


def test_the_recipient_count_is_one_number_on_every_door(balai, admin_client):
    demo_nagari(balai, residents=300)
    run_sync(buat_bantuan(lambda: _DemoRequest(balai), DEMO_PASSWORD))

    programs = {p["nama"].split()[0]: p for p in run_sync(api.program())}
    blt = programs["BLT"]
    assert blt["sumber_nama"] == "BLT Dana Desa" and blt["sasaran"] == "keluarga" and blt["penerima"] > 0
    per_jorong = run_sync(api.penerima_per_jorong(blt["id"]))
    assert sum(r["jumlah"] for r in per_jorong) == blt["penerima"] and all(r["jorong"] for r in per_jorong)

    office = admin_client.get(f"/admin/bantuan/{blt['id']}").text
    assert re.search(rf"\b{blt['penerima']}\b", office)
    public = anonymous(admin_client, f"/bantuan/{blt['id']}").text
    assert f"{blt['penerima']} keluarga" in public
    table = admin_client.get("/admin/statistik/penerima_bantuan.csv").content.decode()
    counted = sum(int(row[6]) for row in csv.reader(io.StringIO(table))
                  if row and row[0] == "penerima_bantuan" and row[1] == str(blt["id"]))
    assert counted == blt["penerima"]

    groups = programs["Bantuan"]
    assert groups["sasaran"] == "kelompok" and run_sync(api.penerima_per_jorong(groups["id"])) == [
        {"jorong": "", "jumlah": 3}]
    desil = run_sync(api.dtks_per_desil())
    assert desil["terdaftar"] == sum(desil["per_desil"].values()) + desil["tanpa_desil"] > 0
    # aggregates only: no name, NIK or No. KK anywhere in what the contract returns
    text = repr((programs, per_jorong, desil))
    assert not re.search(r"\d{16}", text)

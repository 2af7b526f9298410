"""The tanah ulayat as open data: the office chooses and publishes "adat-tanah-ulayat" like any dataset, and the
published CSV carries the register's parcels and hectares per status and use (land, never a person)."""

import csv
import io

from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import post_form, run_sync

from test_ulayat_bantu import catat_tanah, nagari_kecil

NAMA = "adat-tanah-ulayat"


def test_the_dataset_is_published_with_the_registers_sums(admin_client, balai):
    ids = nagari_kecil()
    catat_tanah(admin_client, ids)  # 1.250,75 ha of forest, ulayat kaum
    catat_tanah(admin_client, ids, nama="Rimbo Ketek", luas="0,25", keterangan="Digarap Siti Rahmah")
    catat_tanah(admin_client, ids, nama="Padang Ateh", status="nagari", kaum="", luas="20", penggunaan="padang")

    page = admin_client.get("/admin/satu-data").text
    assert f'id="dataset-{NAMA}"' in page  # accepted by satu_data's registry
    chosen = post_form(admin_client, "/admin/satu-data", {f"jadwal:{NAMA}": "manual", f"terbit:{NAMA}": "1"},
                       follow_redirects=False)
    assert chosen.status_code in (302, 303)
    assert post_form(admin_client, "/admin/satu-data/terbit", {"nama": NAMA}).status_code == 200
    assert run_sync(run_pending(balai)) == 1

    admin_client.cookies.clear()
    answer = admin_client.get(f"/data/unduh/{NAMA}.csv")
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.text.lstrip("\ufeff"))))
    assert len(rows) == 3 * 7  # every status x use, zeros included
    figures = {(r["status"], r["penggunaan"]): (r["jumlah_bidang"], r["luas_ha"]) for r in rows
               if r["jumlah_bidang"] != "0"}
    assert {k: (n, float(ha)) for k, (n, ha) in figures.items()} == {
        ("kaum", "hutan"): ("2", 1251.0), ("nagari", "padang"): ("1", 20.0)}
    assert "Siti" not in answer.text and "Rimbo" not in answer.text

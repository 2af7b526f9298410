"""Residents per suku: a category of the office's statistics (statistik's event) and an open dataset for Satu Data
(satu_data's event) whose published counts come out of statistik's one suppression: no small count shows."""

from datetime import date

from plugin_sdk import register
from plugin_sdk.testing import post_form, run_sync

from adat_bantu import suku_kaum

# ten residents of Jorong Koto Tinggi: five Piliang, four Chaniago, one whose suku is not recorded
SUKU = ("Piliang",) * 5 + ("Chaniago",) * 4 + ("",)


def warga(client) -> None:
    async def muat():
        baru = [{"nik": f"13070541019000{i:02d}", "nama": f"Warga {i}", "jenis_kelamin": 1 + i % 2,
                 "tanggal_lahir": date(1990, 1, 1), "wilayah": ("Koto Tinggi", "", "")} for i in range(len(SUKU))]
        muatan = register.Muatan(baru=baru)
        await register.bulk_load(muatan, "uji", date(2026, 1, 5))
        return [muatan.ids[w["nik"]] for w in baru]

    for penduduk_id, suku in zip(run_sync(muat), SUKU):
        if suku:
            post_form(client, f"/admin/adat/warga/{penduduk_id}", {"suku": suku, "kaum": ""})


def test_the_office_statistics_count_residents_per_suku(admin_client):
    from balai_adat.statistik_suku import hitung

    suku_kaum(admin_client)
    warga(admin_client)
    assert "Suku (adat Minangkabau)" in admin_client.get("/admin/statistik").text
    page = admin_client.get("/admin/statistik/adat_suku")
    assert page.status_code == 200 and "Piliang" in page.text and "Suku belum dicatat" in page.text
    per_suku: dict = {}
    for row in run_sync(hitung(tingkat=0)):
        per_suku[row["kode"]] = per_suku.get(row["kode"], 0) + row["jumlah"]
    assert per_suku == {1: 5, 2: 4, 0: 1}  # ids in the order suku_kaum adds them


def test_the_open_dataset_hides_small_counts_and_keeps_the_rest(admin_client):
    from balai_adat.data_terbuka import NAMA, datasets, terbitan
    from plugins.statistik import api as statistik

    suku_kaum(admin_client)
    warga(admin_client)
    assert "Penduduk menurut suku dan jorong" in admin_client.get("/admin/satu-data").text
    [dataset] = run_sync(datasets())
    assert dataset.nama == NAMA and dataset.hitungan_orang
    rilis = run_sync(terbitan(date.today()))
    ambang = run_sync(statistik.threshold())
    assert ambang > 1
    shown = [r for r in rilis.baris if r["jumlah"] is not None]
    assert all(r["jumlah"] == 0 or r["jumlah"] >= ambang for r in shown)  # no small count published
    belum = [r for r in rilis.baris if r["kode"] == "0"]
    assert belum and all(r["disembunyikan"] and r["jumlah"] is None for r in belum)  # the one unrecorded resident
    total = [r for r in rilis.baris if r["tingkat"] == "nagari" and r["kode"] == statistik.JUMLAH]
    assert [r["jumlah"] for r in total] == [10]


def test_without_a_suku_there_is_no_category_and_no_dataset(admin_client):
    from balai_adat.data_terbuka import datasets

    assert "Suku (adat Minangkabau)" not in admin_client.get("/admin/statistik").text
    assert run_sync(datasets()) == []

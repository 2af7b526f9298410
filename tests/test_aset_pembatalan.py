"""Cancelling a mutation recorded by mistake (plugin `aset`, issue 24 review, defect 3): a wrong sale is cancelled
with its reason, both rows stay in the history, the asset is owned again with the condition its remaining history
gives, the totals read the sale as never made, and only the latest mutation can be cancelled. Through the pages:
the link in the history, the page that asks why, a refusal that saves nothing."""

from __future__ import annotations

from datetime import date

from plugin_sdk.testing import post_form, run_sync
from plugins.aset import layanan
from plugins.aset.mutasi import berlaku, semua_mutasi
from plugins.aset.rekap import rekap
from plugins.aset.tables import Aset, MutasiAset
from tests.test_aset_layanan import (HARI_INI, TAHUN, audit, balai_entry_points, balai_plugins,  # noqa: F401
                                     daftarkan, galat, isian, mutasi, rekap_by)
from tests.test_keuangan_ringkasan import permintaan


def batalkan(balai, aset_id: int, mutasi_id: int, alasan: str = "Salah pilih aset") -> int:
    return run_sync(layanan.batalkan_mutasi(permintaan(balai), aset_id, mutasi_id, {"alasan": alasan},
                                            hari_ini=HARI_INI))


def test_a_wrong_sale_is_cancelled_and_the_asset_is_owned_again_with_its_history_kept(balai):
    motor = daftarkan(balai, tanggal_perolehan=f"{TAHUN - 2}-02-01")
    rusak = mutasi(balai, motor, jenis="perubahan_kondisi", tanggal=f"{TAHUN}-01-10", kondisi_baru="rusak_ringan")
    jual = mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-03-03", pihak="Datuak Rajo", nilai="8.000.000")

    # no reason, or not the latest mutation: refused, nothing saved
    assert galat(layanan.batalkan_mutasi, permintaan(balai), motor, jual, {"alasan": "  "},
                 hari_ini=HARI_INI) == {"alasan": "Tulis alasan pembatalannya, misalnya \u201csalah pilih aset\u201d."}
    assert "Hanya mutasi terakhir" in galat(layanan.batalkan_mutasi, permintaan(balai), motor, rusak,
                                            {"alasan": "Salah"}, hari_ini=HARI_INI)["umum"]
    assert run_sync(MutasiAset.count().run()) == 2 and run_sync(layanan.baca(motor))["status"] == "dijual"

    batal = batalkan(balai, motor, jual)
    row = run_sync(layanan.baca(motor))
    assert (row["status"], row["kondisi"]) == ("aktif", "rusak_ringan")  # the condition change still stands
    history = run_sync(layanan.riwayat(motor))
    assert [h["jenis"] for h in history] == ["pendaftaran", "perubahan_kondisi", "penjualan", "pembatalan"]
    assert history[2]["dibatalkan"]["id"] == batal and "Datuak Rajo" in history[2]["uraian"]
    assert history[3]["uraian"] == f"Membatalkan penjualan tanggal 3 Maret {TAHUN}; alasan: Salah pilih aset"
    assert history[1]["terakhir"] and not history[2]["terakhir"]  # the condition change is now the latest
    entry = audit()[-1]
    assert entry["aksi"] == "batal_mutasi" and entry["pengguna"] == "admin"
    assert {k: entry["rincian"][k] for k in ("pembatalan", "mutasi", "jenis", "alasan", "status", "kondisi")} == {
        "pembatalan": batal, "mutasi": jual, "jenis": "penjualan", "alasan": "Salah pilih aset",
        "status": ["dijual", "aktif"], "kondisi": ["rusak_ringan", "rusak_ringan"]}

    # the totals read the sale as never made, now and on any date after it
    assert rekap_by(run_sync(rekap()))["golongan"]["B"] == (1, 1_850_000_000)
    assert rekap_by(run_sync(rekap(per_tanggal=date(TAHUN, 6, 30))))["golongan"]["B"] == (1, 1_850_000_000)
    # owned again: the right sale is recorded, even dated before the cancelled one (that one never happened)
    benar = mutasi(balai, motor, jenis="penjualan", tanggal=f"{TAHUN}-02-20", pihak="Bapak Yusran")
    assert [m["id"] for m in berlaku(run_sync(semua_mutasi(motor)))] == [rusak, benar]
    assert rekap_by(run_sync(rekap(per_tanggal=date(TAHUN, 2, 20))))["golongan"]["B"] == (0, 0)


def test_cancelling_in_turn_brings_back_the_condition_the_asset_was_registered_with(balai):
    kantor = daftarkan(balai, golongan="C", kode_barang="1.3.3.01.01", nama="Kantor Wali Nagari")
    assert "belum punya mutasi" in galat(layanan.batalkan_mutasi, permintaan(balai), kantor, 1,
                                         {"alasan": "Coba"}, hari_ini=HARI_INI)["umum"]
    ringan = mutasi(balai, kantor, jenis="perubahan_kondisi", tanggal=f"{TAHUN}-01-10", kondisi_baru="rusak_ringan")
    berat = mutasi(balai, kantor, jenis="perubahan_kondisi", tanggal=f"{TAHUN}-04-01", kondisi_baru="rusak_berat")
    batalkan(balai, kantor, berat, "Yang rusak berat gedung sebelah")
    assert run_sync(layanan.baca(kantor))["kondisi"] == "rusak_ringan"
    assert "Hanya mutasi terakhir" in galat(layanan.batalkan_mutasi, permintaan(balai), kantor, berat,
                                            {"alasan": "Dua kali"}, hari_ini=HARI_INI)["umum"]
    batalkan(balai, kantor, ringan, "Salah gedung juga")
    assert run_sync(layanan.baca(kantor))["kondisi"] == "baik"
    assert berlaku(run_sync(semua_mutasi(kantor))) == [] and run_sync(MutasiAset.count().run()) == 4
    # a correction is no longer held back by the cancelled mutations' dates
    run_sync(layanan.ubah(permintaan(balai), kantor, isian(golongan="C", kode_barang="1.3.3.01.01",
                                                          nama="Kantor Wali Nagari", tahun_perolehan=str(TAHUN)),
                          hari_ini=HARI_INI))
    assert run_sync(layanan.baca(kantor))["tahun_perolehan"] == TAHUN


def kirim(client, url: str, data: dict):
    return post_form(client, url, data, follow_redirects=False)


def test_the_asset_page_cancels_its_latest_mutation_after_asking_why(admin_client):
    answer = kirim(admin_client, "/admin/aset/baru", isian(tahun_perolehan=str(TAHUN)))
    motor = int(answer.headers["location"].rsplit("/", 1)[1])
    sale = {"jenis": "penghapusan", "tanggal": f"{TAHUN}-11-03", "keterangan": "Hilang", "yakin": "1"}
    assert kirim(admin_client, f"/admin/aset/{motor}/mutasi", sale).status_code in (302, 303)
    [hapus] = run_sync(MutasiAset.select().run())
    page = admin_client.get(f"/admin/aset/{motor}").text
    link = f"/admin/aset/{motor}/mutasi/{hapus['id']}/batal"
    assert link in page and 'id="form-mutasi"' not in page and "batalkan lewat" in page

    ask = admin_client.get(link)
    assert ask.status_code == 200 and "Penghapusan" in ask.text and "kembali <strong>dimiliki</strong>" in ask.text
    refused = kirim(admin_client, link, {"alasan": ""})
    assert refused.status_code == 400 and 'id="galat-alasan"' in refused.text
    assert run_sync(MutasiAset.count().run()) == 1 and run_sync(Aset.select().run())[0]["status"] == "dihapus"

    done = kirim(admin_client, link, {"alasan": "Ternyata dipinjam kantor camat"})
    assert done.status_code in (302, 303)
    page = admin_client.get(f"/admin/aset/{motor}").text
    history = page.split('id="riwayat-aset"')[1].split("</table>")[0]
    assert f'id="mutasi-{hapus["id"]}"' in history and "Dibatalkan" in history and "dipinjam kantor camat" in history
    assert 'id="form-mutasi"' in page and run_sync(Aset.select().run())[0]["status"] == "aktif"
    # the cancelled write-off is no longer the latest mutation: its page sends the clerk back, saying why
    again = admin_client.get(link, follow_redirects=False)
    assert again.status_code in (302, 303) and run_sync(MutasiAset.count().run()) == 2

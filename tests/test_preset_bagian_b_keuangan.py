"""The `keuangan` section of a preset (issue 29): the demo's APB Desa reaches the public infographic and the office's
page, this year realised only up to the day it is applied; a broken file is refused naming its file and row with
nothing written; the export carries the budgets in force and no realisation (a journal entry may name a person);
the export applied to an empty installation gives the same budgets (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import shutil
import tomllib
from pathlib import Path

import pytest

from core.db.transaction import write_transaction
from core.preset.mesin import bagian_plugin
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import preset_konteks, run_sync, terapkan_bagian
from plugins.keuangan.tables import Apbdes, BarisAnggaran, Kegiatan, Realisasi

DEMO = Path(__file__).resolve().parents[1] / "balai_demo" / "preset"


def konteks(balai) -> KonteksPreset:
    return preset_konteks(balai, DEMO)


def terapkan(balai, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: found through the hook, in one write transaction."""
    return terapkan_bagian(balai, "keuangan", folder, konteks(balai))


def ekspor(balai, folder: Path) -> None:
    folder.mkdir()
    run_sync(bagian_plugin(balai.host)["keuangan"][1].ekspor(konteks(balai), folder))


def baris_demo(nama: str) -> list[dict]:
    with (DEMO / "keuangan" / nama).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def anggaran_tersimpan() -> list[tuple]:
    rows = run_sync(Apbdes.select().order_by(Apbdes.tahun).run())
    hasil = []
    for v in rows:
        lines = run_sync(BarisAnggaran.select().where(BarisAnggaran.apbdes == v["id"]).run())
        kegiatan = run_sync(Kegiatan.select(Kegiatan.kode, Kegiatan.nama).where(Kegiatan.apbdes == v["id"]).run())
        hasil.append((v["tahun"], v["status"], v["nama"], v["nomor_perdes"], v["berlaku_sejak"],
                      sorted((b["kegiatan"], b["akun"], b["uraian"], b["anggaran"], b["sumber_dana"]) for b in lines),
                      sorted((k["kode"], k["nama"]) for k in kegiatan)))
    return hasil


def test_the_demo_budget_is_on_the_public_page_and_this_year_is_realised_so_far(balai, client, admin_client):
    k = terapkan(balai, DEMO / "keuangan")
    tahun = k.hari_ini.year
    versi = run_sync(Apbdes.select().order_by(Apbdes.tahun).run())
    assert [(v["tahun"], v["status"]) for v in versi] == [(tahun - 1, "berlaku"), (tahun, "berlaku")]
    assert versi[0]["nomor_perdes"] == f"Peraturan Nagari Taram Nomor 1 Tahun {tahun - 1}"

    dana_desa = next(r for r in baris_demo("anggaran.csv") if r["tahun"] == "-1" and r["akun"] == "4.2.1.01")
    rupiah = f"{int(dana_desa['anggaran']):,}".replace(",", ".")
    page = client.get(f"/apbdes/{tahun - 1}")
    assert page.status_code == 200 and "Dana Desa" in page.text
    office = admin_client.get(f"/admin/keuangan/{tahun - 1}")
    assert office.status_code == 200 and rupiah in office.text
    assert "Pembangunan Sumur Bor dan Sarana Air Bersih" in office.text

    # last year realised in full; this year only the rows dated up to today, none later
    rows = baris_demo("realisasi.csv")
    tersimpan = run_sync(Realisasi.select().run())
    lalu = [r for r in tersimpan if r["tahun"] == tahun - 1]
    kini = [r for r in tersimpan if r["tahun"] == tahun]
    assert len(lalu) == sum(r["tahun"] == "-1" for r in rows)
    assert len(kini) == sum(r["tahun"] == "0" and f"{tahun}-{r['tanggal']}" <= k.hari_ini.isoformat() for r in rows)
    assert all(r["tanggal"] <= k.hari_ini for r in kini)
    assert lalu[0]["bukti"].endswith(f"/{tahun - 1}")


@pytest.mark.parametrize("berkas,ganti,pesan", [
    ("anggaran.csv", {"akun": "9.9.9.01"}, "keuangan/anggaran.csv baris 4"),
    ("anggaran.csv", {"anggaran": "dua juta"}, "keuangan/anggaran.csv baris 4"),
    ("realisasi.csv", {"akun": "5.3.3.01"}, "keuangan/realisasi.csv baris 4"),
    ("realisasi.csv", {"tanggal": "13-45"}, "keuangan/realisasi.csv baris 4"),
])
def test_a_broken_file_is_refused_naming_its_row_and_nothing_is_written(balai, tmp_path, berkas, ganti, pesan):
    folder = tmp_path / "keuangan"
    shutil.copytree(DEMO / "keuangan", folder)
    rows = baris_demo(berkas)
    rows[2].update(ganti)  # the third data row: row 4 in a spreadsheet
    with (folder / berkas).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(ValueError) as refused:
        terapkan(balai, folder)
    assert pesan in str(refused.value)
    assert run_sync(Apbdes.count().run()) == 0 and run_sync(Realisasi.count().run()) == 0


def test_a_year_written_absolute_is_refused(balai, tmp_path):
    folder = tmp_path / "keuangan"
    shutil.copytree(DEMO / "keuangan", folder)
    teks = (folder / "apbdes.toml").read_text(encoding="utf-8").replace("tahun = -1", "tahun = 2025")
    (folder / "apbdes.toml").write_text(teks, encoding="utf-8")
    with pytest.raises(ValueError, match="apbdes.toml.*relatif"):
        terapkan(balai, folder)
    assert run_sync(Apbdes.count().run()) == 0


def test_the_export_holds_the_budgets_and_applies_again_to_the_same_budgets(balai, tmp_path):
    terapkan(balai, DEMO / "keuangan")
    sebelum = anggaran_tersimpan()
    keluar = tmp_path / "keuangan"
    ekspor(balai, keluar)
    assert sorted(p.name for p in keluar.iterdir()) == ["anggaran.csv", "apbdes.toml"]  # no realisation
    with (keluar / "apbdes.toml").open("rb") as f:
        assert [a["tahun"] for a in tomllib.load(f)["apbdes"]] == [-1, 0]
    teks = (keluar / "anggaran.csv").read_text(encoding="utf-8")
    assert "bulan Januari" not in teks and "/TBP/" not in teks  # nothing of the journal

    async def kosongkan():  # an empty installation, as far as keuangan goes
        async with write_transaction():
            await Realisasi.delete(force=True).run()
            await Apbdes.delete(force=True).run()
    run_sync(kosongkan)
    terapkan(balai, keluar)
    assert anggaran_tersimpan() == sebelum

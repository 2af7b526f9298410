"""The `surat` section of a preset (issue 29): the demo's section gives an emptied training room every built-in
letter type back; the pilot's switches some off, carries its own wording and a type of its own (a letter that
renders) and continues paper numbering; a broken file is refused naming its file and entry with nothing changed;
the export holds the types that differ and no person, and applied to an emptied installation gives the same
letter types (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from core.preset.mesin import bagian_plugin
from core.preset.permintaan import PermintaanPreset
from plugin_sdk import today
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import post_form, preset_konteks, run_sync, terapkan_bagian
from plugins.surat import jenis as jenis_mod
from plugins.surat import penomoran
from plugins.surat.tables import JenisSurat

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "balai_demo" / "preset" / "surat"
PILOT = ROOT / "examples" / "nagari-percontohan" / "surat"


def konteks(balai) -> KonteksPreset:
    return preset_konteks(balai, DEMO.parent)


def terapkan(balai, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: found through the hook, in one write transaction."""
    return terapkan_bagian(balai, "surat", folder, konteks(balai))


def kosongkan() -> None:
    """What an emptied training room holds of the letters: nothing (the engine deletes every row)."""
    run_sync(lambda: penomoran.UrutanSurat.delete(force=True).run())
    run_sync(lambda: JenisSurat.delete(force=True).run())


def konfigurasi() -> list[tuple]:
    rows = run_sync(JenisSurat.select().order_by(JenisSurat.kode).run())
    return [(r["kode"], r["nama"], r["kode_klasifikasi"], r["aktif"], r["persetujuan"], r["masa_berlaku_hari"],
             r["persyaratan"], jenis_mod.fields(r), jenis_mod.roles(r), r["template"], r["kertas"], r["margin"])
            for r in rows]


def test_the_demo_section_gives_an_emptied_room_every_built_in_letter_type(balai, admin_client):
    kosongkan()
    assert "Surat Keterangan Domisili" not in admin_client.get("/admin/surat/jenis").text
    terapkan(balai, DEMO)
    page = admin_client.get("/admin/surat/jenis")
    assert page.status_code == 200
    assert all(row["nama"] in page.text for row in jenis_mod.builtin())
    assert run_sync(JenisSurat.count().where(JenisSurat.aktif == True).run()) == len(jenis_mod.builtin())  # noqa: E712
    new = admin_client.get("/admin/surat/buat")
    assert new.status_code == 200 and "Surat Keterangan Tidak Mampu" in new.text  # the operator can pick them


def test_the_pilot_section_switches_off_rewords_adds_its_own_type_and_continues_numbering(balai, admin_client):
    terapkan(balai, PILOT)
    rows = {r["kode"]: r for r in run_sync(JenisSurat.select().run())}
    assert not rows["cerai"]["aktif"] and not rows["jual_beli_tanah"]["aktif"] and rows["domisili"]["aktif"]
    assert "Surat pengantar Wali Jorong" in rows["domisili"]["persyaratan"]
    assert rows["usaha"]["masa_berlaku_hari"] == 90 and rows["tidak_mampu"]["persetujuan"]
    assert rows["usaha"]["template"] == next(b for b in jenis_mod.builtin() if b["kode"] == "usaha")["template"]
    ranji = admin_client.get("/admin/surat/jenis/ranji")
    assert ranji.status_code == 200 and "Surat Keterangan Ranji" in ranji.text and "Mamak kepala waris" in ranji.text
    # the nagari's own type renders as a letter: its preview is a PDF
    preview = post_form(admin_client, "/admin/surat/jenis/ranji/pratinjau", _editor_form(rows["ranji"]))
    assert preview.status_code < 300 and preview.headers["content-type"] == "application/pdf"
    numbering = admin_client.get("/admin/surat/penomoran")
    year = today(PermintaanPreset(balai)).year
    assert run_sync(penomoran.last("domisili", year)) == 57 and run_sync(penomoran.last("pengantar", year)) == 111
    assert "/058/" in numbering.text  # the next domisili letter's number, as the page shows it


def _editor_form(row: dict) -> dict:
    """The type as the editor's form posts it."""
    form = {"nama": row["nama"], "kode_klasifikasi": row["kode_klasifikasi"], "subjek": row["subjek"],
            "persyaratan": row["persyaratan"], "template": row["template"], "kertas": row["kertas"],
            "masa_berlaku_hari": str(row["masa_berlaku_hari"]), "aktif": "1", "persetujuan": "1"}
    for side, value in zip(("atas", "kanan", "bawah", "kiri"), row["margin"].split(",")):
        form[f"margin_{side}"] = value
    for i, field in enumerate(jenis_mod.fields(row)):
        form |= {f"isian-{i}-kunci": field["kunci"], f"isian-{i}-label": field["label"],
                 f"isian-{i}-jenis": field["jenis"], f"isian-{i}-wajib": "1" if field.get("wajib") else "",
                 f"isian-{i}-pilihan": jenis_mod.columns_text(field)}
    return form


@pytest.mark.parametrize(("berkas", "ubah", "pesan"), [
    ("jenis.toml", ('kode_klasifikasi = "400.12.3.7"', 'kode_klasifikasi = "400 12"'),
     "surat/jenis.toml jenis 'ranji': kode_klasifikasi"),
    ("jenis.toml", ('jenis = "daftar"', 'jenis = "tabel"'), "surat/jenis.toml jenis 'ranji': jenis isian 'tabel'"),
    ("jenis.toml", ('"jual_beli_tanah"]', '"jual_beli_rumah"]'), "'nonaktif' memuat kode yang bukan jenis surat"),
    ("ranji.html", ("{% endfor %}", ""), "surat/ranji.html"),
    ("penomoran.toml", ('urutan = "pengantar"', 'urutan = "pengantar_kawin"'),
     "surat/penomoran.toml [[mulai]] ke-4: urutan 'pengantar_kawin'"),
])
def test_a_broken_file_is_refused_naming_it_and_nothing_changes(balai, tmp_path, berkas, ubah, pesan):
    folder = shutil.copytree(PILOT, tmp_path / "surat")
    path = folder / berkas
    assert ubah[0] in path.read_text()
    path.write_text(path.read_text().replace(ubah[0], ubah[1], 1))
    before = konfigurasi()
    with pytest.raises(ValueError) as refused:
        terapkan(balai, folder)
    assert pesan in str(refused.value)
    assert konfigurasi() == before  # not even the entries above the broken one
    assert run_sync(penomoran.UrutanSurat.count().run()) == 0


def test_a_counter_already_past_the_start_is_refused(balai, tmp_path):
    year = today(PermintaanPreset(balai)).year
    run_sync(lambda: penomoran.set_start("domisili", year, 100))
    with pytest.raises(ValueError) as refused:
        terapkan(balai, PILOT)
    assert "surat/penomoran.toml urutan 'domisili'" in str(refused.value) and "99" in str(refused.value)


def test_the_export_holds_the_office_types_and_applied_again_gives_the_same(balai, admin_client, tmp_path):
    terapkan(balai, PILOT)
    # an operator rewords a built-in type in the browser afterwards
    row = run_sync(JenisSurat.select().where(JenisSurat.kode == "kelakuan_baik").first().run())
    form = _editor_form(row) | {"nama": "Surat Keterangan Kelakuan Baik untuk Perantau", "persetujuan": ""}
    assert post_form(admin_client, "/admin/surat/jenis/kelakuan_baik", form).status_code == 200
    assert run_sync(JenisSurat.select(JenisSurat.nama).where(JenisSurat.kode == "kelakuan_baik").first().run())[
        "nama"] == "Surat Keterangan Kelakuan Baik untuk Perantau"
    before = konfigurasi()
    out = tmp_path / "ekspor"
    out.mkdir()
    run_sync(bagian_plugin(balai.host)["surat"][1].ekspor(konteks(balai), out))
    with (out / "jenis.toml").open("rb") as handle:
        data = tomllib.load(handle)
    assert data["surat"] == {"bawaan": True, "nonaktif": ["cerai", "jual_beli_tanah"]}
    kode = [j["kode"] for j in data["jenis"]]
    assert {"domisili", "usaha", "tidak_mampu", "keterangan_tanah", "ranji", "kelakuan_baik"} == set(kode)
    assert sorted(p.name for p in out.iterdir()) == ["jenis.toml", "ranji.html"]  # built-in wording not copied
    text = (out / "jenis.toml").read_text()
    assert "untuk Perantau" in text and "Contoh Penduduk" not in text and "nik =" not in text
    kosongkan()
    terapkan(balai, out)
    assert konfigurasi() == before

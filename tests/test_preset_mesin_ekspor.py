"""`balai preset export` carries a pilot's configuration to the next nagari: never its identity (code, name, address,
logo), nobody's name or NIP, no resident, secret or password hash; regions with any character in their names come
back the same; applied with `--nagari-baru` it builds the next nagari's configuration under its own identity.
"""

from __future__ import annotations

from plugin_sdk.testing import run_sync
from tests.test_preset_mesin import balai_entry_points, boot, buat_preset, potret  # noqa: F401 (fixture)

WILAYAH = 'jorong,rw,rt\n"Koto ""Ateh""",,\n"Padang, Ilia",001,001\n'


def terapkan(balai, folder, **opsi):
    from core.preset import berkas, mesin

    return run_sync(mesin.terapkan(balai, berkas.baca(folder), **opsi))


def test_an_export_carries_the_configuration_and_no_identity_nor_secret(tmp_path, balai_entry_points):
    from core.plugin_host.settings import get_value, set_values
    from core.preset.ekspor import ekspor
    from core.tables import Perangkat, Pengguna

    folder = buat_preset(tmp_path / "preset")
    (folder / "wilayah.csv").write_text(WILAYAH)
    source = boot(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a", balai_entry_points)
    try:
        terapkan(source, folder)
        run_sync(source.save_profile({"pelindung_data_nama": "Rina Marlina", "alamat": "Jalan Lintas Suliki 4"}))
        run_sync(Perangkat.update({Perangkat.nip: "198001012005011002"}).where(Perangkat.urutan == 1).run())
        run_sync(set_values({"uji_preset.sandi_rahasia": "jangan-ikut", "uji_preset.kontak_nama": "Yusri Datuak"}))
        before = potret()
        files = run_sync(ekspor(source, "dari-kurai", tmp_path / "ekspor"))
    finally:
        run_sync(source.close)
    assert {"preset.toml", "profil.toml", "wilayah.csv", "pengguna.toml", "uji_preset/catatan.toml"} <= set(files)
    assert not any(f.startswith("logo") for f in files)
    text = "\n".join(p.read_text(errors="replace") for p in (tmp_path / "ekspor").rglob("*") if p.is_file())
    assert not any(p["nik"] in text for p in before["penduduk"])  # no resident
    assert "argon2" not in text and "jangan-ikut" not in text and "uji-xxxx" not in text  # no hash, secret, key
    for identitas in ("1307012001", "Suliki", "Datuak Bandaro", "Yuliani", "198001012005011002", "Rina Marlina",
                      "Yusri Datuak"):
        assert identitas not in text, identitas

    target = boot(f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path / "b", balai_entry_points)
    try:
        hasil = terapkan(target, tmp_path / "ekspor", nagari_baru=True)
        after = potret()
        profil = target.profile()
        akun = run_sync(Pengguna.select(Pengguna.username, Pengguna.wajib_ganti_sandi).run())
        assert run_sync(target.enabled_names()) == {"uji_preset"}
        assert run_sync(get_value("uji_preset.kontak_nama")) in (None, "")
    finally:
        run_sync(target.close)
    assert profil.get("nama") != "Kurai" and not profil.get("kode") and not profil.get("logo")
    assert profil["sebutan_dusun"] == "Jorong"
    assert [w["nama"] for w in after["wilayah"]] == ['Koto "Ateh"', "Padang, Ilia", "001", "001"]
    assert after["wilayah"] == before["wilayah"]
    assert [(p["cara_tanda_tangan"], p["atasan.jabatan"]) for p in after["perangkat"]] == [
        ("kepala", None), ("ub", "Wali Nagari")]
    assert {p["nama"] for p in after["perangkat"]} == {"(isi nama pejabat)"}
    assert after["salam"] == "Horas" and after["peran"] == before["peran"]
    assert after["bagian"]["judul"] == before["bagian"]["judul"]
    assert after["penduduk"] == [] and akun == [{"username": "admin", "wajib_ganti_sandi": True}]
    assert hasil.sandi_admin

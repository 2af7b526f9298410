"""An installation from before kaum and penghulu were kept: its suku, their penghulu's titles and each resident's
suku come through the upgrade (the title typed on the old suku form becomes the suku's penghulu)."""

from datetime import date

from plugin_sdk import register
from plugin_sdk.testing import run_sync

from adat_bantu import adat_warga

SEBELUM_KAUM = "2026-12-07T10:00:00:000000"  # the first migration of kaum and penghulu: undone, then run again


def test_an_older_install_keeps_its_suku_titles_and_members(admin_client):
    from piccolo.apps.migrations.commands.backwards import BackwardsMigrationManager
    from piccolo.apps.migrations.commands.forwards import ForwardsMigrationManager

    from balai_adat.tables import Suku

    async def lama() -> int:
        hasil = await BackwardsMigrationManager(app_name="adat", migration_id=SEBELUM_KAUM, auto_agree=True).run()
        assert hasil.success, hasil.message
        muatan = register.Muatan(baru=[{"nik": "1307054101900002", "nama": "Siti Rahmah", "jenis_kelamin": 2,
                                        "tanggal_lahir": date(1990, 1, 1), "wilayah": ("Koto Tinggi", "", "")}])
        await register.bulk_load(muatan, "uji", date(2026, 1, 5))
        penduduk = muatan.ids["1307054101900002"]
        await Suku.raw("INSERT INTO adat_suku (nama, penghulu, keterangan) VALUES "
                       "('Piliang', ' Datuak Bandaro ', ''), ('Chaniago', '', '')").run()
        await Suku.raw("INSERT INTO adat_suku_warga (penduduk, suku) SELECT {}, id FROM adat_suku "
                       "WHERE nama = 'Piliang'", penduduk).run()
        hasil = await ForwardsMigrationManager(app_name="adat").run()
        assert hasil.success, hasil.message
        return penduduk

    penduduk = run_sync(lama)
    assert adat_warga(penduduk) == {"suku": "Piliang", "kaum": ""}
    daftar = admin_client.get("/admin/adat").text
    assert "Datuak Bandaro" in daftar and "Chaniago" in daftar
    assert "(penghulu Datuak Bandaro)" in admin_client.get(f"/admin/penduduk/{penduduk}").text

"""Shared set-up of the tanah ulayat tests (no tests here): a jorong with one resident, a suku and a kaum."""

from datetime import date

from plugin_sdk import register
from plugin_sdk.testing import post_form, run_sync

NIK = "1307054101900002"


def nagari_kecil() -> dict:
    """Jorong Koto Tinggi with Siti (NIK above), Suku Piliang with Kaum Datuak Bandaro: their ids."""
    from balai_adat.tables import Kaum, Suku

    async def go():
        siti = {"nik": NIK, "nama": "Siti Rahmah", "jenis_kelamin": 2, "tanggal_lahir": date(1990, 1, 1),
                "wilayah": ("Koto Tinggi", "", "")}
        muatan = register.Muatan(baru=[siti])
        await register.bulk_load(muatan, "uji", date(2026, 1, 5))
        jorong = next(r["id"] for r in await register.wilayah_rows() if r["nama"] == "Koto Tinggi")
        suku = (await Suku.insert(Suku(nama="Piliang")).returning(Suku.id).run())[0]["id"]
        kaum = (await Kaum.insert(Kaum(nama="Datuak Bandaro", suku=suku)).returning(Kaum.id).run())[0]["id"]
        return {"jorong": jorong, "suku": suku, "kaum": kaum, "penduduk": muatan.ids[NIK]}

    return run_sync(go)


def isian_tanah(ids: dict, **ganti) -> dict:
    return {"nama": "Rimbo Gadang", "status": "kaum", "kaum": str(ids["kaum"]), "suku": "",
            "jorong": str(ids["jorong"]), "batas": "Utara: Batang Sinamar", "luas": "1.250,75",
            "penggunaan": "hutan", "keterangan": "", **ganti}


def catat_tanah(client, ids: dict, **ganti) -> int:
    answer = post_form(client, "/admin/adat/ulayat/baru", isian_tanah(ids, **ganti), follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:300]
    return int(answer.headers["location"].rsplit("/", 1)[1])


def tanah_tersimpan() -> list[dict]:
    from balai_adat.ulayat.tables import TanahUlayat

    return run_sync(TanahUlayat.select(TanahUlayat.nama, TanahUlayat.luas_m2, TanahUlayat.status, TanahUlayat.suku,
                                       TanahUlayat.kaum, TanahUlayat.jorong).order_by(TanahUlayat.id).run())


def sengketa_tersimpan() -> list[dict]:
    from balai_adat.ulayat.tables import SengketaUlayat

    return run_sync(SengketaUlayat.select(SengketaUlayat.pihak, SengketaUlayat.status, SengketaUlayat.hasil)
                    .order_by(SengketaUlayat.id).run())

"""Shared set-up of the suku, kaum and penghulu tests (no tests here): a mother on the register, a suku with kaum."""

from plugin_sdk.testing import post_form, run_sync

IBU = {"jenis": "pendataan_awal", "tanggal_peristiwa": "2024-01-05", "no_kk": "1307051234560001",
       "alamat_kk": "Jorong Koto", "nik": "1307054208900001", "nama": "Rosna", "jenis_kelamin": "2",
       "tempat_lahir": "Taram", "tanggal_lahir": "1990-08-02", "hubungan": "1", "agama": "1", "status_kawin": "2",
       "pendidikan_kk": "5", "pekerjaan": "9", "kewarganegaraan": "1", "status_penduduk": "1"}


def penduduk(nik: str) -> dict:
    from plugin_sdk import register

    async def cari():
        return await register.resident(await register.by_nik(nik))

    return run_sync(cari)


def catat_ibu(client, **adat) -> dict:
    """Rosna, head of a new family card, with `adat` as the resident form's adat fields ("adat.suku", ...)."""
    answer = post_form(client, "/admin/penduduk/baru", {**IBU, **adat}, follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:500]
    return penduduk(IBU["nik"])


def lahir(client, ibu: dict, nik: str = "1307054101250001", **adat):
    """A daughter born to `ibu` through the register's birth form; the answer page (with the suggestions)."""
    return post_form(client, "/admin/penduduk/baru", {
        **IBU, "jenis": "lahir", "tanggal_peristiwa": "2025-01-01", "nik": nik, "nama": "Aulia",
        "tanggal_lahir": "2025-01-01", "hubungan": "4", "status_kawin": "1", "pendidikan_kk": "1", "pekerjaan": "1",
        "no_kk": "", "keluarga_id": str(ibu["keluarga_id"]), "nik_ibu": ibu["nik"], "nama_ibu": ibu["nama"], **adat})


def suku_kaum(client) -> dict:
    """Suku Piliang (penghulu Datuak Bandaro) with kaum Koto Baru and Rumah Tinggi; Suku Chaniago with Koto Baru."""
    from balai_adat.tables import Kaum, Suku

    for nama, penghulu in (("Piliang", "Datuak Bandaro"), ("Chaniago", "")):
        post_form(client, "/admin/adat", {"nama": nama, "penghulu": penghulu})
    ids = {s["nama"]: s["id"] for s in run_sync(Suku.select(Suku.id, Suku.nama).run())}
    for suku, kaum in (("Piliang", "Koto Baru"), ("Piliang", "Rumah Tinggi"), ("Chaniago", "Koto Baru")):
        post_form(client, f"/admin/adat/suku/{ids[suku]}/kaum", {"nama": kaum})
    for k in run_sync(Kaum.select(Kaum.id, Kaum.nama, Kaum.suku.nama.as_alias("suku")).run()):
        ids[f"{k['suku']}/{k['nama']}"] = k["id"]
    return ids


def adat_warga(penduduk_id: int) -> dict | None:
    from balai_adat.baca import adat_warga

    found = run_sync(adat_warga(penduduk_id))
    return found and {"suku": found["suku"], "kaum": found["kaum"]}

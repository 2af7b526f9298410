"""The adat section of a preset (issue 29): the pilot nagari's suku, kaum, penghulu and tanah ulayat reach the office's
and the public pages, and its residents get a suku; a bad file is refused naming the file and the entry with nothing
written; the export carries the registry but no person; the export applied again gives the same registry
(SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from plugin_sdk import register, today, write_transaction
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import run_sync

PILOT = Path(__file__).resolve().parents[2] / "nagari-percontohan"
JORONG = ("Koto Gadang", "Sawah Laweh", "Padang Panjang", "Tanjuang Bungo", "Kubu Nan Ampek")


@pytest.fixture
def nagari(balai):
    """The pilot's five jorong, each with two men of 50 (possible penghulu) and a woman of 30."""
    async def go():
        baru = [{"nik": f"130710{'010375' if n < 2 else '410395'}00{j}{n}", "nama": f"Warga {j}{n}",
                 "jenis_kelamin": 1 if n < 2 else 2, "tanggal_lahir": date(1975 if n < 2 else 1995, 3, 1),
                 "wilayah": (nama, "", "")} for j, nama in enumerate(JORONG) for n in range(3)]
        await register.bulk_load(register.Muatan(baru=baru), "uji", date(2026, 1, 5))
        return [p["nik"] for p in baru]
    balai.nik = run_sync(go)
    return balai


def bagian(balai):
    found = [b for plugin, b in balai.host.collect("balai_preset_bagian") if plugin == "adat"]
    assert len(found) == 1
    return found[0]


def konteks(folder: Path) -> KonteksPreset:
    async def hari():
        return today(await register.stored_profile())
    return KonteksPreset(request=None, hari_ini=run_sync(hari), benih=7, folder=folder)


def terapkan(balai, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: through the hook, in one write transaction."""
    k = konteks(folder.parent)

    async def go():
        async with write_transaction():
            await bagian(balai).terapkan(k, folder)
    run_sync(go)
    return k


def ekspor(balai, folder: Path) -> dict[str, str]:
    folder.mkdir()
    run_sync(bagian(balai).ekspor(konteks(folder), folder))
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def jumlah() -> dict[str, int]:
    from balai_adat.tables import Kaum, Penghulu, Suku, SukuWarga
    from balai_adat.ulayat.tables import SengketaUlayat, TanahUlayat

    async def go():
        return {t.__name__: await t.count().run()
                for t in (Suku, Kaum, Penghulu, SukuWarga, TanahUlayat, SengketaUlayat)}
    return run_sync(go)


def test_the_pilot_reaches_the_office_and_public_pages(nagari, admin_client):
    terapkan(nagari, PILOT / "adat")
    assert jumlah() == {"Suku": 7, "Kaum": 12, "Penghulu": 19, "SukuWarga": 15, "TanahUlayat": 6,
                        "SengketaUlayat": 1}
    suku = admin_client.get("/admin/adat").text
    assert all(s in suku for s in ("Piliang", "Chaniago", "Melayu", "Bodi", "Koto", "Sikumbang", "Pitopang"))
    kan = admin_client.get("/admin/adat/kan").text
    assert "Datuak Bandaro Kayo" in kan and "Datuak Rajo Panghulu" in kan
    kantor = admin_client.get("/admin/adat/ulayat").text
    assert "Ladang Gambir Bukik Tinggi" in kantor and "Sawah Gadang Koto Tuo" in kantor
    publik = admin_client.get("/adat/ulayat").text
    assert "Rimbo Bukik Sago" in publik and "Tanjuang Bungo" in publik and "Dalam mediasi KAN 1" in publik
    assert not any(nik in publik for nik in nagari.nik)


def test_the_same_seed_gives_the_same_holders_and_suku(nagari):
    from balai_adat.tables import Penghulu, SukuWarga

    def keadaan():  # by name: the ids count on after the rows are deleted
        return (run_sync(Penghulu.select(Penghulu.gelar, Penghulu.penduduk).where(
                    Penghulu.penduduk.is_not_null()).order_by(Penghulu.gelar).run()),
                run_sync(SukuWarga.select(SukuWarga.penduduk, SukuWarga.suku.nama, SukuWarga.kaum.nama).order_by(
                    SukuWarga.penduduk).run()))
    terapkan(nagari, PILOT / "adat")
    pertama = keadaan()
    assert pertama[0], "a penghulu of the pilot holds a man of his suku from the register"
    run_sync(_kosongkan)
    terapkan(nagari, PILOT / "adat")
    assert keadaan() == pertama


async def _kosongkan():
    from balai_adat.tables import Kaum, Penghulu, Suku, SukuWarga
    from balai_adat.ulayat.tables import SengketaUlayat, TanahUlayat

    async with write_transaction():
        for t in (SengketaUlayat, TanahUlayat, SukuWarga, Penghulu, Kaum, Suku):
            await t.delete(force=True).run()


@pytest.mark.parametrize("berkas, lama, baru, pesan", [
    ("ulayat.toml", 'jorong = "Padang Panjang"', 'jorong = "Padang Pasir"',
     "adat/ulayat.toml, tanah Padang Gambalo Ampalu: jorong 'Padang Pasir' tidak ada"),
    ("ulayat.toml", 'kaum = "Sawah Laweh"', 'kaum = "Koto Tuo"',
     "adat/ulayat.toml, tanah Sawah Lambah: kaum 'Koto Tuo' tidak ada di suku Bodi"),
    ("ulayat.toml", 'luas = "18"', 'luas = "delapan belas"', "tanah Padang Gambalo Ampalu: Isi luas dalam hektare"),
    ("ulayat.toml", "hari = -38", "hari = 5", "adat/ulayat.toml, sengketa ke-1: hari 5"),
    ("suku.toml", 'jabatan_kan = "wakil_ketua"', 'jabatan_kan = "ketua"',
     "adat/suku.toml, suku Chaniago, penghulu Datuak Rajo Panghulu: Ketua KAN sudah dijabat Datuak Bandaro Kayo"),
    ("suku.toml", 'pemegang = "warga"', 'nik = "1307100105800001"', "preset tidak memuat penduduk (NIK)"),
    ("suku.toml", 'kaum = "Koto Tuo"', 'kaum = "Koto Baru"', "suku Chaniago, penghulu Datuak Majo Indo: kaum"),
])
def test_a_bad_entry_is_refused_naming_file_and_entry_and_nothing_changes(nagari, tmp_path, berkas, lama, baru,
                                                                           pesan):
    folder = tmp_path / "adat"
    shutil.copytree(PILOT / "adat", folder)
    teks = (folder / berkas).read_text(encoding="utf-8")
    assert lama in teks
    (folder / berkas).write_text(teks.replace(lama, baru, 1), encoding="utf-8")
    with pytest.raises(ValueError) as galat:
        terapkan(nagari, folder)
    assert pesan in str(galat.value)
    assert set(jumlah().values()) == {0}


def test_the_export_carries_no_person_and_applies_again_to_the_same_registry(nagari, tmp_path):
    from balai_adat.tables import Penghulu

    terapkan(nagari, PILOT / "adat")
    gelar = run_sync(Penghulu.select(Penghulu.gelar, Penghulu.jabatan_kan).order_by(Penghulu.gelar).run())
    pertama = ekspor(nagari, tmp_path / "satu")
    assert set(pertama) == {"suku.toml", "ulayat.toml"}
    semua = "\n".join(pertama.values())
    assert "Datuak Bandaro Kayo" in semua and 'jabatan_kan = "ketua"' in semua and "Rimbo Bukik Sago" in semua
    # no holder, no resident, no dispute's parties
    assert not any(nik in semua for nik in nagari.nik) and "Warga " not in semua
    assert "pemegang =" not in semua and "[[sengketa]]" not in semua and "pihak" not in semua
    assert "Suku Piliang dengan Suku Chaniago" not in semua

    run_sync(_kosongkan)
    terapkan(nagari, tmp_path / "satu")
    assert run_sync(Penghulu.select(Penghulu.gelar, Penghulu.jabatan_kan).order_by(Penghulu.gelar).run()) == gelar
    assert ekspor(nagari, tmp_path / "dua") == pertama

"""The office's open-data page (issue 26): the office chooses which datasets are published and how often, all or
nothing, and publishes now through a background job; it sees each dataset's releases and how its last release
went. A kepala jorong cannot publish and a user without the permission is refused. The public catalogue's tests
are in tests/test_satu_data_halaman_publik.py."""

import json

from core.identity.users import create_user
from core.penduduk.tables import Wilayah
from core.profil.waktu import today as nagari_today
from core.tables import Peran, Pengguna
from core.tugas.tables import Tugas
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import login, post_form, run_sync
from plugins.satu_data import registri
from plugins.satu_data.halaman.tampil import label_periode
from plugins.satu_data.tables import BULANAN, MANUAL, PilihanDataset, TerbitanDataset
from tests.fixtures.plugins import data_uji_terbit
from tests.satu_data_halaman_helpers import (AGAMA, KELAMIN, PEKERJAAN, DenganDatasetUji, anonim, diterbitkan,
                                             kartu, katalog_kini, pilih_dan_terbitkan)
from tests.satu_data_halaman_helpers import kantor, segar, sebagian  # noqa: F401 (fixtures)
from tests.satu_data_helpers import konteks

PASSWORD = "kata-sandi-uji-satu-data"


def pilihan() -> dict:
    """The office's choices as stored: dataset -> (published, schedule)."""
    rows = run_sync(PilihanDataset.select().run())
    return {r["dataset"]: (r["terbit"], r["jadwal"]) for r in rows}


def bagian(html: str, nama: str) -> str:
    """One dataset's block on the office's page."""
    mulai = html.index(f'<div class="sd-dataset" id="dataset-{nama}">')
    akhir = html.find('<div class="sd-dataset"', mulai + 1)
    return html[mulai:akhir if akhir > 0 else None]


def pengguna(kode: str, izin: list[str], lingkup: int | None = None) -> str:
    """A staff account with a role holding `izin`, limited to the place `lingkup` when given."""
    async def buat():
        await Peran.insert(Peran(kode=kode, nama=kode.replace("_", " ").title(), izin=json.dumps(izin))).run()
        user = await create_user(kode, kode.title(), PASSWORD, kode)
        if lingkup is not None:
            await Pengguna.update({Pengguna.wilayah_lingkup: lingkup}).where(Pengguna.id == user["id"]).run()
        return user["username"]
    return run_sync(buat())


def sebagai(client, username: str) -> None:
    client.cookies.clear()
    login(client, username, PASSWORD)


def test_the_office_chooses_and_unchooses_datasets_and_their_schedule(sebagian, admin_client):
    page = admin_client.get("/admin/satu-data").text
    assert "<legend>Kependudukan</legend>" in page and "<legend>Keuangan nagari</legend>" in page
    assert 'id="dataset-apbdes-per-bidang"' in page  # every dataset of the registry, published or not
    assert "Belum pernah diterbitkan." in bagian(page, "apbdes-per-bidang")
    form = {f"jadwal:{AGAMA}": BULANAN,                           # unticked: no longer published
            f"jadwal:{KELAMIN}": MANUAL, f"terbit:{KELAMIN}": "1",  # only on demand
            "jadwal:penduduk-menurut-pendidikan": BULANAN, "terbit:penduduk-menurut-pendidikan": "1"}  # new
    answer = post_form(admin_client, "/admin/satu-data", form, follow_redirects=False)
    assert answer.status_code in (302, 303) and answer.headers["location"] == "/admin/satu-data"
    saved = pilihan()
    assert saved[AGAMA] == (False, BULANAN) and saved[KELAMIN] == (True, MANUAL)
    assert saved["penduduk-menurut-pendidikan"] == (True, BULANAN)
    assert saved[PEKERJAAN] == (True, BULANAN)  # not on this form: left as it was
    page = admin_client.get("/admin/satu-data").text
    assert ("Pilihan tersimpan: 3 dataset diterbitkan. 1 di antaranya belum pernah diterbitkan dan baru tampil di "
            "katalog setelah Anda menekan") in page
    assert f'name="terbit:{AGAMA}" value="1" checked' not in page
    assert f'name="nama" value="{AGAMA}"' not in page  # publishing now is offered for chosen datasets only
    assert '<option value="manual" selected>' in bagian(page, KELAMIN)
    assert "Tidak ada pilihan yang berubah." in post_form(admin_client, "/admin/satu-data", form).text
    # the public catalogue follows at once: published ones only, a newly chosen one once it has a release
    assert kartu(anonim(admin_client, "/data").text) == [KELAMIN, PEKERJAAN]
    assert anonim(admin_client, f"/data/{AGAMA}").status_code == 404


def test_a_bad_form_changes_nothing_and_says_why(sebagian, admin_client):
    before = pilihan()
    asing = post_form(admin_client, "/admin/satu-data", {f"jadwal:{AGAMA}": MANUAL, "jadwal:tidak-ada": BULANAN,
                                                         "terbit:tidak-ada": "1"})
    assert asing.status_code == 400
    assert "Dataset tidak dikenal: tidak-ada." in asing.text
    salah = post_form(admin_client, "/admin/satu-data", {f"jadwal:{AGAMA}": MANUAL, f"terbit:{AGAMA}": "1",
                                                         f"jadwal:{KELAMIN}": "tahunan"})
    assert salah.status_code == 400
    assert f"Jadwal terbit tidak dikenal untuk {KELAMIN}" in salah.text
    assert f'id="galat-jadwal:{KELAMIN}"' in salah.text  # the message beside its field
    assert '<option value="manual" selected>' in bagian(salah.text, AGAMA)  # what was typed comes back
    assert pilihan() == before  # the valid change beside the bad one was not saved either


def test_publishing_one_dataset_needs_it_chosen_and_known(kantor, admin_client):
    judul = run_sync(registri.satu(konteks(kantor), AGAMA)).judul
    unchosen = post_form(admin_client, "/admin/satu-data/terbit", {"nama": AGAMA}, follow_redirects=True)
    assert f"{judul} belum dipilih untuk diterbitkan" in unchosen.text
    unknown = post_form(admin_client, "/admin/satu-data/terbit", {"nama": "tidak-ada"}, follow_redirects=True)
    assert "Dataset tidak dikenal: tidak-ada." in unknown.text
    nothing = post_form(admin_client, "/admin/satu-data/terbit", {}, follow_redirects=True)
    assert "Belum ada dataset yang dipilih" in nothing.text
    assert 'id="form-terbit-sekarang"' not in admin_client.get("/admin/satu-data").text  # nothing chosen
    assert not run_sync(Tugas.select().run())


def test_a_kepala_jorong_sees_why_they_cannot_publish_and_cannot(kantor, admin_client):
    pilih_dan_terbitkan(kantor, [AGAMA], terbit=[])
    jorong = run_sync(Wilayah.select(Wilayah.id).where(Wilayah.tingkat == 1).first().run())["id"]
    sebagai(admin_client, pengguna("kepala_jorong_data", ["satu_data.kelola"], lingkup=jorong))
    page = admin_client.get("/admin/satu-data")
    assert page.status_code == 200
    assert "Hanya akun yang melihat seluruh nagari yang dapat menerbitkan data terbuka" in page.text
    assert 'id="form-terbit-sekarang"' not in page.text and 'form="form-terbit-satu"' not in page.text
    for form in ({"nama": AGAMA}, {}):
        answer = post_form(admin_client, "/admin/satu-data/terbit", form, follow_redirects=True)
        assert "Hanya akun yang melihat seluruh nagari" in answer.text
    assert not run_sync(Tugas.select().run())


def test_a_user_without_the_permission_is_refused(balai, admin_client):
    sebagai(admin_client, pengguna("petugas_lain", ["penduduk.lihat"]))
    assert admin_client.get("/admin/satu-data").status_code == 403
    assert post_form(admin_client, "/admin/satu-data", {f"jadwal:{AGAMA}": MANUAL}).status_code == 403
    assert post_form(admin_client, "/admin/satu-data/terbit", {}).status_code == 403
    assert pilihan() == {} and not run_sync(Tugas.select().run())


class TestDenganDatasetUji(DenganDatasetUji):
    """With the test datasets too, whose figures a test sets and two of which fail."""

    def test_the_office_sees_each_datasets_releases_and_last_outcome(self, uji, admin_client):
        html = admin_client.get("/admin/satu-data").text
        for p in katalog_kini(uji).paket:  # each period with its version, the newest marked if provisional
            blok = bagian(html, p.ds.nama)
            newest = f"{label_periode(p.periode[-1])} versi {p.versi[p.periode[-1]]}"
            assert newest in blok and (newest + " <strong>sementara</strong>" in blok) == p.sementara
            assert "Terbitan terakhir (" in blok and f'href="/data/{p.ds.nama}"' in blok
            assert f'name="nama" value="{p.ds.nama}"' in blok
        rusak = bagian(html, "uji-rusak")
        assert "Belum pernah diterbitkan." in rusak and 'href="/data/uji-rusak"' not in rusak
        assert "Terbitan terakhir gagal (" in rusak and "sumber data tidak terbaca" in rusak
        assert "Belum ada data untuk diterbitkan." in bagian(html, "uji-kosong")

    def test_publishing_now_runs_as_a_job_and_publishes_the_chosen_datasets(self, kantor, admin_client):
        """A nagari that never published: the office chooses two datasets, publishes now, and they are public."""
        assert "belum menerbitkan data terbuka" in anonim(admin_client, "/data").text
        post_form(admin_client, "/admin/satu-data", {"jadwal:uji-lahan": BULANAN, "terbit:uji-lahan": "1",
                                                     "jadwal:uji-bulanan": MANUAL, "terbit:uji-bulanan": "1"})
        answer = post_form(admin_client, "/admin/satu-data/terbit", {}, follow_redirects=False)
        assert answer.status_code in (302, 303) and answer.headers["location"].startswith("/admin/tugas/")
        assert run_sync(run_pending(kantor)) == 1
        job = admin_client.get(answer.headers["location"])
        assert job.status_code == 200 and "Selesai" in job.text and 'href="/admin/satu-data"' in job.text
        assert diterbitkan(kantor) == ["uji-bulanan", "uji-lahan"]
        assert kartu(anonim(admin_client, "/data").text) == ["uji-bulanan", "uji-lahan"]
        assert run_sync(TerbitanDataset.count().where(TerbitanDataset.dataset == AGAMA).run()) == 0

        data_uji_terbit.ANGKA = {"sawah": 99.0, "ladang": 80}  # one dataset again, with new figures
        one = post_form(admin_client, "/admin/satu-data/terbit", {"nama": "uji-lahan"}, follow_redirects=False)
        run_sync(run_pending(kantor))
        kode = one.headers["location"].rsplit("/", 1)[1]
        params = run_sync(Tugas.select(Tugas.parameter).where(Tugas.kode == kode).first().run())["parameter"]
        assert json.loads(params) == {"nama": ["uji-lahan"]}
        versi = {r["dataset"]: r["versi"] for r in run_sync(TerbitanDataset.select().run())}
        assert versi == {"uji-lahan": 2, "uji-bulanan": 1}
        tahun = nagari_today(kantor.profile()).year
        assert f"Periode {tahun} direvisi (versi 2)." in admin_client.get("/admin/satu-data").text

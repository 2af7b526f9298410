"""Outgoing letters and dispatch (issue 23): one list holds the letters `surat` issued (through its contract) and
those typed outside Balai; each can get one dispatch record; books A.7 (the real Buku Agenda, merged with
surat's contribution) and A.8; with `informasi_publik` disabled, surat's stand-in A.7 still shows its letters."""

import secrets
from datetime import date, timedelta

from plugin_sdk.testing import post_form, run_sync
from plugins.informasi_publik import agenda
from plugins.informasi_publik.tabel_agenda import Ekspedisi, SuratKeluar
from plugins.surat.tables import JenisSurat, Surat
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

HARI_INI = nagari_today()
TANGGAL = HARI_INI - timedelta(days=3)


def surat_terbit(nomor: str, tanggal: date, nama: str = "Siti Rahmah", status: str = "terbit") -> int:
    """A letter as surat keeps it once issued (the issuing itself is surat's own tests' business)."""
    async def go():
        jenis = await JenisSurat.select(JenisSurat.id, JenisSurat.kode).first().run()
        rows = await Surat.insert(Surat(token=secrets.token_hex(16), jenis=jenis["id"], jenis_kode=jenis["kode"],
                                        judul="Surat Keterangan Domisili", status=status, nomor=nomor,
                                        tahun=tanggal.year, tanggal=tanggal, nama=nama, nama_cari=nama.lower())
                                  ).returning(Surat.id).run()
        return rows[0]["id"]

    return run_sync(go)


def kirim(client, url, **fields):
    return post_form(client, url, {k: str(v) for k, v in fields.items()}, follow_redirects=False)


def keluar(client, **lain):
    data = {"nomor": "005/41/TRM/2026", "tanggal": TANGGAL.isoformat(), "kepada": "Camat Harau",
            "isi": "Laporan penyaluran BLT", **lain}
    return kirim(client, "/admin/agenda/keluar/baru", **data)


def test_one_outgoing_list_holds_surat_letters_and_manual_ones_each_dispatched_once(admin_client, balai):
    surat_id = surat_terbit("470/7/SKD/2026", TANGGAL - timedelta(days=1))
    assert keluar(admin_client).status_code in (302, 303)
    r = keluar(admin_client, kepada="Bupati")  # the same number twice is a typing mistake
    assert r.status_code == 400 and "sudah tercatat" in r.text and run_sync(SuratKeluar.count().run()) == 1
    r = keluar(admin_client, nomor="", tanggal=(HARI_INI + timedelta(days=1)).isoformat())
    assert r.status_code == 400 and "Nomor surat wajib diisi" in r.text and "setelah hari ini" in r.text
    manual_id = run_sync(SuratKeluar.select().first().run())["id"]

    page = admin_client.get("/admin/agenda/keluar").text
    assert "470/7/SKD/2026" in page and "005/41/TRM/2026" in page and "Siti Rahmah" in page
    assert page.index("005/41/TRM/2026") < page.index("470/7/SKD/2026")  # newest first
    assert f"/admin/agenda/ekspedisi/baru?surat={surat_id}" in page
    assert f"/admin/agenda/ekspedisi/baru?keluar={manual_id}" in page
    found = admin_client.get("/admin/agenda/keluar", params={"cari": "skd"}).text
    assert "470/7/SKD/2026" in found and "005/41/TRM/2026" not in found

    form = admin_client.get(f"/admin/agenda/ekspedisi/baru?surat={surat_id}").text
    assert "470/7/SKD/2026" in form and 'value="Siti Rahmah"' in form
    r = kirim(admin_client, f"/admin/agenda/ekspedisi/baru?surat={surat_id}", tanggal_kirim=TANGGAL - timedelta(
        days=5), kepada="Siti Rahmah", cara="")
    assert r.status_code == 400 and "sebelum tanggal surat" in r.text and "Cara pengiriman wajib diisi" in r.text
    assert run_sync(Ekspedisi.count().run()) == 0
    for url, kepada in ((f"/admin/agenda/ekspedisi/baru?surat={surat_id}", "Siti Rahmah"),
                        (f"/admin/agenda/ekspedisi/baru?keluar={manual_id}", "Camat Harau")):
        r = kirim(admin_client, url, tanggal_kirim=TANGGAL, kepada=kepada, cara="Diantar langsung",
                  penerima="Staf kantor camat")
        assert r.status_code in (302, 303), r.text[:1500]
    again = kirim(admin_client, f"/admin/agenda/ekspedisi/baru?keluar={manual_id}", tanggal_kirim=TANGGAL,
                  kepada="Camat Harau", cara="Pos")
    assert again.status_code == 400 and "sudah tercatat" in again.text and run_sync(Ekspedisi.count().run()) == 2
    listing = admin_client.get("/admin/agenda/keluar").text
    assert "Catat pengiriman" not in listing and listing.count("Terkirim") == 2

    a8 = admin_client.get("/admin/buku/a8").text
    assert "Buku Ekspedisi" in a8 and "470/7/SKD/2026" in a8 and "Staf kantor camat" in a8
    # a corrected manual letter carries its new subject into its dispatch record
    kirim(admin_client, f"/admin/agenda/keluar/{manual_id}", nomor="005/41/TRM/2026", tanggal=TANGGAL,
          kepada="Camat Harau", isi="Laporan BLT tahap I")
    assert "Laporan BLT tahap I" in admin_client.get("/admin/buku/a8").text


def test_the_real_agenda_merges_incoming_manual_and_surat_letters_by_date(admin_client, balai):
    surat_terbit("470/8/SKD/2026", TANGGAL - timedelta(days=2), nama="Rahmat")
    surat_terbit("470/9/SKD/2026", TANGGAL, nama="Yanti", status="batal")
    run_sync(agenda.catat_masuk(None, {"tanggal_terima": (TANGGAL - timedelta(days=1)).isoformat(),
                                       "tanggal_surat": (TANGGAL - timedelta(days=3)).isoformat(),
                                       "nomor_surat": "005/112/KEC", "pengirim": "Camat Harau",
                                       "isi": "Undangan rapat"}, hari_ini=HARI_INI))
    keluar(admin_client, tanggal=(TANGGAL + timedelta(days=1)).isoformat())
    listing = admin_client.get("/admin/buku").text
    assert listing.count("A.7") == 1 and "Buku Agenda (surat keluar)" not in listing
    a7 = admin_client.get("/admin/buku/a7").text
    order = [a7.index(x) for x in ("470/8/SKD/2026", "005/112/KEC", "470/9/SKD/2026", "005/41/TRM/2026")]
    assert order == sorted(order)  # merged by date
    assert f"Agenda 1/{(TANGGAL - timedelta(days=1)).year}" in a7 and "Dibatalkan" in a7
    found = admin_client.get("/admin/buku/a7", params={"cari": "camat"}).text
    assert "005/112/KEC" in found and "005/41/TRM/2026" in found and "470/8/SKD/2026" not in found

    run_sync(balai.disable("informasi_publik"))
    stand_in = admin_client.get("/admin/buku/a7").text
    assert "Buku Agenda (surat keluar)" in stand_in
    assert "470/8/SKD/2026" in stand_in and "005/112/KEC" not in stand_in and "005/41/TRM/2026" not in stand_in
    assert admin_client.get("/admin/agenda/masuk").status_code == 404


def test_outgoing_list_without_surat_shows_the_manual_letters(admin_client, balai):
    surat_terbit("470/10/SKD/2026", TANGGAL)
    keluar(admin_client)
    run_sync(balai.disable("layanan_mandiri"))  # it needs surat
    run_sync(balai.disable("surat"))
    page = admin_client.get("/admin/agenda/keluar").text
    assert "005/41/TRM/2026" in page and "470/10/SKD/2026" not in page


def test_the_demo_registers_open_on_their_sample_pages(admin_client, balai):
    from balai_demo.cli import DEMO_OFFICIALS
    from core.tables import Perangkat
    from plugins.informasi_publik.contoh_agenda import buat_demo

    async def go():
        for row in DEMO_OFFICIALS:
            await Perangkat.insert(Perangkat(**row)).run()
        assert await buat_demo()

    run_sync(go)
    for url in ("/admin/agenda/masuk", "/admin/agenda/masuk/1", "/admin/agenda/masuk/baru", "/admin/agenda/keluar",
                "/admin/agenda/keluar/1", "/admin/agenda/keluar/baru", "/admin/agenda/ekspedisi",
                "/admin/agenda/ekspedisi/1", "/admin/agenda/ekspedisi/baru?keluar=2", "/admin/buku/a7",
                "/admin/buku/a8"):
        r = admin_client.get(url, follow_redirects=False)
        assert r.status_code == 200, (url, r.status_code, r.text[:500])
    page = admin_client.get("/admin/agenda/masuk").text
    assert "Camat Harau" in page and "Datuak Rajo Mangkuto" in page  # disposed to the Wali Nagari
    assert "Sekretariat" in admin_client.get("/admin").text
    assert run_sync(buat_demo()) is False and run_sync(SuratKeluar.count().run()) == 2  # not twice

"""The letter registers of `informasi_publik` (issue 23): an operator registers incoming letters, each with the next
agenda number of its year, a disposition and a scan; bad input saves nothing and takes no number; who may write,
who may only read, and that a scan never reaches an anonymous visitor."""

import asyncio
import io
import json
import multiprocessing
from datetime import date, timedelta

import pytest
from pypdf import PdfWriter

from core.identity.users import create_user
from core.tables import Peran, Perangkat
from plugin_sdk.testing import login, post_form, run_sync
from plugins.informasi_publik import agenda
from plugins.informasi_publik.plugin import AGENDA
from plugins.informasi_publik.tabel_agenda import SuratMasuk, UrutanAgenda
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

HARI_INI = nagari_today()
KEMARIN = HARI_INI - timedelta(days=1)
OPERATOR = ("opsurat", "Operator Surat", "sandi-operator-surat-1")


def pdf(kunci: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if kunci:
        writer.encrypt(kunci)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def isian(**lain) -> dict:
    return {"tanggal_terima": KEMARIN.isoformat(), "tanggal_surat": KEMARIN.isoformat(), "nomor_surat": "005/12/KEC",
            "pengirim": "Camat Harau", "isi": "Undangan rapat koordinasi", **lain}


def kirim(client, data: dict, berkas: bytes | None = None, url: str = "/admin/agenda/masuk/baru"):
    files = {"pindaian": ("pindaian.pdf", berkas, "application/pdf")} if berkas is not None else None
    return post_form(client, url, data, files=files, follow_redirects=False)


def masuk() -> list[dict]:
    return run_sync(SuratMasuk.select().order_by(SuratMasuk.id).run())


def berkas_tersimpan(balai) -> list:
    folder = balai.settings.data_dir / "berkas" / agenda.FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def pejabat(jabatan: str = "Sekretaris Nagari") -> int:
    rows = run_sync(Perangkat.insert(Perangkat(nama="Yusrizal", jabatan=jabatan)).returning(Perangkat.id).run())
    return rows[0]["id"]


@pytest.fixture
def operator(client):
    run_sync(create_user(OPERATOR[0], OPERATOR[1], OPERATOR[2], "operator"))
    login(client, OPERATOR[0], OPERATOR[2])
    return client


def test_an_operator_registers_letters_numbered_in_sequence_with_disposition_and_scan(operator, balai):
    sekretaris = pejabat()
    r = kirim(operator, isian(disposisi_kepada=str(sekretaris), disposisi_isi="Siapkan data penerima BLT"), pdf())
    assert r.status_code in (302, 303), r.text[:2000]
    kirim(operator, isian(nomor_surat="440/875/DINKES", pengirim="Dinas Kesehatan", isi="Bulan imunisasi"))
    lalu = date(HARI_INI.year - 1, 12, 30)
    kirim(operator, isian(tanggal_terima=lalu.isoformat(), tanggal_surat=lalu.isoformat(), nomor_surat="9/KAN"))
    kirim(operator, isian(nomor_surat="02/BAMUS", pengirim="Bamus"))
    rows = masuk()
    assert [(r["tahun"], r["nomor_agenda"]) for r in rows] == [
        (HARI_INI.year, 1), (HARI_INI.year, 2), (HARI_INI.year - 1, 1), (HARI_INI.year, 3)]
    first = rows[0]
    assert first["disposisi_kepada"] == sekretaris and "Yusrizal" in first["disposisi_nama"]
    assert first["disposisi_tanggal"] == HARI_INI and first["berkas"].endswith(".pdf")

    page = operator.get("/admin/agenda/masuk").text
    assert f"1/{HARI_INI.year}" in page and "440/875/DINKES" in page and "9/KAN" in page
    found = operator.get("/admin/agenda/masuk", params={"cari": "dinas kes"}).text
    assert "440/875/DINKES" in found and "02/BAMUS" not in found
    last_year = operator.get("/admin/agenda/masuk", params={"periode": str(HARI_INI.year - 1)}).text
    assert "9/KAN" in last_year and "440/875/DINKES" not in last_year
    bad_period = operator.get("/admin/agenda/masuk", params={"periode": "kemarin"})
    assert bad_period.status_code == 400 and "tidak dikenal" in bad_period.text

    scan = operator.get(f"/admin/agenda/masuk/{first['id']}/pindaian")
    assert scan.status_code == 200 and scan.content.startswith(b"%PDF-")
    assert "no-store" in scan.headers["cache-control"]

    # a correction keeps the number; moving the letter to another year is refused
    r = kirim(operator, isian(pengirim="Camat Harau (ralat)"), url=f"/admin/agenda/masuk/{first['id']}")
    assert r.status_code in (302, 303)
    assert masuk()[0]["pengirim"] == "Camat Harau (ralat)" and masuk()[0]["nomor_agenda"] == 1
    r = kirim(operator, isian(tanggal_terima=lalu.isoformat(), tanggal_surat=lalu.isoformat()),
              url=f"/admin/agenda/masuk/{first['id']}")
    assert r.status_code == 400 and "harus tetap dalam tahun" in r.text
    audit = run_sync(Peran.raw("SELECT aksi, objek_jenis FROM balai_audit WHERE objek_jenis = "
                               "'informasi_publik.surat_masuk'").run())
    assert [a["aksi"] for a in audit].count("catat") == 4 and [a["aksi"] for a in audit].count("ubah") == 1


def test_concurrent_registrations_get_distinct_numbers_in_sequence(balai):
    async def go():
        return await asyncio.gather(*[agenda.catat_masuk(None, isian(nomor_surat=f"{i}/X"), hari_ini=HARI_INI)
                                      for i in range(8)])

    given = run_sync(go)
    assert sorted(g["nomor_agenda"] for g in given) == list(range(1, 9))
    assert run_sync(UrutanAgenda.select().run())[0]["terakhir"] == 8


def catat_dari_proses(url: str, data_dir: str, banyak: int, out: str) -> None:
    """In a process of its own: boot Balai on the shared database and register `banyak` letters at once."""
    from core.runtime import Balai
    from core.settings import Settings

    balai = Balai.boot(Settings(data_dir=data_dir, database_url=url, secret_key="x" * 40, public_url="http://x"))

    async def go():
        hasil = await asyncio.gather(*(agenda.catat_masuk(None, isian(nomor_surat=f"P/{i}"), hari_ini=HARI_INI)
                                       for i in range(banyak)), return_exceptions=True)
        await balai.close()
        return hasil

    with open(out, "w") as handle:
        json.dump([h["nomor_agenda"] if isinstance(h, dict) else f"gagal: {h}" for h in asyncio.run(go())], handle)


def test_registrations_from_several_processes_get_every_number_once(balai, balai_database_url, tmp_path):
    context = multiprocessing.get_context("spawn")
    outs = [tmp_path / f"agenda-{n}.json" for n in range(3)]
    processes = [context.Process(target=catat_dari_proses, args=(balai_database_url, str(balai.settings.data_dir), 5,
                                                                 str(out))) for out in outs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(180)
        assert process.exitcode == 0
    given = [n for out in outs for n in json.loads(out.read_text())]
    assert sorted(given) == list(range(1, 16)), given  # every registration succeeded, no number twice, no gap
    assert sorted(r["nomor_agenda"] for r in masuk()) == list(range(1, 16))


@pytest.mark.parametrize("ubah, field, pesan", [
    ({"pengirim": ""}, "pengirim", "Pengirim wajib diisi"),
    ({"tanggal_terima": (HARI_INI + timedelta(days=2)).isoformat()}, "tanggal_terima", "setelah hari ini"),
    ({"tanggal_surat": HARI_INI.isoformat()}, "tanggal_surat", "tidak boleh setelah tanggal diterima"),
    ({"tanggal_surat": "31-02-2026"}, "tanggal_surat", "tidak dikenal"),
    ({"disposisi_kepada": "99999"}, "disposisi_kepada", "tidak dikenal"),
    ({"disposisi_isi": "Hadiri"}, "disposisi_kepada", "Pilih pejabat"),
    ({"isi": "x" * 501}, "isi", "terlalu panjang"),
])
def test_bad_input_is_answered_per_field_and_saves_nothing(operator, balai, ubah, field, pesan):
    r = kirim(operator, isian(**ubah), pdf())
    assert r.status_code == 400 and pesan in r.text
    assert f'id="galat-{field}"' in r.text
    assert masuk() == [] and run_sync(UrutanAgenda.select().run()) == []  # no number taken
    assert berkas_tersimpan(balai) == []  # the scan is not stored either


@pytest.mark.parametrize("berkas, pesan", [
    (b"GIF89a bukan pindaian", "Pindaian harus PDF, JPEG atau PNG"),
    (pdf("rahasia"), "terkunci kata sandi"),
    (b"%PDF-1.4 terpotong", "PDF rusak"),
])
def test_a_scan_that_is_not_a_readable_pdf_or_picture_is_refused(operator, balai, berkas, pesan):
    r = kirim(operator, isian(), berkas)
    assert r.status_code == 400 and pesan in r.text and 'id="galat-pindaian"' in r.text
    assert masuk() == [] and berkas_tersimpan(balai) == []
    assert kirim(operator, isian()).status_code in (302, 303)
    assert masuk()[0]["nomor_agenda"] == 1  # the refused attempt took no number


def test_an_operator_without_the_agenda_permission_gets_403_and_readers_read(client, balai):
    izin = [p for p in json.loads(run_sync(Peran.select(Peran.izin).where(Peran.kode == "operator").first().run())
                                  ["izin"]) if p != AGENDA]
    run_sync(Peran.insert(Peran(kode="operator_data", nama="Operator Data", izin=json.dumps(izin))).run())
    run_sync(create_user("opdata", "Operator Data", "sandi-operator-data-1", "operator_data"))
    catatan = run_sync(agenda.catat_masuk(None, isian(), hari_ini=HARI_INI))
    login(client, "opdata", "sandi-operator-data-1")
    assert client.get("/admin/agenda/masuk").status_code == 200  # LIHAT stays
    page = client.get(f"/admin/agenda/masuk/{catatan['id']}").text
    assert "Camat Harau" in page and "Catat surat masuk" not in page
    assert client.get("/admin/agenda/masuk/baru").status_code == 403
    assert kirim(client, isian(nomor_surat="LAIN")).status_code == 403
    assert kirim(client, isian(pengirim="Diubah"), url=f"/admin/agenda/masuk/{catatan['id']}").status_code == 403
    assert post_form(client, "/admin/agenda/keluar/baru", {"nomor": "1/A", "tanggal": KEMARIN.isoformat(),
                                                           "kepada": "Camat", "isi": "Laporan"}).status_code == 403
    assert [r["pengirim"] for r in masuk()] == ["Camat Harau"]


def test_a_scan_is_never_served_to_an_anonymous_visitor(operator, balai):
    assert kirim(operator, isian(), pdf()).status_code in (302, 303)
    catatan = masuk()[0]
    client = operator
    client.cookies.clear()  # logged out: an anonymous visitor
    r = client.get(f"/admin/agenda/masuk/{catatan['id']}/pindaian", follow_redirects=False)
    assert r.status_code in (302, 303, 401, 403) and not r.content.startswith(b"%PDF")
    assert client.get("/admin/agenda/masuk", follow_redirects=False).status_code in (302, 303, 401, 403)
    # and no public address holds it: the stored name is not served as a static file
    name = masuk()[0]["berkas"]
    for url in (f"/static/informasi_publik/{name}", f"/berkas/agenda/{name}", f"/agenda/{name}"):
        assert not client.get(url).content.startswith(b"%PDF")


def test_the_list_pages_fifty_letters_at_a_time_newest_first(admin_client, balai):
    async def go():
        for i in range(52):
            await agenda.catat_masuk(None, isian(nomor_surat=f"NO-{i + 1:02d}"), hari_ini=HARI_INI)

    run_sync(go)
    first = admin_client.get("/admin/agenda/masuk").text
    assert "NO-52" in first and "NO-03" in first and "NO-02" not in first and "Halaman 1 dari 2" in first
    last = admin_client.get("/admin/agenda/masuk", params={"hal": 9}).text  # past the end: the last page
    assert "NO-01" in last and "NO-02" in last and "NO-03" not in last and "Halaman 2 dari 2" in last


def test_a_photographed_letter_is_kept_as_a_clean_picture_and_a_new_scan_replaces_the_old(operator, balai):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 200, 200)).save(out, "PNG")
    foto = out.getvalue() + b"<html>disisipkan</html>"  # bytes after the picture are not kept
    r = post_form(operator, "/admin/agenda/masuk/baru", isian(), files={"pindaian": ("foto.png", foto, "image/png")},
                  follow_redirects=False)
    assert r.status_code in (302, 303), r.text[:1500]
    catatan = masuk()[0]
    served = operator.get(f"/admin/agenda/masuk/{catatan['id']}/pindaian")
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert b"disisipkan" not in served.content and served.headers["x-content-type-options"] == "nosniff"
    [lama] = berkas_tersimpan(balai)
    assert kirim(operator, isian(), pdf(), url=f"/admin/agenda/masuk/{catatan['id']}").status_code in (302, 303)
    [baru] = berkas_tersimpan(balai)
    assert baru != lama and baru.suffix == ".pdf" and masuk()[0]["berkas"] == baru.name
    assert operator.get(f"/admin/agenda/masuk/{catatan['id']}/pindaian").content.startswith(b"%PDF-")

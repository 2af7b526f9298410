"""The "Bantuan sosial" panels (issue 25) on a resident's page (hook `balai_resident_panels`) and on a family
card's page (hook `balai_family_panels`): what the person or family receives now, what is on a list being prepared
(flagged or removed, with the reason), past cycles, links to each entry, the family's DTKS/DTSEN data; and the
statistics category "penerima_bantuan" counting the current recipients by jorong and sex.

Programs, cycles and entries are written straight into the tables: these tests do not depend on the services that
prepare and approve lists (tested in test_bantuan_siklus.py)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date, datetime, timezone

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from tests.surat_helpers import demo_nagari

from core.penduduk.tables import Keluarga, Penduduk, Wilayah
from plugin_sdk.testing import run_sync
from plugins.bantuan.tables import (DtksKeluarga, PenyaluranBantuan, PesertaBantuan, ProgramBantuan,
                                    SiklusBantuan)

DISETUJUI_PADA = datetime(2026, 2, 1, 3, 0, tzinfo=timezone.utc)


def program(nama: str, sasaran: str = "penduduk", sumber: str = "blt_dd", **kolom) -> int:
    row = ProgramBantuan(nama=nama, sumber=sumber, sasaran=sasaran, mulai=date(2026, 1, 1), status="aktif",
                         nilai=30_000_000, **kolom)
    return run_sync(ProgramBantuan.insert(row).returning(ProgramBantuan.id).run())[0]["id"]


def siklus(program_id: int, nomor: int, status: str = "disetujui") -> int:
    row = SiklusBantuan(program=program_id, nomor=nomor, nama=f"Tahap {nomor}", periode_mulai=date(2026, nomor, 1),
                        status=status, disusun_oleh="admin", disetujui_oleh="wali" if status == "disetujui" else "",
                        disetujui=DISETUJUI_PADA.replace(month=nomor + 1) if status == "disetujui" else None)
    return run_sync(SiklusBantuan.insert(row).returning(SiklusBantuan.id).run())[0]["id"]


def entri(siklus_id: int, kunci: str, penduduk: int | None, **kolom) -> int:
    orang = run_sync(Penduduk.select().where(Penduduk.id == penduduk).first().run()) if penduduk else {}
    data = {"nama": orang.get("nama", ""), "nik": orang.get("nik", ""), "jorong": "Koto"}
    kolom = {"asal": "aturan", "alasan": "umur 67 tahun", **kolom}
    row = PesertaBantuan(siklus=siklus_id, kunci=kunci, penduduk=penduduk, data=json.dumps(data), **kolom)
    return run_sync(PesertaBantuan.insert(row).returning(PesertaBantuan.id).run())[0]["id"]


def salurkan(peserta_id: int, jumlah: int) -> None:
    run_sync(PenyaluranBantuan.insert(PenyaluranBantuan(peserta=peserta_id, tanggal=date(2026, 3, 2), jumlah=jumlah,
                                                        diterima_oleh="Sendiri")).run())


def keluarga_besar() -> tuple[dict, list[dict]]:
    """A demo family with at least two living members: (the card, its members head first)."""
    for kk in run_sync(Keluarga.select().order_by(Keluarga.id).run()):
        anggota = run_sync(Penduduk.select().where((Penduduk.keluarga == kk["id"]) & (Penduduk.status_dasar == 1))
                           .order_by(Penduduk.hubungan).order_by(Penduduk.id).run())
        if len(anggota) >= 2 and anggota[0]["hubungan"] == 1:
            return kk, anggota
    raise AssertionError("the demo has no family of two")


def test_resident_page_shows_current_prepared_flagged_and_past_entries(balai, admin_client):
    demo_nagari(balai, residents=40)
    kk, (kepala, anak, *_) = keluarga_besar()
    blt = program("BLT Dana Desa")
    lalu, kini, disusun = siklus(blt, 1), siklus(blt, 2), siklus(blt, 3, status="disusun")
    entri(lalu, f"p:{kepala['id']}", kepala["id"], no_kartu="KKS-LAMA")
    sekarang = entri(kini, f"p:{kepala['id']}", kepala["id"], no_kartu="KKS-2026-07")
    salurkan(sekarang, 30_000_000)
    entri(disusun, f"p:{kepala['id']}", kepala["id"], asal="lanjutan", tanda="meninggal")
    pkh = program("PKH Kabupaten", sasaran="keluarga", sumber="pkh")
    entri(siklus(pkh, 1), f"k:{kk['id']}", kepala["id"], keluarga=kk["id"])
    lain = program("Program yang tidak menyangkutnya")
    entri(siklus(lain, 1), f"p:{anak['id'] + 1000}", None)

    page = admin_client.get(f"/admin/penduduk/{kepala['id']}")
    assert page.status_code == 200
    html = page.text
    assert "Bantuan sosial" in html and 'id="panel-bantuan"' in html
    blok = html[html.index('id="bantuan-program-%d"' % blt):]
    blok = blok[:blok.index("</section>")]
    assert "Penerima saat ini" in blok and "KKS-2026-07" in blok and "1 kali, Rp300.000" in blok
    assert f'href="/admin/bantuan/peserta/{sekarang}"' in blok
    assert "Dalam daftar yang disusun; bertanda, belum diputuskan" in blok and "Meninggal" in blok
    assert "Siklus lalu (1)" in blok and "KKS-LAMA" in blok
    keluarga_blok = html[html.index('id="bantuan-program-%d"' % pkh):]
    assert "Keluarganya (sebagai penerimanya)" in keluarga_blok[:keluarga_blok.index("</section>")]
    assert "Program yang tidak menyangkutnya" not in html

    # the child is not the one receiving, but the family's entry concerns them too
    html_anak = admin_client.get(f"/admin/penduduk/{anak['id']}").text
    assert "PKH Kabupaten" in html_anak and "Keluarganya (diterima oleh" not in html_anak
    assert f'id="bantuan-program-{blt}"' not in html_anak


def test_family_page_shows_family_members_entries_and_dtks(balai, admin_client):
    demo_nagari(balai, residents=40)
    kk, (kepala, anak, *_) = keluarga_besar()
    pkh = program("PKH Kabupaten", sasaran="keluarga", sumber="pkh")
    entri(siklus(pkh, 1), f"k:{kk['id']}", kepala["id"], keluarga=kk["id"])
    pip = program("PIP untuk pelajar", sumber="pip")
    disusun = siklus(pip, 1, status="diajukan")
    entri(disusun, f"p:{anak['id']}", anak["id"], keluar=True, alasan_keluar="Sudah lulus sekolah")
    run_sync(DtksKeluarga.insert(DtksKeluarga(keluarga=kk["id"], no_kk=kk["no_kk"], terdaftar=True, desil=2,
                                              id_dtks="DTKS-0099", tahun=2025)).run())

    page = admin_client.get(f"/admin/keluarga/{kk['id']}")
    assert page.status_code == 200
    html = page.text
    assert 'id="panel-bantuan"' in html
    dtks = html[html.index('id="bantuan-dtks"'):]
    assert "terdaftar, desil 2" in dtks[:400] and "DTKS-0099" in dtks[:400] and "data tahun 2025" in dtks[:400]
    assert f"Keluarga ini (diterima oleh {kepala['nama']})" in html and "Penerima saat ini" in html
    assert f"Perorangan: {anak['nama']}" in html
    assert "Dikeluarkan dari daftar: Sudah lulus sekolah" in html
    pip_blok = html[html.index('id="bantuan-program-%d"' % pip):]
    assert "Tidak menerima" in pip_blok[:pip_blok.index("</section>")]


def test_panels_say_when_there_is_nothing(balai, admin_client):
    demo_nagari(balai, residents=20)
    kk, (kepala, *_) = keluarga_besar()
    html = admin_client.get(f"/admin/penduduk/{kepala['id']}").text
    assert "Penduduk ini belum pernah tercatat dalam daftar penerima bantuan." in html
    html = admin_client.get(f"/admin/keluarga/{kk['id']}").text
    assert "Keluarga ini dan anggotanya belum pernah tercatat dalam daftar penerima bantuan." in html
    assert "Belum ada data DTKS/DTSEN untuk keluarga ini." in html


def test_statistics_count_current_recipients_by_jorong_and_sex(balai, admin_client):
    demo_nagari(balai, residents=60)
    # before any list is approved there is nothing to count: the category is not offered (and does not break)
    assert admin_client.get("/admin/statistik/penerima_bantuan").status_code == 404
    hidup = run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).run())
    blt = program("BLT Dana Desa")
    lama, kini = siklus(blt, 1), siklus(blt, 2)
    penerima = hidup[:12]
    for orang in penerima:
        entri(kini, f"p:{orang['id']}", orang["id"])
    entri(kini, f"p:{hidup[12]['id']}", hidup[12]["id"], keluar=True, alasan_keluar="Sudah mampu")
    entri(lama, f"p:{hidup[13]['id']}", hidup[13]["id"])  # an earlier cycle's recipient: not counted now
    entri(siklus(blt, 3, status="disusun"), f"p:{hidup[14]['id']}", hidup[14]["id"])  # not approved yet
    kelompok = program("Bantuan kelompok tani", sasaran="kelompok")
    entri(siklus(kelompok, 1), "g:tani makmur", None, kelompok="Tani Makmur")  # a group: no person to count

    halaman = admin_client.get("/admin/statistik/penerima_bantuan?tingkat=1")
    assert halaman.status_code == 200 and "Penerima bantuan sosial" in halaman.text and "BLT Dana Desa" in halaman.text
    tabel = admin_client.get("/admin/statistik/penerima_bantuan.csv?tingkat=1").content.decode()
    dihitung = Counter()
    for sel in csv.reader(io.StringIO(tabel)):
        if sel and sel[0] == "penerima_bantuan" and int(sel[6]):
            dihitung[(sel[1], sel[3], sel[5])] += int(sel[6])
    jorong = jorong_dari(penerima)
    langsung = Counter((str(blt), str(jorong[o["id"]]), {1: "L", 2: "P"}[o["jenis_kelamin"]]) for o in penerima)
    assert dihitung == langsung and sum(dihitung.values()) == 12

    # Stage 3 approved, with no change in the register: the statistics follow at once (not a cached table).
    run_sync(SiklusBantuan.update({SiklusBantuan.status: "disetujui",
                                   SiklusBantuan.disetujui: DISETUJUI_PADA.replace(month=5)}).where(
        SiklusBantuan.program == blt, SiklusBantuan.nomor == 3).run())
    tabel = admin_client.get("/admin/statistik/penerima_bantuan.csv?tingkat=1").content.decode()
    assert sum(int(sel[6]) for sel in csv.reader(io.StringIO(tabel)) if sel and sel[0] == "penerima_bantuan") == 1


def jorong_dari(orang: list[dict]) -> dict[int, int | str]:
    """Resident id -> the id of the jorong (tingkat 1) their recorded place lies in ("" for none)."""
    tempat = {w["id"]: w for w in run_sync(Wilayah.select().run())}
    hasil = {}
    for o in orang:
        w = tempat.get(o["wilayah"])
        while w is not None and w["tingkat"] > 1:
            w = tempat.get(w["induk"])
        hasil[o["id"]] = w["id"] if w else ""
    return hasil

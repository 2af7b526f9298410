"""OpenSID's participants workbook (plugin `bantuan`, issue 25): an approved cycle's frozen list exported in OpenSID's
own format (sheets Program and Peserta, as OpenSID's BantuanImports reads them), and OpenSID's participants imported
into a list being prepared: a dry run with every refused row and its reason, then all rows added at once with the
reason "Impor dari OpenSID: <file>", or none; who may import and export."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.penduduk.tables import Keluarga, Penduduk
from plugin_sdk import dokumen
from plugin_sdk.testing import csrf_headers, login, post_form, run_sync
from plugins.bantuan import opensid, siklus
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.lembar import baca
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan
from tests.surat_helpers import demo_nagari

HARI_INI = date.today()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JUDUL = ["Peserta", "No. Peserta", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Alamat"]


@pytest.fixture
def warga(balai) -> list[dict]:
    """The demo nagari's living residents (id, nik, nama, keluarga, no_kk, rumah_tangga, hubungan), in id order."""
    demo_nagari(balai, residents=60)
    kk = {k["id"]: k["no_kk"] for k in run_sync(Keluarga.select(Keluarga.id, Keluarga.no_kk).run())}
    rows = run_sync(Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.keluarga, Penduduk.rumah_tangga,
                                    Penduduk.hubungan).where(Penduduk.status_dasar == 1).order_by(Penduduk.id).run())
    return [{**r, "no_kk": kk.get(r["keluarga"], "")} for r in rows]


def program_baru(sasaran: str = "penduduk", nama: str = "BLT Dana Desa 2026", **lain) -> int:
    row = ProgramBantuan(nama=nama, sumber="blt_dd", sasaran=sasaran, mulai=date(HARI_INI.year, 1, 1),
                         status="aktif", keterangan="Bantuan langsung tunai", **lain)
    return run_sync(ProgramBantuan.insert(row).returning(ProgramBantuan.id).run())[0]["id"]


def siklus_baru(program_id: int, nomor: int = 1, status: str = "disusun") -> int:
    row = SiklusBantuan(program=program_id, nomor=nomor, nama=f"Tahap {nomor}", status=status,
                        periode_mulai=date(HARI_INI.year, 1, 1), periode_selesai=date(HARI_INI.year, 3, 31))
    return run_sync(SiklusBantuan.insert(row).returning(SiklusBantuan.id).run())[0]["id"]


def buku(peserta: list[list], sasaran: int | None = None) -> bytes:
    sheets = {}
    if sasaran is not None:
        sheets["Program"] = [["id", ""], ["Nama Program", "BLT DD"], ["Sasaran Program", sasaran]]
    sheets["Peserta"] = [JUDUL, *peserta]
    return dokumen.xlsx_bytes(sheets)


def entri(siklus_id: int) -> list[dict]:
    return run_sync(PesertaBantuan.select().where(PesertaBantuan.siklus == siklus_id).order_by(
        PesertaBantuan.id).run())


def unggah(client, siklus_id: int, isi: bytes, nama: str = "peserta.xlsx"):
    return client.post(f"/admin/bantuan/siklus/{siklus_id}/opensid", files={"berkas": (nama, isi, XLSX)},
                       headers=csrf_headers(client))


def terapkan(client, siklus_id: int, html: str):
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    nama = re.search(r'name="nama" value="([^"]*)"', html).group(1)
    return post_form(client, f"/admin/bantuan/siklus/{siklus_id}/opensid/terapkan", {"token": token, "nama": nama},
                     follow_redirects=False)


def lembar_xlsx(isi: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(__import__("io").BytesIO(isi))
    return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}


def test_openSID_participants_are_checked_then_added_with_their_reason(admin_client, warga):
    sid = siklus_baru(program_baru("penduduk"))
    a, b, c, mati = warga[0], warga[1], warga[2], warga[3]
    run_sync(Penduduk.update({Penduduk.status_dasar: 2}).where(Penduduk.id == mati["id"]))
    berkas = buku([[a["nik"], "KKS-001", a["nik"], "Nama Di Kartu", "Padang", "1970-01-01", "Jorong Koto"],
                   [b["nik"], "acak_17", "", "", "", "", ""],
                   ["1371999999999999", "KKS-003", "1371999999999999", "Orang Luar", "", "", ""],
                   [mati["nik"], "KKS-004", mati["nik"], mati["nama"], "", "", ""],
                   [c["nik"], "KKS-005", b["nik"], c["nama"], "", "", ""],
                   [a["nik"], "KKS-006", a["nik"], a["nama"], "", "", ""],
                   ["###", "", "", "", "", "", ""],
                   [c["nik"], "KKS-007", c["nik"], c["nama"], "", "", ""]])
    pratinjau = unggah(admin_client, sid, berkas)
    assert pratinjau.status_code == 200, pratinjau.text[:3000]
    html = pratinjau.text
    ditolak = re.search(r'id="baris-ditolak">(.*?)</table>', html, re.S).group(1)
    assert "tidak ada di data penduduk" in ditolak and "tidak lagi hidup atau tinggal" in ditolak
    assert "berbeda dengan NIK di kolom Peserta" in ditolak and "Sama dengan baris 2" in ditolak
    ditambahkan = re.search(r'id="baris-ditambahkan">(.*?)</table>', html, re.S).group(1)
    assert a["nama"] in ditambahkan and b["nama"] in ditambahkan and "KKS-007" not in html  # "###" ends the data
    assert "Nama di berkas “Nama Di Kartu”" in ditambahkan
    assert entri(sid) == []  # the dry run adds nothing

    selesai = terapkan(admin_client, sid, html)
    assert selesai.status_code in (302, 303), selesai.text[:3000]
    assert selesai.headers["location"] == f"/admin/bantuan/siklus/{sid}"
    rows = entri(sid)
    assert [(r["penduduk"], r["kunci"], r["no_kartu"], r["asal"]) for r in rows] == [
        (a["id"], f"p:{a['id']}", "KKS-001", "manual"), (b["id"], f"p:{b['id']}", "", "manual")]
    assert {r["alasan"] for r in rows} == {"Impor dari OpenSID: peserta.xlsx"}
    audit = run_sync(AuditEntri.select().where(AuditEntri.aksi == "tambah_peserta").run())
    assert len(audit) == 1 and audit[0]["objek_id"] == f"siklus:{sid}"


def test_a_family_program_reads_the_no_kk_and_checks_the_nik_is_a_living_member(balai, warga):
    sid = siklus_baru(program_baru("keluarga"))
    keluarga = {}
    for w in warga:
        keluarga.setdefault(w["keluarga"], []).append(w)
    (k1, anggota1), (k2, anggota2) = list(keluarga.items())[:2]
    lembar = {"Program": [["Sasaran Program", 2]], "Peserta": [
        JUDUL, [anggota1[0]["no_kk"], "", anggota1[-1]["nik"], "", "", "", ""],
        [anggota2[0]["no_kk"], "", anggota1[0]["nik"], "", "", "", ""],
        [anggota2[0]["no_kk"].replace("", " ").strip(), "KKS-9", "", "", "", "", ""]]}
    p = run_sync(opensid.periksa_impor(sid, lembar))
    assert [(b.nomor, b.kunci) for b in p.baris] == [(2, f"k:{k1}"), (4, f"k:{k2}")]  # spaces in a No. KK are fine
    assert "bukan anggota keluarga" in p.ditolak[0].alasan and p.ditolak[0].nomor == 3
    assert run_sync(opensid.terapkan_impor(None, sid, lembar, nama_berkas="kk.xlsx", hari_ini=HARI_INI)) == 2
    assert [r["keluarga"] for r in entri(sid)] == [k1, k2]


def test_a_file_for_another_kind_of_program_or_without_openSIDs_header_is_refused_whole(balai, warga):
    sid = siklus_baru(program_baru("penduduk"))
    with pytest.raises(BantuanError, match="bersasaran Keluarga, sedangkan program ini bersasaran Perorangan"):
        run_sync(opensid.periksa_impor(sid, {"Program": [["Sasaran Program", "2"]],
                                             "Peserta": [JUDUL, [warga[0]["no_kk"], "", "", "", "", "", ""]]}))
    with pytest.raises(BantuanError, match="judul kolom OpenSID"):
        run_sync(opensid.periksa_impor(sid, {"Peserta": [["NIK", "Nama"], [warga[0]["nik"], "x"]]}))
    with pytest.raises(BantuanError, match="Lembar peserta tidak ditemukan"):
        run_sync(opensid.periksa_impor(sid, {"Sheet1": [["NIK", "Nama"]]}))
    disetujui = siklus_baru(program_baru("penduduk", nama="PKH"), status="disetujui")
    with pytest.raises(BantuanError, match="hanya dapat diimpor ke daftar yang sedang disusun"):
        run_sync(opensid.periksa_impor(disetujui, {"Peserta": [JUDUL, [warga[0]["nik"]]]}))


def test_when_the_list_changed_since_the_dry_run_the_import_checks_again(admin_client, warga, monkeypatch):
    sid = siklus_baru(program_baru("penduduk"))
    a, b, c = warga[0], warga[1], warga[2]
    pratinjau = unggah(admin_client, sid, buku([[a["nik"], "", a["nik"], "", "", "", ""],
                                                 [b["nik"], "", b["nik"], "", "", "", ""]]))
    assert pratinjau.status_code == 200 and "Sudah ada" not in pratinjau.text
    run_sync(siklus.tambah(None, sid, nik_atau_kk=b["nik"], alasan="Ditambah petugas lain", hari_ini=HARI_INI))
    ulang = terapkan(admin_client, sid, pratinjau.text)  # b is on the list now: only a is added, b not twice
    assert ulang.status_code in (302, 303)
    assert sorted((r["penduduk"], r["alasan"]) for r in entri(sid)) == sorted(
        [(a["id"], "Impor dari OpenSID: peserta.xlsx"), (b["id"], "Ditambah petugas lain")])

    # A row the list service refuses at the last moment: nothing is added, the spreadsheet's row is named.
    def menolak(request, siklus_id, baris, *, sumber, hari_ini):
        raise BantuanError("1 dari 2 baris tidak dapat ditambahkan; belum ada yang disimpan.",
                           {"baris-2": "Sudah ada dalam daftar ini."})

    monkeypatch.setattr(siklus, "tambah_banyak", menolak)
    sebelum = entri(sid)
    lembar = {"Peserta": [JUDUL, [c["nik"]], ["1371999999999999"], [warga[3]["nik"]]]}
    with pytest.raises(BantuanError) as e:
        run_sync(opensid.terapkan_impor(None, sid, lembar, nama_berkas="x.xlsx", hari_ini=HARI_INI))
    assert e.value.galat == {"baris-4": "Sudah ada dalam daftar ini."}  # the 2nd accepted row is the sheet's 4th
    kedua = unggah(admin_client, sid, buku([[c["nik"], "", "", "", "", "", ""], [warga[3]["nik"], "", "", "", "",
                                                                                  "", ""]]))
    ditolak = terapkan(admin_client, sid, kedua.text)
    assert ditolak.status_code == 400 and "Baris 3: Sudah ada dalam daftar ini." in ditolak.text
    assert entri(sid) == sebelum


def test_an_approved_list_is_exported_as_openSIDs_workbook_and_reads_back(admin_client, warga):
    program_id = program_baru("keluarga", kuota=None)
    sid = siklus_baru(program_id)
    per_kk = {}
    for w in warga:
        if w["no_kk"]:
            per_kk.setdefault(w["no_kk"], w)
    nomor_kk = list(per_kk)[:3]
    lembar = {"Peserta": [JUDUL, *[[kk, f"KKS-{i}", "", "", "", "", ""] for i, kk in enumerate(nomor_kk)]]}
    run_sync(opensid.terapkan_impor(None, sid, lembar, nama_berkas="awal.xlsx", hari_ini=HARI_INI))
    keluar = entri(sid)[2]
    run_sync(siklus.keluarkan(None, keluar["id"], "Sudah menerima PKH"))
    belum = admin_client.get(f"/admin/bantuan/siklus/{sid}/opensid.xlsx", follow_redirects=False)
    assert belum.status_code in (302, 303)  # a list being prepared does not leave Balai
    run_sync(siklus.ajukan(None, sid))
    run_sync(siklus.setujui(None, sid, hari_ini=HARI_INI))

    unduh = admin_client.get(f"/admin/bantuan/siklus/{sid}/opensid.xlsx")
    assert unduh.status_code == 200 and unduh.headers["content-type"].startswith(XLSX)
    assert "attachment" in unduh.headers["content-disposition"]
    buku_opensid = lembar_xlsx(unduh.content)
    assert list(buku_opensid) == ["Program", "Peserta"]
    program = buku_opensid["Program"]
    assert [r[0] for r in program] == list(opensid.BARIS_PROGRAM)
    assert program[0][1] == "" and program[2][1] == 2 and program[4][1] == "Dana Desa"
    assert (program[5][1], program[6][1]) == (f"{HARI_INI.year}-01-01", f"{HARI_INI.year}-03-31")
    peserta = buku_opensid["Peserta"]
    assert peserta[0] == JUDUL and len(peserta) == 3  # the removed family is not on it
    frozen = [json.loads(r["data"]) for r in entri(sid)[:2]]
    assert [r[0] for r in peserta[1:]] == nomor_kk[:2] and [r[1] for r in peserta[1:]] == ["KKS-0", "KKS-1"]
    assert [r[2] for r in peserta[1:]] == [d["nik"] for d in frozen]
    assert [r[3] for r in peserta[1:]] == [d["nama"] for d in frozen]
    audit = run_sync(AuditEntri.select().where(AuditEntri.aksi == "ekspor_opensid").run())
    assert [a["objek_id"] for a in audit] == [f"siklus:{sid}"]

    # The same file imported into another family program's list adds the same families.
    lain = siklus_baru(program_baru("keluarga", nama="Bantuan pangan"))
    p = run_sync(opensid.periksa_impor(lain, buku_opensid))
    assert [b.kunci for b in p.baris] == [e["kunci"] for e in entri(sid)[:2]] and p.ditolak == []


def test_households_are_found_by_their_heads_nik_and_groups_by_name(balai, warga):
    rt = siklus_baru(program_baru("rumah_tangga"))
    kepala = next(w for w in warga if w["rumah_tangga"])
    p = run_sync(opensid.periksa_impor(rt, {"Peserta": [JUDUL, ["RTM-01", "", kepala["nik"], "", "", "", ""],
                                                        ["RTM-02", "", "", "", "", "", ""]]}))
    assert [b.kunci for b in p.baris] == [f"r:{kepala['rumah_tangga']}"]
    assert "kepala rumah tangga" in p.ditolak[0].alasan
    kelompok = siklus_baru(program_baru("kelompok", nama="Bantuan alat tani"))
    lembar = baca("peserta.csv", (",".join(JUDUL) + "\nKelompok Tani  Saiyo,,,Ketua,,,\nkelompok tani saiyo,,,,,,\n"
                                   ).encode())  # a CSV with OpenSID's columns is read too
    p = run_sync(opensid.periksa_impor(kelompok, lembar))
    assert [b.kunci for b in p.baris] == ["g:kelompok tani saiyo"] and "Sama dengan baris 2" in p.ditolak[0].alasan
    assert run_sync(opensid.terapkan_impor(None, kelompok, lembar, nama_berkas="k.xlsx", hari_ini=HARI_INI)) == 1
    assert entri(kelompok)[0]["kelompok"] == "Kelompok Tani Saiyo"


def test_who_may_import_and_export_and_what_is_refused_at_the_door(client, warga):
    sid = siklus_baru(program_baru("penduduk"))
    login(client)
    halaman = client.get(f"/admin/bantuan/siklus/{sid}/opensid")
    assert halaman.status_code == 200 and 'id="form-opensid"' in halaman.text
    assert "NIK penerima" in halaman.text  # what the Peserta column holds for this program
    gambar = client.post(f"/admin/bantuan/siklus/{sid}/opensid", files={"berkas": ("foto.jpg", b"\xff\xd8\xff" +
                                                                                   b"\x00" * 100, "image/jpeg")},
                         headers=csrf_headers(client))
    assert gambar.status_code == 400 and "bukan lembar kerja" in gambar.text
    format_kosong = client.get(f"/admin/bantuan/siklus/{sid}/opensid-format.xlsx")
    assert lembar_xlsx(format_kosong.content)["Peserta"] == [JUDUL]
    assert client.get("/admin/bantuan/siklus/999999/opensid").status_code == 404

    run_sync(create_user("wali2", "Wali Nagari", "sandi-wali-uji-2", "wali_nagari"))
    login(client, "wali2", "sandi-wali-uji-2")
    assert client.get(f"/admin/bantuan/siklus/{sid}/opensid").status_code == 403
    assert unggah(client, sid, buku([[warga[0]["nik"], "", "", "", "", "", ""]])).status_code == 403
    assert client.get(f"/admin/bantuan/siklus/{sid}/opensid-format.xlsx").status_code == 200
    assert entri(sid) == []

"""Importing a Siskeudes export in the office (issue 22): the dry run, applying it, re-importing, a Perubahan, a
refused row and a refused file. The year is last year, so every date in it lies in the past."""

from __future__ import annotations

import re
from datetime import date
from hashlib import sha256

import pytest

from core.audit.tables import AuditEntri
from core.identity.users import create_user
from plugin_sdk import public_version
from plugin_sdk.testing import csrf_headers, login, post_form, run_sync
from plugins.keuangan import contoh
from plugins.keuangan.ringkasan import ringkasan
from plugins.keuangan.tables import Apbdes, BarisAnggaran, Realisasi
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

TAHUN = nagari_today().year - 1


def _zip(**kwargs) -> bytes:
    return contoh.zip_siskeudes(TAHUN, **{"baris": 40, "sampai": date(TAHUN, 6, 30), **kwargs})


def unggah(client, data: bytes):
    return client.post("/admin/keuangan/impor", files={"berkas": ("siskeudes.zip", data, "application/zip")},
                       headers=csrf_headers(client))


def terapkan(client, page, **fields):
    token = re.search(r'action="/admin/keuangan/impor/([0-9a-f]{64})/terapkan"', page.text).group(1)
    return post_form(client, f"/admin/keuangan/impor/{token}/terapkan", fields, follow_redirects=False)


def versions():
    return run_sync(Apbdes.select().where(Apbdes.tahun == TAHUN).order_by(Apbdes.versi).run())


def test_dry_run_then_apply_brings_budget_and_realisation_in_force(admin_client):
    data = _zip()
    _, lines, realisasi = contoh.anggaran_contoh(TAHUN, baris=40, sampai=date(TAHUN, 6, 30))
    page = unggah(admin_client, data)
    assert page.status_code == 200, page.text[:500]
    assert "Pelaksanaan Pembangunan Desa" in page.text and "Terapkan" in page.text
    assert "40 baris anggaran" in page.text and f"{len(realisasi)} catatan realisasi" in page.text
    assert versions() == []                                       # the dry run writes nothing
    before = run_sync(public_version())

    done = terapkan(admin_client, page, berlaku_sejak=f"{TAHUN}-01-15")
    assert done.status_code in (302, 303) and done.headers["location"] == f"/admin/keuangan/{TAHUN}"
    [v] = versions()
    assert (v["status"], v["sumber"], v["versi"], v["berlaku_sejak"]) == ("berlaku", "siskeudes", 1, date(TAHUN, 1, 15))
    assert len(v["sidik_berkas"]) == 64
    r = run_sync(ringkasan(TAHUN))
    assert r.belanja.anggaran == sum(x["anggaran"] for x in lines if x["akun"][0] == "5")
    assert r.belanja.realisasi == sum(x["jumlah"] for x in realisasi if x["akun"][0] == "5")
    assert r.pendapatan.realisasi == sum(x["jumlah"] for x in realisasi if x["akun"][0] == "4")
    assert run_sync(public_version()) > before
    audit = run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == "keuangan.apbdes").run())
    assert [a["aksi"] for a in audit] == ["impor"] and audit[0]["objek_id"] == str(v["id"])


def test_the_same_file_again_changes_nothing(admin_client):
    data = _zip()
    terapkan(admin_client, unggah(admin_client, data), berlaku_sejak=f"{TAHUN}-01-15")
    again = unggah(admin_client, data)
    assert "sama persis" in again.text and 'id="form-terapkan"' not in again.text
    stamp = versions()[0]["diubah"]
    forced = post_form(admin_client, f"/admin/keuangan/impor/{sha256(data).hexdigest()}/terapkan",
                       {"berlaku_sejak": f"{TAHUN}-02-01"}, follow_redirects=False)
    assert forced.status_code in (302, 303)
    assert "Tidak ada yang berubah" in admin_client.get(forced.headers["location"]).text
    assert [(v["versi"], v["diubah"]) for v in versions()] == [(1, stamp)]


def test_same_budget_with_a_longer_journal_only_refreshes_realisation(admin_client):
    terapkan(admin_client, unggah(admin_client, _zip()), berlaku_sejak=f"{TAHUN}-01-15")
    first = run_sync(ringkasan(TAHUN)).belanja.realisasi
    later = unggah(admin_client, _zip(sampai=date(TAHUN, 9, 30)))
    assert "hanya realisasi yang diperbarui" in later.text and 'name="berlaku_sejak"' not in later.text
    terapkan(admin_client, later)
    assert [v["versi"] for v in versions()] == [1]
    _, _, realisasi = contoh.anggaran_contoh(TAHUN, baris=40, sampai=date(TAHUN, 9, 30))
    now = run_sync(ringkasan(TAHUN)).belanja.realisasi
    assert now > first and now == sum(x["jumlah"] for x in realisasi if x["akun"][0] == "5")


def test_a_changed_budget_becomes_the_next_version_and_keeps_the_old_one(admin_client):
    terapkan(admin_client, unggah(admin_client, _zip()), berlaku_sejak=f"{TAHUN}-01-15")
    changed = unggah(admin_client, _zip(seed=2))
    assert "berubah" in changed.text and "menggantikan" in changed.text
    early = terapkan(admin_client, changed, berlaku_sejak=f"{TAHUN}-01-01")
    assert early.status_code == 400 and "tidak boleh sebelum" in early.text
    assert [v["status"] for v in versions()] == ["berlaku"]        # refused: nothing changed
    terapkan(admin_client, changed, berlaku_sejak=f"{TAHUN}-07-01")
    old, new = versions()
    assert (old["status"], new["status"], new["versi"]) == ("diganti", "berlaku", 2)
    assert new["nama"] == f"APB Desa Perubahan {TAHUN}"
    _, lines, _ = contoh.anggaran_contoh(TAHUN, baris=40, seed=2)
    assert run_sync(ringkasan(TAHUN)).belanja.anggaran == sum(x["anggaran"] for x in lines if x["akun"][0] == "5")
    assert run_sync(BarisAnggaran.count().where(BarisAnggaran.apbdes == old["id"]).run()) == 40


def test_one_wrong_row_is_shown_and_blocks_apply(admin_client):
    kegiatan, lines, realisasi = contoh.anggaran_contoh(TAHUN, baris=40)
    tabel = contoh.tabel_siskeudes(TAHUN, kegiatan, lines, realisasi)
    tabel["Ta_RABRinci"][6]["AnggaranStlhPAK"] = "dua juta"
    data = contoh.zip_dari_tabel(tabel)
    page = unggah(admin_client, data)
    assert page.status_code == 200 and "Belum dapat diterapkan" in page.text
    row = re.search(r'<table class="tabel" id="masalah">.*?</table>', page.text, re.S).group(0)
    assert "Ta_RABRinci.csv</td><td>8</td>" in row and "dua juta" in row
    assert 'id="form-terapkan"' not in page.text
    forced = post_form(admin_client, f"/admin/keuangan/impor/{sha256(data).hexdigest()}/terapkan",
                       {"berlaku_sejak": f"{TAHUN}-01-15"}, follow_redirects=False)
    assert forced.status_code == 400 and "baris bermasalah" in forced.text
    assert versions() == [] and run_sync(Realisasi.count().run()) == 0


@pytest.mark.parametrize("data, pesan", [
    (b"%PDF-1.4 surat", "bukan zip"),
    (contoh.zip_dari_tabel({"penduduk": [{"nik": "1"}]}), "Ta_RABRinci.csv tidak ada"),
])
def test_a_foreign_file_is_refused_with_a_message(admin_client, data, pesan):
    page = unggah(admin_client, data)
    assert page.status_code == 400 and "Berkas ditolak" in page.text and pesan in page.text
    assert versions() == []


def test_only_the_finance_officer_imports(client):
    run_sync(create_user("wali", "Wali Nagari", "sandi-wali-nagari-1", "wali_nagari"))
    login(client, "wali", "sandi-wali-nagari-1")
    assert client.get("/admin/keuangan/impor").status_code == 403
    assert unggah(client, _zip()).status_code == 403
    assert client.get("/admin/keuangan/impor/" + "0" * 64).status_code == 403


def test_an_unknown_token_is_not_found(admin_client):
    assert admin_client.get("/admin/keuangan/impor/" + "a" * 64).status_code == 404
    assert admin_client.get("/admin/keuangan/impor/..%2Fpasswd").status_code == 404


def test_the_demo_has_last_year_and_this_year_in_force_with_realisation(balai):
    from types import SimpleNamespace

    from plugin_sdk import today

    app = SimpleNamespace(state=SimpleNamespace(balai=balai))
    assert run_sync(contoh.buat_demo(app, baris=30)) is True
    assert run_sync(contoh.buat_demo(app, baris=30)) is False          # a second run adds nothing
    ini = today(SimpleNamespace(app=app)).year
    lalu, sekarang = run_sync(ringkasan(ini - 1)), run_sync(ringkasan(ini))
    assert lalu.apbdes["status"] == sekarang.apbdes["status"] == "berlaku"
    assert 0.85 <= lalu.belanja.realisasi / lalu.belanja.anggaran <= 1.0
    assert sekarang.belanja.realisasi <= sekarang.belanja.anggaran


def test_an_open_draft_of_the_year_holds_the_import_back(admin_client):
    from plugins.keuangan import layanan

    run_sync(layanan.buat_apbdes(None, TAHUN))
    page = unggah(admin_client, _zip())
    assert "masih ada rancangan" in page.text and 'id="form-terapkan"' not in page.text
    forced = post_form(admin_client, f"/admin/keuangan/impor/{sha256(_zip()).hexdigest()}/terapkan",
                       {"berlaku_sejak": f"{TAHUN}-01-15"}, follow_redirects=False)
    assert forced.status_code == 400 and "tetapkan atau hapus rancangan" in forced.text
    assert [v["status"] for v in versions()] == ["draf"]


def test_an_upload_left_for_a_day_is_dropped_when_the_next_arrives(admin_client, balai):
    import os

    stale = unggah(admin_client, _zip())
    folder = next((balai.settings.data_dir).rglob("keuangan/impor"))
    [old] = list(folder.glob("*.zip"))
    os.utime(old, (old.stat().st_atime - 2 * 86400, old.stat().st_mtime - 2 * 86400))
    unggah(admin_client, _zip(seed=2))
    assert [p.name for p in folder.glob("*.zip")] != [old.name] and not old.exists()
    answer = terapkan(admin_client, stale, berlaku_sejak=f"{TAHUN}-01-15")
    assert answer.status_code == 404 and "Unggah berkas ekspor Siskeudes-nya lagi" in answer.text
    assert versions() == []


def test_a_token_with_a_trailing_newline_is_not_one_of_ours(admin_client):
    data = _zip()
    unggah(admin_client, data)
    token = sha256(data).hexdigest()
    page = admin_client.get(f"/admin/keuangan/impor/{token}%0A")
    assert page.status_code == 404 and "Unggah berkas ekspor Siskeudes-nya lagi" not in page.text
    assert post_form(admin_client, f"/admin/keuangan/impor/{token}%0A/terapkan", {"berlaku_sejak": f"{TAHUN}-01-15"},
                     follow_redirects=False).status_code == 404
    assert versions() == []


def _tabel(**kwargs) -> dict:
    kegiatan, lines, realisasi = contoh.anggaran_contoh(TAHUN, **{"baris": 40, "sampai": date(TAHUN, 6, 30),
                                                                  **kwargs})
    return contoh.tabel_siskeudes(TAHUN, kegiatan, lines, realisasi)


def test_a_file_without_journal_says_so_rather_than_realisation_equal(admin_client):
    terapkan(admin_client, unggah(admin_client, _zip()), berlaku_sejak=f"{TAHUN}-01-15")
    tabel = _tabel()
    del tabel["Ta_JurnalUmum"], tabel["Ta_JurnalUmumRinci"]
    page = unggah(admin_client, contoh.zip_dari_tabel(tabel))
    assert "Anggaran dan realisasi di berkas ini sudah sama" not in page.text
    assert "tidak memuat jurnal" in page.text and "realisasi tidak diubah" in page.text
    assert 'id="form-terapkan"' not in page.text


def test_a_renamed_line_source_or_activity_is_a_change_applied_as_a_new_version(admin_client):
    terapkan(admin_client, unggah(admin_client, contoh.zip_dari_tabel(_tabel())), berlaku_sejak=f"{TAHUN}-01-15")
    tabel = _tabel()
    rinci = tabel["Ta_RABRinci"]
    pos = [(r["Kd_Keg"], r["Kd_Rincian"]) for r in rinci]
    satu = [r for r in rinci if pos.count((r["Kd_Keg"], r["Kd_Rincian"])) == 1 and r["Kd_Rincian"][0] == "5"]
    satu[0]["Uraian"] = "Honor kader posyandu (dikoreksi)"
    satu[1]["SumberDana"] = "PBH" if satu[1]["SumberDana"] != "PBH" else "DDS"
    tabel["Ta_Kegiatan"][0]["Nama_Kegiatan"] = "Nama kegiatan yang dibetulkan"
    page = unggah(admin_client, contoh.zip_dari_tabel(tabel))
    assert 'id="form-terapkan"' in page.text and "2 berubah" in page.text
    assert "Nama kegiatan yang dibetulkan" in re.search(r'id="kegiatan-berubah".*?</table>', page.text, re.S).group(0)
    terapkan(admin_client, page, berlaku_sejak=f"{TAHUN}-07-01")
    old, new = versions()
    assert (old["status"], new["status"]) == ("diganti", "berlaku")
    baris = run_sync(BarisAnggaran.select().where(BarisAnggaran.apbdes == new["id"]).run())
    assert "Honor kader posyandu (dikoreksi)" in {b["uraian"] for b in baris}
    akun = satu[1]["Kd_Rincian"].rstrip(".")
    assert {b["sumber_dana"] for b in baris if b["akun"] == akun and b["kegiatan"] in satu[1]["Kd_Keg"]} == {
        satu[1]["SumberDana"]}


def _catat_manual(tahun, kegiatan, akun, jumlah, tanggal):
    from plugins.keuangan import layanan

    return run_sync(layanan.catat_realisasi(None, tahun, {"kegiatan": kegiatan, "akun": akun, "jumlah": jumlah,
                                                          "tanggal": tanggal, "uraian": "Dibayar tunai",
                                                          "bukti": "KW-1"}))


def test_a_file_dropping_a_pos_with_realisation_is_blocked_naming_the_pos(admin_client):
    terapkan(admin_client, unggah(admin_client, contoh.zip_dari_tabel(_tabel())), berlaku_sejak=f"{TAHUN}-01-15")
    tabel = _tabel()
    rinci = tabel["Ta_RABRinci"]
    pos = [(r["Kd_Keg"], r["Kd_Rincian"]) for r in rinci]
    jurnal = {(r["Kd_Keg"], r["Kd_Rincian"]) for r in tabel["Ta_JurnalUmumRinci"]}
    # a belanja pos of one detail row with imported realisation: the file drops its line but keeps its journal
    dibuang = next(p for p in pos if pos.count(p) == 1 and p[1][0] == "5" and p in jurnal)
    tabel["Ta_RABRinci"] = [r for r in rinci if (r["Kd_Keg"], r["Kd_Rincian"]) != dibuang]
    data = contoh.zip_dari_tabel(tabel)
    page = unggah(admin_client, data)
    assert 'id="ada-masalah"' in page.text and 'id="form-terapkan"' not in page.text
    assert f"rekening {dibuang[1].rstrip('.')}" in page.text and "sudah ada realisasinya" in page.text
    forced = post_form(admin_client, f"/admin/keuangan/impor/{sha256(data).hexdigest()}/terapkan",
                       {"berlaku_sejak": f"{TAHUN}-07-01"}, follow_redirects=False)
    assert forced.status_code == 400 and "sudah ada realisasinya" in forced.text
    assert [v["versi"] for v in versions()] == [1]


def test_a_file_dropping_a_pos_realised_by_hand_is_blocked_unless_that_realisation_goes(admin_client):
    kegiatan, lines, realisasi = contoh.anggaran_contoh(TAHUN, baris=40, sampai=date(TAHUN, 6, 30))
    terapkan(admin_client, unggah(admin_client, contoh.zip_dari_tabel(_tabel())), berlaku_sejak=f"{TAHUN}-01-15")
    x = next(x for x in lines if x["akun"][0] == "5")
    _catat_manual(TAHUN, x["kegiatan"], x["akun"], "150000", f"{TAHUN}-05-02")
    tabel = _tabel()
    kd = f"{contoh.KD_DESA}{x['kegiatan']}."
    for nama in ("Ta_RABRinci", "Ta_JurnalUmumRinci"):   # the file drops the line and any journal of it
        tabel[nama] = [r for r in tabel[nama] if (r["Kd_Keg"], r["Kd_Rincian"]) != (kd, x["akun"] + ".")]
    page = unggah(admin_client, contoh.zip_dari_tabel(tabel))
    assert f"rekening {x['akun']}" in page.text and "sudah ada realisasinya" in page.text
    assert terapkan(admin_client, page, berlaku_sejak=f"{TAHUN}-07-01").status_code == 400
    assert [v["versi"] for v in versions()] == [1]
    done = terapkan(admin_client, page, berlaku_sejak=f"{TAHUN}-07-01", hapus_manual="1")   # that realisation goes
    assert done.status_code in (302, 303) and [v["versi"] for v in versions()] == [1, 2] and _manual() == []


def _manual():
    return run_sync(Realisasi.select().where(Realisasi.sumber == "manual").run())


def test_realisation_typed_by_hand_is_shown_and_removed_only_when_ticked(admin_client):
    _, lines, _ = contoh.anggaran_contoh(TAHUN, baris=40)
    terapkan(admin_client, unggah(admin_client, _zip()), berlaku_sejak=f"{TAHUN}-01-15")
    belanja = next(x for x in lines if x["kegiatan"][:2] == "02")
    pendapatan = next(x for x in lines if x["akun"][0] == "4")
    _catat_manual(TAHUN, belanja["kegiatan"], belanja["akun"], "1.250.000", f"{TAHUN}-05-02")
    _catat_manual(TAHUN, "", pendapatan["akun"], "500.000", f"{TAHUN}-05-03")

    page = unggah(admin_client, _zip(sampai=date(TAHUN, 9, 30)))
    blok = re.search(r'id="realisasi-manual".*?</table>', page.text, re.S).group(0)
    assert "2 catatan" in page.text and "Pelaksanaan Pembangunan Desa" in blok and "1.250.000" in blok
    kotak = re.search(r'<input[^>]*name="hapus_manual"[^>]*>', page.text).group(0)
    assert "checked" not in kotak and "sudah tercatat di jurnal Siskeudes" in page.text
    terapkan(admin_client, page)                                            # not ticked: kept
    assert len(_manual()) == 2

    page = unggah(admin_client, _zip(sampai=date(TAHUN, 10, 31)))
    done = terapkan(admin_client, page, hapus_manual="1")
    assert done.status_code in (302, 303) and _manual() == []
    _, _, realisasi = contoh.anggaran_contoh(TAHUN, baris=40, sampai=date(TAHUN, 10, 31))
    assert run_sync(ringkasan(TAHUN)).belanja.realisasi == sum(x["jumlah"] for x in realisasi if x["akun"][0] == "5")
    audit = run_sync(AuditEntri.select().where((AuditEntri.objek_jenis == "keuangan.realisasi")
                                               & (AuditEntri.aksi == "hapus")).run())
    assert len(audit) == 2


def test_after_a_journal_refresh_the_older_file_is_not_taken_for_the_same(admin_client):
    pertama = _zip()
    terapkan(admin_client, unggah(admin_client, pertama), berlaku_sejak=f"{TAHUN}-01-15")
    terapkan(admin_client, unggah(admin_client, _zip(sampai=date(TAHUN, 9, 30))))
    again = unggah(admin_client, pertama)                    # its journal is no longer the one recorded
    assert "sama persis" not in again.text and "hanya realisasi yang diperbarui" in again.text


def test_the_original_file_restores_a_line_corrected_by_hand(admin_client):
    from plugins.keuangan import layanan

    data = _zip()
    terapkan(admin_client, unggah(admin_client, data), berlaku_sejak=f"{TAHUN}-01-15")
    [v] = versions()
    b = run_sync(BarisAnggaran.select().where((BarisAnggaran.apbdes == v["id"])
                                              & (BarisAnggaran.akun.like("5%"))).first().run())
    run_sync(layanan.simpan_baris(None, v["id"], {**b, "uraian": "Salah ketik di Balai",
                                                  "anggaran": f"{b['anggaran'] // 100},{b['anggaran'] % 100:02d}"},
                                  baris_id=b["id"]))
    page = unggah(admin_client, data)
    assert "sama persis" not in page.text and "1 berubah" in page.text and "(uraian)" in page.text
    terapkan(admin_client, page, berlaku_sejak=f"{TAHUN}-07-01")
    baru = versions()[-1]
    pulih = run_sync(BarisAnggaran.select(BarisAnggaran.uraian).where(
        (BarisAnggaran.apbdes == baru["id"]) & (BarisAnggaran.kegiatan == b["kegiatan"])
        & (BarisAnggaran.akun == b["akun"])).first().run())
    assert baru["versi"] == 2 and pulih["uraian"] == b["uraian"]

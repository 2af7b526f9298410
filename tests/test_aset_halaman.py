"""The office's asset pages (plugin `aset`, issue 24): registering through the form and seeing it in the list with
the totals, a refused form saving nothing, a sale confirmed on a second screen and shown as history with the mutation
form gone, photos and PDFs served to staff only and removed when uploaded by mistake, the APB Desa link (a link into
keuangan; releasable when keuangan is off), the nagari's own terms, and who may open the pages."""

from __future__ import annotations

import io
import re
from datetime import date
from importlib.metadata import EntryPoint, entry_points

import pytest

from core.audit.tables import AuditEntri
from core.identity.users import create_user
from plugin_sdk.testing import login, post_form, run_sync
from plugins.aset.tables import Aset, BerkasAset, MutasiAset
from tests.test_aset_layanan import apbdes_dengan_kegiatan

TAHUN = date.today().year - 1


INSTALLED = any(e.name == "aset" for e in entry_points(group="balai.plugins"))


@pytest.fixture
def balai_entry_points():
    # Until the package metadata lists `aset` (a built-in once installed), load it as an added plugin.
    if INSTALLED:
        return None
    return [*entry_points(group="balai.plugins"), EntryPoint(name="aset", value="plugins.aset.plugin",
                                                             group="balai.plugins")]


@pytest.fixture
def balai_plugins():
    return [] if INSTALLED else ["aset"]


def isian(**lain) -> dict:
    return {"golongan": "B", "kode_barang": "1.3.2.02", "nama": "Sepeda motor dinas", "jumlah": "1",
            "satuan": "unit", "jorong": "", "lokasi": "Kantor nagari", "lintang": "-0,2283", "bujur": "100,6312",
            "tahun_perolehan": str(TAHUN), "tanggal_perolehan": f"{TAHUN}-03-02", "asal": "dana_desa",
            "nilai": "18.500.000", "kondisi": "baik", "luas": "", "keterangan": "", **lain}


def kirim(client, url: str, data: dict, **kwargs):
    return post_form(client, url, data, follow_redirects=False, **kwargs)


def daftarkan(client, **lain) -> int:
    answer = kirim(client, "/admin/aset/baru", isian(**lain))
    assert answer.status_code in (302, 303), answer.text[:3000]
    return int(answer.headers["location"].rsplit("/", 1)[1])


def semua(table) -> list[dict]:
    return run_sync(table.select().order_by(table.id).run())


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 60)).save(out, "PNG")
    return out.getvalue()


def test_an_asset_registered_through_the_form_is_listed_with_the_totals(admin_client):
    form = admin_client.get("/admin/aset/baru")
    assert form.status_code == 200 and 'name="golongan"' in form.text and 'id="daftar-kode"' in form.text
    motor = daftarkan(admin_client)
    daftarkan(admin_client, golongan="A", kode_barang="1.3.1.01", nama="Tanah lapang bola", asal="hibah",
              nilai="250.000.000", satuan="bidang", luas="5.000", tanah_kas="1", sertifikat="HP 12/2019")
    rows = semua(Aset)
    assert [r["nama"] for r in rows] == ["Sepeda motor dinas", "Tanah lapang bola"]
    assert rows[0]["nilai"] == 1_850_000_000 and rows[0]["id"] == motor and rows[1]["tanah_kas"]

    listing = admin_client.get("/admin/aset")
    assert listing.status_code == 200
    assert "Sepeda motor dinas" in listing.text and "Tanah lapang bola" in listing.text
    assert "268.500.000" in listing.text  # the total of both
    assert "18.500.000" in listing.text and "Hibah" in listing.text  # per class / per origin
    only_land = admin_client.get("/admin/aset?golongan=A").text
    assert "Tanah lapang bola" in only_land and "Sepeda motor dinas" not in only_land
    assert admin_client.get("/admin/aset?golongan=Z").status_code == 400  # a filter it cannot read is said so

    page = admin_client.get(f"/admin/aset/{motor}")
    assert page.status_code == 200 and "Sepeda motor dinas" in page.text and 'id="form-mutasi"' in page.text


def test_a_refused_form_shows_each_message_beside_its_field_and_saves_nothing(admin_client):
    answer = kirim(admin_client, "/admin/aset/baru", isian(nilai="-5.000.000", lintang="40,5", bujur="100,6"))
    assert answer.status_code == 400
    assert 'id="galat-nilai"' in answer.text and 'id="galat-lintang"' in answer.text
    assert 'value="-5.000.000"' in answer.text and 'value="Sepeda motor dinas"' in answer.text  # kept as typed
    assert semua(Aset) == []


def test_a_sale_is_shown_as_history_and_ends_the_mutation_form(admin_client):
    motor = daftarkan(admin_client)
    edit = admin_client.get(f"/admin/aset/{motor}/ubah")
    assert edit.status_code == 200 and 'value="18.500.000"' in edit.text and 'value="-0,2283"' in edit.text
    corrected = kirim(admin_client, f"/admin/aset/{motor}/ubah", isian(nama="Sepeda motor Honda dinas"))
    assert corrected.status_code in (302, 303), corrected.text[:3000]
    assert semua(Aset)[0]["nama"] == "Sepeda motor Honda dinas" and semua(Aset)[0]["lintang"] == -0.2283
    refused = kirim(admin_client, f"/admin/aset/{motor}/mutasi",
                    {"jenis": "penjualan", "tanggal": f"{TAHUN}-11-03", "nilai": "9.000.000", "pihak": ""})
    assert refused.status_code == 400 and 'id="galat-pihak"' in refused.text  # a sale needs its buyer
    assert semua(MutasiAset) == []

    sale = {"jenis": "penjualan", "tanggal": f"{TAHUN}-11-03", "nilai": "9.000.000", "pihak": "Bapak Yusran",
            "dokumen": "BA-07/2025"}
    # a sale ends the asset: a second screen says what will be recorded, and nothing is until the clerk confirms
    ask = kirim(admin_client, f"/admin/aset/{motor}/mutasi", sale)
    assert ask.status_code == 200 and 'id="konfirmasi-mutasi"' in ask.text and "Ya, catat penjualan" in ask.text
    assert "Bapak Yusran" in ask.text and f"3 November {TAHUN}" in ask.text and "Rp 9.000.000" in ask.text
    assert semua(MutasiAset) == [] and semua(Aset)[0]["status"] == "aktif"
    back = kirim(admin_client, f"/admin/aset/{motor}/mutasi", {**sale, "kembali": "1"})
    assert back.status_code == 200 and 'value="Bapak Yusran"' in back.text and 'id="form-mutasi"' in back.text
    assert semua(MutasiAset) == []
    sold = kirim(admin_client, f"/admin/aset/{motor}/mutasi", {**sale, "yakin": "1"})
    assert sold.status_code in (302, 303), sold.text[:3000]
    page = admin_client.get(f"/admin/aset/{motor}").text
    history = page.split('id="riwayat-aset"')[1].split("</table>")[0]
    assert "Pendaftaran" in history and "Penjualan" in history and "Bapak Yusran" in history and f"3 November {TAHUN}" in history
    assert 'id="form-mutasi"' not in page and "sudah dijual" in page
    assert admin_client.get(f"/admin/aset/{motor}/ubah", follow_redirects=False).status_code in (302, 303)
    late = kirim(admin_client, f"/admin/aset/{motor}/mutasi", {"jenis": "penghapusan", "tanggal": f"{TAHUN}-12-01"})
    assert late.status_code == 400 and len(semua(MutasiAset)) == 1


def test_photos_and_documents_are_served_to_staff_only(admin_client):
    from plugins.informasi_publik.contoh_hukum import pdf_contoh

    motor = daftarkan(admin_client)
    for name, content, kind in (("motor.png", png(), "image/png"), ("bukti.pdf", pdf_contoh("KUITANSI"),
                                                                    "application/pdf")):
        answer = kirim(admin_client, f"/admin/aset/{motor}/berkas", {"judul": name},
                       files={"berkas": (name, content, kind)})
        assert answer.status_code in (302, 303), answer.text[:3000]
    bad = kirim(admin_client, f"/admin/aset/{motor}/berkas", {}, files={"berkas": ("x.pdf", b"bukan", "application/pdf")})
    assert bad.status_code == 400 and 'id="galat-berkas"' in bad.text
    foto, dokumen = semua(BerkasAset)
    assert (foto["jenis"], dokumen["jenis"]) == ("foto", "dokumen")

    page = admin_client.get(f"/admin/aset/{motor}").text
    for row in (foto, dokumen):
        assert f"/admin/aset/{motor}/berkas/{row['id']}" in page
    picture = admin_client.get(f"/admin/aset/{motor}/berkas/{foto['id']}")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/webp"
    pdf = admin_client.get(f"/admin/aset/{motor}/berkas/{dokumen['id']}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert admin_client.get(f"/admin/aset/{motor + 1}/berkas/{foto['id']}").status_code == 404  # not its asset

    admin_client.cookies.clear()  # now an anonymous visitor
    answer = admin_client.get(f"/admin/aset/{motor}/berkas/{dokumen['id']}", follow_redirects=False)
    assert answer.status_code in (302, 303, 401, 403) and not answer.content.startswith(b"%PDF")


def test_a_photo_uploaded_by_mistake_is_removed_after_confirming_with_its_file(admin_client, balai):
    from plugins.informasi_publik.contoh_hukum import pdf_contoh

    motor = daftarkan(admin_client)
    for name, content, kind in (("salah.png", png(), "image/png"), ("bukti.pdf", pdf_contoh("KUITANSI"),
                                                                    "application/pdf")):
        kirim(admin_client, f"/admin/aset/{motor}/berkas", {"judul": name}, files={"berkas": (name, content, kind)})
    foto, dokumen = semua(BerkasAset)
    [berkas] = list(balai.settings.data_dir.rglob(foto["berkas"]))
    hapus = f"/admin/aset/{motor}/berkas/{foto['id']}/hapus"
    assert f'action="{hapus}"' in admin_client.get(f"/admin/aset/{motor}").text
    ask = kirim(admin_client, hapus, {})  # the page's "Hapus": a second screen that asks
    assert ask.status_code == 200 and "Ya, hapus" in ask.text and "salah.png" in ask.text
    assert berkas.exists() and len(semua(BerkasAset)) == 2  # asking removes nothing

    done = kirim(admin_client, hapus, {"yakin": "1"})
    assert done.status_code in (302, 303)
    assert [r["id"] for r in semua(BerkasAset)] == [dokumen["id"]] and not berkas.exists()
    assert admin_client.get(f"/admin/aset/{motor}/berkas/{foto['id']}").status_code == 404
    [entry] = run_sync(AuditEntri.select().where((AuditEntri.objek_jenis == "aset.berkas")
                                                 & (AuditEntri.aksi == "hapus")).run())
    assert entry["objek_id"] == str(foto["id"]) and "salah.png" in entry["rincian"]
    assert kirim(admin_client, f"/admin/aset/{motor + 1}/berkas/{dokumen['id']}/hapus",
                 {"yakin": "1"}).status_code == 404  # not that asset's file

    run_sync(create_user("wali1", "Wali", "sandi-wali-uji-12345", "wali_nagari"))  # aset.lihat, not aset.kelola
    admin_client.cookies.clear()
    login(admin_client, "wali1", "sandi-wali-uji-12345")
    assert f"{dokumen['id']}/hapus" not in admin_client.get(f"/admin/aset/{motor}").text
    assert kirim(admin_client, f"/admin/aset/{motor}/berkas/{dokumen['id']}/hapus",
                 {"yakin": "1"}).status_code == 403
    assert len(semua(BerkasAset)) == 1


def test_the_apb_desa_activity_is_a_link_into_keuangan(admin_client, balai):
    apbdes_dengan_kegiatan(TAHUN)
    motor = daftarkan(admin_client, anggaran=f"{TAHUN}|01.01.03")
    page = admin_client.get(f"/admin/aset/{motor}").text
    kegiatan = page.split('id="kegiatan-apbdes"')[1].split("</dd>")[0]
    assert f'href="/admin/keuangan/{TAHUN}"' in kegiatan and "01.01.03 Penyediaan sarana kantor" in kegiatan
    target = admin_client.get(f"/admin/keuangan/{TAHUN}")
    assert target.status_code == 200 and "Penyediaan sarana kantor" in target.text
    run_sync(balai.disable("keuangan"))
    kegiatan = admin_client.get(f"/admin/aset/{motor}").text.split('id="kegiatan-apbdes"')[1].split("</dd>")[0]
    assert "href" not in kegiatan and "kegiatan 01.01.03" in kegiatan  # still said, no dead link


def test_with_keuangan_disabled_a_linked_asset_is_corrected_by_releasing_its_link(admin_client, balai):
    apbdes_dengan_kegiatan(TAHUN)
    motor = daftarkan(admin_client, anggaran=f"{TAHUN}|01.01.03")
    run_sync(balai.disable("keuangan"))
    edit = admin_client.get(f"/admin/aset/{motor}/ubah").text
    assert f'name="anggaran" value="{TAHUN}|01.01.03"' in edit and "Lepaskan kaitan ke kegiatan APB Desa" in edit

    # the acquisition was a year earlier: the link to that year's activity no longer fits, and the page says so
    earlier = isian(tahun_perolehan=str(TAHUN - 1), tanggal_perolehan=f"{TAHUN - 1}-03-02",
                    anggaran=f"{TAHUN}|01.01.03")
    refused = kirim(admin_client, f"/admin/aset/{motor}/ubah", earlier)
    assert refused.status_code == 400
    assert re.search(r'id="galat-anggaran"[^>]*>Pilih kegiatan APB Desa tahun perolehan aset', refused.text)
    assert 'id="isian-lepas_anggaran"' in refused.text or 'name="lepas_anggaran"' in refused.text
    assert semua(Aset)[0]["tahun_perolehan"] == TAHUN

    released = kirim(admin_client, f"/admin/aset/{motor}/ubah", {**earlier, "lepas_anggaran": "1"})
    assert released.status_code in (302, 303), released.text[:3000]
    row = semua(Aset)[0]
    assert (row["tahun_perolehan"], row["anggaran_tahun"], row["anggaran_kegiatan"]) == (TAHUN - 1, None, "")


def test_the_pages_use_the_nagaris_own_terms(admin_client, balai):
    from core.penduduk.tables import Wilayah

    run_sync(balai.save_profile({**balai.profile(), "sebutan_desa": "Desa", "sebutan_dusun": "Dusun"}))
    run_sync(Wilayah.insert(Wilayah(nama="Sukamaju", tingkat=1)).run())
    form = admin_client.get("/admin/aset/baru").text
    assert "(tidak di satu dusun)" in form and "samping kantor desa" in form
    # the asset form itself: the menu around it is the core's, the code list's suggestions are data
    main = re.sub(r"<datalist.*?</datalist>", "", form.split("<main", 1)[1], flags=re.S)
    assert not re.search(r">[^<]*(jorong|nagari)", main, re.I)  # no word of the form says the old terms
    refused = kirim(admin_client, "/admin/aset/baru", isian(jorong="99999"))
    assert refused.status_code == 400 and "Pilih dusun dari daftar." in refused.text
    listing = admin_client.get("/admin/aset?jorong=99999")
    assert "Dusun yang dipilih tidak ada." in listing.text and "Aset yang masih dimiliki desa" in listing.text
    motor = daftarkan(admin_client, jorong=str(run_sync(Wilayah.select().first().run())["id"]))
    assert "Dusun Sukamaju" in admin_client.get(f"/admin/aset/{motor}").text


def test_a_user_without_aset_lihat_is_refused(client):
    run_sync(create_user("redaksi1", "Redaksi", "sandi-redaksi-uji-1", "redaksi"))
    login(client, "redaksi1", "sandi-redaksi-uji-1")
    assert client.get("/admin/aset").status_code == 403
    assert client.get("/admin/aset/baru").status_code == 403
    assert re.search(r"/admin/aset\b", client.get("/admin").text) is None  # not in the menu either

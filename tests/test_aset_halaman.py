"""The office's asset pages (plugin `aset`, issue 24): registering through the form and seeing it in the list with
the totals, a refused form saving nothing, a sale shown as history with the mutation form gone, photos and PDFs
served to staff only, and who may open the pages."""

from __future__ import annotations

import io
import re
from datetime import date
from importlib.metadata import EntryPoint, entry_points

import pytest

from core.identity.users import create_user
from plugin_sdk.testing import login, post_form, run_sync
from plugins.aset.tables import Aset, BerkasAset, MutasiAset

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

    sold = kirim(admin_client, f"/admin/aset/{motor}/mutasi",
                 {"jenis": "penjualan", "tanggal": f"{TAHUN}-11-03", "nilai": "9.000.000", "pihak": "Bapak Yusran",
                  "dokumen": "BA-07/2025"})
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


def test_a_user_without_aset_lihat_is_refused(client):
    run_sync(create_user("redaksi1", "Redaksi", "sandi-redaksi-uji-1", "redaksi"))
    login(client, "redaksi1", "sandi-redaksi-uji-1")
    assert client.get("/admin/aset").status_code == 403
    assert client.get("/admin/aset/baru").status_code == 403
    assert re.search(r"/admin/aset\b", client.get("/admin").text) is None  # not in the menu either

"""Residents request letters themselves: uploads, the office queue, refusal with a reason, approval, download."""

import re

from plugin_sdk import dokumen
from plugin_sdk.testing import login, post_form, run_sync
from plugins.layanan_mandiri.tables import Lampiran, Permohonan, RiwayatPermohonan
from plugins.surat.tables import JenisSurat
from tests.mandiri_helpers import Jar, first_login, issue_pin, pdf, png, submit
from tests.surat_helpers import demo_nagari, letters, living_resident, pdf_text, wali_id

USAHA = {"keperluan": "Mengajukan pinjaman usaha", "isian_nama_usaha": "Kedai Kopi Taram",
         "isian_jenis_usaha": "Warung kopi", "isian_alamat_usaha": "Jorong Koto, Taram"}
DOCS = {"syarat_0": ("pengantar.pdf", pdf(), "application/pdf"), "syarat_1": ("ktp.png", png(), "image/png"),
        "syarat_2": ("kk.jpg", None, "image/jpeg")}


def jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 90, 30)).save(out, "JPEG")
    return out.getvalue()


def documents() -> dict:
    return {**DOCS, "syarat_2": ("kk.jpg", jpeg(), "image/jpeg")}


def as_resident(client, balai):
    """The office gives a resident a PIN; the resident logs in on their phone. Returns (person, office jar)."""
    demo_nagari(balai)
    person = living_resident()
    pin = issue_pin(client, person["id"])
    office = Jar(client)
    first_login(client, person["nik"], pin)
    return person, office


def requests() -> list[dict]:
    return run_sync(Permohonan.select().order_by(Permohonan.id).run())


def test_request_refused_fixed_approved_and_downloaded(admin_client, balai):
    person, office = as_resident(admin_client, balai)
    choices = admin_client.get("/warga/surat").text
    assert "Surat Keterangan Usaha" in choices and "Surat pengantar RT/RW" in choices
    assert "Surat Keterangan Kelahiran" not in choices  # not open to self-service
    sent = submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    assert sent.status_code in (302, 303), sent.text[:800]
    [request] = requests()
    assert request["status"] == "diperiksa"
    assert len(run_sync(Lampiran.select().run())) == 3
    office.swap()
    assert '<p class="angka">1</p>' in widget(admin_client.get("/admin").text, "layanan_mandiri")
    office.swap()

    office.swap()  # the operator's turn
    queue = admin_client.get("/admin/mandiri").text
    assert person["nama"] in queue and "Sedang diperiksa" in queue
    detail = admin_client.get(f"/admin/mandiri/{request['id']}").text
    assert "Kedai Kopi Taram" in detail and "ktp.png" in detail
    lampiran = re.search(r'href="(/admin/mandiri/\d+/lampiran/\d+)"', detail).group(1)
    assert admin_client.get(lampiran).headers["content-type"] == "application/pdf"
    assert post_form(admin_client, f"/admin/mandiri/{request['id']}/tolak", {"alasan": " "}).status_code == 400
    assert requests()[0]["status"] == "diperiksa"  # a refusal without a reason changes nothing
    post_form(admin_client, f"/admin/mandiri/{request['id']}/tolak", {"alasan": "Alamat usaha kurang lengkap"})

    office.swap()  # the resident reads the reason, fixes and sends again
    page = admin_client.get(f"/warga/surat/{request['id']}").text
    assert "Ditolak" in page and "Alamat usaha kurang lengkap" in page
    fixed = submit(admin_client, f"/warga/surat/{request['id']}",
                   {**USAHA, "isian_alamat_usaha": "Jorong Koto RT 02, Nagari Taram"})
    assert fixed.status_code in (302, 303) and requests()[0]["status"] == "diperiksa"

    office.swap()
    done = post_form(admin_client, f"/admin/mandiri/{request['id']}/setujui", {"penandatangan": str(wali_id())})
    assert done.status_code in (200, 303)
    [letter] = letters()
    assert letter["status"] == "terbit" and requests()[0]["status"] == "siap"

    office.swap()
    page = admin_client.get(f"/warga/surat/{request['id']}").text
    assert "Siap diambil" in page and letter["nomor"] in page
    download = admin_client.get(f"/warga/surat/{request['id']}/pdf")
    assert download.headers["content-type"] == "application/pdf"
    assert "Jorong Koto RT 02, Nagari Taram" in pdf_text(download.content)
    ca = admin_client.get("/surat/ca-nagari.pem").content  # the nagari CA, as published
    assert run_sync(dokumen.verify_pdf(download.content, [ca])).sah
    history = [h["status"] for h in run_sync(RiwayatPermohonan.select().order_by(RiwayatPermohonan.id).run())]
    assert history == ["diperiksa", "ditolak", "diperiksa", "siap"]

    office.swap()
    post_form(admin_client, f"/admin/mandiri/{request['id']}/diambil")
    assert requests()[0]["status"] == "diambil"


def widget(html: str, plugin: str) -> str:
    return html.split(f'data-plugin="{plugin}"')[1].split("</article>")[0]


def queue_table(html: str) -> str:
    return html.split('id="antrean"')[1]


def stored_uploads(balai) -> list:
    folder = balai.settings.data_dir / "berkas" / "mandiri"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_incomplete_request_is_kept_unfinished_and_never_reaches_the_office(admin_client, balai):
    person, office = as_resident(admin_client, balai)
    draft = submit(admin_client, "/warga/surat/ajukan/usaha", {"keperluan": "Pinjaman"},
                   {"syarat_1": ("ktp.png", png(), "image/png")})
    [request] = requests()
    assert request["status"] == "draf"
    page = admin_client.get(draft.headers["location"]).text
    assert "belum bisa dikirim" in page and "Nama usaha wajib diisi." in page and "Unggah: Surat pengantar RT/RW." in page
    assert "Foto tempat usaha" not in page.split("belum bisa dikirim")[1].split("</p>")[0]  # "(bila ada)" is optional
    office.swap()
    assert person["nama"] not in admin_client.get("/admin/mandiri?status=semua").text
    assert admin_client.get(f"/admin/mandiri/{request['id']}").status_code == 404
    office.swap()
    finished = submit(admin_client, f"/warga/surat/{request['id']}", USAHA,
                      {"syarat_0": ("pengantar.pdf", pdf(), "application/pdf"), "syarat_2": ("kk.jpg", jpeg(), "image/jpeg")})
    assert finished.status_code in (302, 303) and requests()[0]["status"] == "diperiksa"
    assert len(run_sync(Lampiran.select().run())) == 3


def test_wrong_files_and_wrong_values_change_nothing(admin_client, balai):
    as_resident(admin_client, balai)
    bad = {
        "teks.png": (b"bukan gambar sama sekali", "image/png"),
        "palsu.pdf": (b"%PDF-1.4 rusak", "application/pdf"),
        "gambar.svg": (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image/svg+xml"),
        "besar.png": (png() + b"\0" * (5 * 1024 * 1024), "image/png"),
    }
    for name, (content, kind) in bad.items():
        answer = submit(admin_client, "/warga/surat/ajukan/usaha", USAHA,
                        {**documents(), "syarat_1": (name, content, kind)})
        assert answer.status_code == 400, name
        assert name in answer.text and ("PDF, JPEG atau PNG" in answer.text or "rusak" in answer.text
                                        or "terlalu besar" in answer.text)
    wrong_date = submit(admin_client, "/warga/surat/ajukan/usaha", {**USAHA, "isian_mulai_usaha": "kemarin"},
                        documents())
    assert wrong_date.status_code == 400 and "tanggal yang valid" in wrong_date.text
    assert requests() == [] and stored_uploads(balai) == []  # nothing half-saved, no stray files


def test_a_resident_sees_only_their_own_requests(admin_client, balai):
    person, office = as_resident(admin_client, balai)
    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    [request] = requests()
    office.swap()
    login(admin_client)
    from core.penduduk.tables import Penduduk

    other = run_sync(Penduduk.select().where((Penduduk.status_dasar == 1) & (Penduduk.id != person["id"])).first().run())
    pin = issue_pin(admin_client, other["id"])
    first_login(admin_client, other["nik"], pin)
    for path in (f"/warga/surat/{request['id']}", f"/warga/surat/{request['id']}/pdf"):
        assert admin_client.get(path).status_code == 404
    assert submit(admin_client, f"/warga/surat/{request['id']}", USAHA).status_code == 404
    assert post_form(admin_client, f"/warga/surat/{request['id']}/batal").status_code == 404
    assert "Kedai Kopi" not in admin_client.get("/warga/surat").text


def test_letter_needing_the_heads_signature_waits_then_is_ready(admin_client, balai):
    run_sync(JenisSurat.update({JenisSurat.persetujuan: True}).where(JenisSurat.kode == "usaha").run())
    person, office = as_resident(admin_client, balai)
    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    [request] = requests()
    office.swap()
    post_form(admin_client, f"/admin/mandiri/{request['id']}/setujui", {"penandatangan": str(wali_id())})
    [letter] = letters()
    assert letter["status"] == "menunggu" and requests()[0]["status"] == "menunggu_ttd"
    assert '<p class="angka">0</p>' in widget(admin_client.get("/admin").text, "layanan_mandiri")
    post_form(admin_client, f"/admin/surat/{letter['id']}/setujui")  # the Wali Nagari signs in `surat`
    # The office's dashboard is the first page opened after the signature: it already counts the letter ready.
    assert "1 surat siap diambil" in widget(admin_client.get("/admin").text, "layanan_mandiri")
    assert "Siap diambil" in admin_client.get("/admin/mandiri?status=siap").text
    office.swap()
    page = admin_client.get(f"/warga/surat/{request['id']}").text
    assert "Siap diambil" in page and admin_client.get(f"/warga/surat/{request['id']}/pdf").status_code == 200


def test_dashboard_catches_up_with_a_letter_signed_without_its_event(admin_client, balai):
    """The card's one read of the open requests also drives the catch-up: a letter signed while the event was
    missed is counted ready on the next dashboard view (and the request moves)."""
    from plugins.surat.tables import Surat

    run_sync(JenisSurat.update({JenisSurat.persetujuan: True}).where(JenisSurat.kode == "usaha").run())
    person, office = as_resident(admin_client, balai)
    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    [request] = requests()
    office.swap()
    post_form(admin_client, f"/admin/mandiri/{request['id']}/setujui", {"penandatangan": str(wali_id())})
    [letter] = letters()
    card = widget(admin_client.get("/admin").text, "layanan_mandiri")
    assert '<p class="angka">0</p>' in card and "siap diambil" not in card
    run_sync(Surat.update({Surat.status: "terbit"}).where(Surat.id == letter["id"]).run())  # no event
    assert "1 surat siap diambil" in widget(admin_client.get("/admin").text, "layanan_mandiri")
    assert requests()[0]["status"] == "siap"


def test_resident_cancels_and_the_office_queue_filters(admin_client, balai):
    person, office = as_resident(admin_client, balai)
    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    submit(admin_client, "/warga/surat/ajukan/domisili", {"keperluan": "Syarat sekolah anak", "isian_sejak": "2010"},
           {"syarat_0": ("a.pdf", pdf(), "application/pdf"), "syarat_1": ("b.png", png(), "image/png"),
            "syarat_2": ("c.png", png(), "image/png")})
    first, second = requests()
    assert second["status"] == "diperiksa", admin_client.get(f"/warga/surat/{second['id']}").text[:3000]
    post_form(admin_client, f"/warga/surat/{first['id']}/batal")
    assert requests()[0]["status"] == "dibatalkan"
    assert "Dibatalkan" in admin_client.get(f"/warga/surat/{first['id']}").text
    office.swap()
    open_queue = queue_table(admin_client.get("/admin/mandiri").text)
    assert "Keterangan Domisili" in open_queue and "Keterangan Usaha" not in open_queue
    assert "Keterangan Usaha" in queue_table(admin_client.get("/admin/mandiri?status=dibatalkan").text)
    assert person["nama"] in queue_table(admin_client.get("/admin/mandiri", params={"q": person["nama"][:4]}).text)
    assert "Tidak ada permohonan" in admin_client.get("/admin/mandiri", params={"q": "zzz-tidak-ada"}).text
    assert post_form(admin_client, f"/admin/mandiri/{first['id']}/setujui",
                     {"penandatangan": str(wali_id())}).status_code == 400  # a cancelled request is not issued
    assert letters() == []

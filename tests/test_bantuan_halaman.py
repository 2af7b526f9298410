"""The office's aid pages (plugin `bantuan`, issue 25): a program saved through its form, rules counted before
they are saved, a cycle's list prepared by the operator and approved by the Wali Nagari (never by the one who
prepared it), the frozen list after approval with its distributions, a recipient who died flagged on the next
cycle, and who may open which page. Every refused form answers 400 with its message beside the field and
changes nothing."""

from __future__ import annotations

import re
from datetime import date

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.identity.users import create_user
from core.penduduk.tables import Penduduk
from plugin_sdk import today
from plugin_sdk.testing import ADMIN_PASSWORD, ADMIN_USER, login, post_form, run_sync
from plugins.bantuan.tables import PenyaluranBantuan, PesertaBantuan, ProgramBantuan, SiklusBantuan
from tests.surat_helpers import demo_nagari

WALI, SANDI_WALI = "wali1", "sandi-wali-nagari-1"
HARI_INI = date.today().isoformat()  # the server's day: never after the nagari's (UTC+7 to +9)


def kirim(client, url: str, data: dict | list, **kwargs):
    return post_form(client, url, data, follow_redirects=False, **kwargs)


def pindah(answer) -> str:
    assert answer.status_code in (302, 303), answer.text[:3000]
    return answer.headers["location"]


def semua(table, *where) -> list[dict]:
    query = table.select().order_by(table.id)
    for w in where:
        query = query.where(w)
    return run_sync(query.run())


def sebagai(client, username: str, password: str) -> None:
    client.cookies.clear()
    login(client, username, password)


def isian_program(**lain) -> dict:
    return {"nama": "BLT Dana Desa 2026", "sumber": "blt_dd", "sumber_lain": "", "sasaran": "penduduk",
            "mulai": f"{date.today().year}-01-01", "selesai": "", "kuota": "", "bentuk": "uang", "nilai": "300.000",
            "barang": "", "status": "aktif", "keterangan": "", "dasar_hukum": "", **lain}


def program_baru(client, **lain) -> int:
    return int(pindah(kirim(client, "/admin/bantuan/baru", isian_program(**lain))).rsplit("/", 1)[1])


def umur_paling_sedikit(umur: int, aksi: str = "simpan", **lain) -> dict:
    return {"syarat-0-dulu": "umur", "syarat-0-kolom": "umur", "syarat-0-op": ">=", "syarat-0-nilai": str(umur),
            "aksi": aksi, **lain}


def siklus_baru(client, program_id: int, nama: str = "Tahap 1") -> int:
    answer = kirim(client, f"/admin/bantuan/{program_id}/siklus", {"nama": nama, "periode_mulai": HARI_INI})
    return int(pindah(answer).rsplit("/", 1)[1])


def daftar_disetujui(client, balai) -> tuple[int, int]:
    """The demo register, a program for residents aged 60 and over, its first list prepared by the admin and
    approved by the Wali Nagari: (program id, cycle id). The client ends logged in as the admin."""
    demo_nagari(balai, residents=60)
    run_sync(create_user(WALI, "Wali Nagari", SANDI_WALI, "wali_nagari"))
    program_id = program_baru(client)
    pindah(kirim(client, f"/admin/bantuan/{program_id}/aturan", umur_paling_sedikit(60)))
    siklus_id = siklus_baru(client, program_id)
    pindah(kirim(client, f"/admin/bantuan/siklus/{siklus_id}/ajukan", {}))
    sebagai(client, WALI, SANDI_WALI)
    pindah(kirim(client, f"/admin/bantuan/siklus/{siklus_id}/setujui", {}))
    sebagai(client, ADMIN_USER, ADMIN_PASSWORD)
    return program_id, siklus_id


def test_the_programs_page_explains_the_flow_and_a_program_is_saved_through_its_form(admin_client):
    home = admin_client.get("/admin/bantuan")
    assert home.status_code == 200 and 'id="alur-bantuan"' in home.text and "Program baru" in home.text
    alur = home.text.split('id="alur-bantuan"')[1].split("</p>")[0]
    assert "Wali Nagari" in alur and "dibekukan" in alur

    refused = kirim(admin_client, "/admin/bantuan/baru", isian_program(nama="", kuota="-3", publik="1"))
    assert refused.status_code == 400
    for field in ("nama", "kuota", "dasar_hukum"):
        assert f'id="galat-{field}"' in refused.text and f'aria-describedby="galat-{field}"' in refused.text
    assert 'value="-3"' in refused.text and 'name="publik" value="1" checked' in refused.text  # kept as typed
    assert semua(ProgramBantuan) == []

    program_id = program_baru(admin_client, kuota="40")
    assert semua(ProgramBantuan)[0]["nilai"] == 30_000_000
    listing = admin_client.get("/admin/bantuan").text
    assert f'href="/admin/bantuan/{program_id}"' in listing and "BLT Dana Desa 2026" in listing
    page = admin_client.get(f"/admin/bantuan/{program_id}").text
    assert "Rp300.000" in page and "Atur aturan" in page and "Buat siklus baru" in page and "40 orang" in page

    form = admin_client.get(f"/admin/bantuan/{program_id}/ubah").text
    assert 'value="300.000"' in form and "Simpan program" in form
    pindah(kirim(admin_client, f"/admin/bantuan/{program_id}/ubah", isian_program(nama="BLT DD Tahap Akhir",
                                                                                  kuota="40")))
    assert semua(ProgramBantuan)[0]["nama"] == "BLT DD Tahap Akhir"
    assert admin_client.get("/admin/bantuan/999").status_code == 404


def test_the_rule_editor_counts_before_saving_and_a_rule_matching_nobody_needs_the_tick(admin_client, balai):
    from plugins.bantuan import aturan

    demo_nagari(balai, residents=60)
    program_id = program_baru(admin_client, sasaran="keluarga")
    url = f"/admin/bantuan/{program_id}/aturan"
    editor = admin_client.get(url)
    assert editor.status_code == 200 and "Periksa" in editor.text and "Simpan aturan" in editor.text

    # a column chosen in the empty row comes back with its operators and choices, nothing checked yet
    chosen = kirim(admin_client, url, {"syarat-0-dulu": "", "syarat-0-kolom": "pekerjaan", "aksi": "periksa"})
    assert chosen.status_code == 200 and 'name="syarat-0-op"' in chosen.text
    assert chosen.text.count('name="syarat-0-nilai"') > 10 and 'id="jumlah-cocok"' not in chosen.text

    cocok, jumlah = run_sync(aturan.hitung(aturan.baca({"syarat": [{"kolom": "umur", "op": ">=", "nilai": 60}]}),
                                           "keluarga", hari_ini=date.today()))
    assert 0 < cocok < jumlah
    checked = kirim(admin_client, url, umur_paling_sedikit(60, "periksa"))
    assert checked.status_code == 200
    assert f"Cocok dengan <strong>{cocok}</strong> dari {jumlah} keluarga" in checked.text
    assert re.search(r"umur \d+ tahun", checked.text.split('id="contoh-calon"')[1])  # each candidate's reason

    wrong = kirim(admin_client, url, umur_paling_sedikit(0, "simpan", **{"syarat-0-nilai": "enam puluh"}))
    assert wrong.status_code == 400 and 'id="galat-syarat-0-nilai"' in wrong.text
    nobody = kirim(admin_client, url, umur_paling_sedikit(130))
    assert nobody.status_code == 400 and 'id="galat-simpan_juga"' in nobody.text and "Simpan juga" in nobody.text
    assert "Cocok dengan <strong>0</strong>" in nobody.text
    assert semua(ProgramBantuan)[0]["aturan"] == ""  # nothing saved

    pindah(kirim(admin_client, url, umur_paling_sedikit(130, simpan_juga="1")))
    assert '"nilai": 130' in semua(ProgramBantuan)[0]["aturan"]
    pindah(kirim(admin_client, url, umur_paling_sedikit(60)))
    page = admin_client.get(f"/admin/bantuan/{program_id}").text
    assert "Umur 60 tahun atau lebih" in page.split('id="uraian-aturan"')[1]
    again = admin_client.get(url).text
    assert '<option value="umur" selected>' in again and 'name="syarat-0-nilai"' in again and 'value="60"' in again

    # "(hapus syarat ini)": the row goes, and with no condition left the rules are cleared
    pindah(kirim(admin_client, url, {**umur_paling_sedikit(60), "syarat-0-kolom": ""}))
    assert semua(ProgramBantuan)[0]["aturan"] == ""


def test_a_list_is_prepared_by_one_user_and_approved_by_another(admin_client, balai):
    demo_nagari(balai, residents=60)
    run_sync(create_user(WALI, "Wali Nagari", SANDI_WALI, "wali_nagari"))
    program_id = program_baru(admin_client)
    pindah(kirim(admin_client, f"/admin/bantuan/{program_id}/aturan", umur_paling_sedikit(60)))
    siklus_id = siklus_baru(admin_client, program_id)
    url = f"/admin/bantuan/siklus/{siklus_id}"
    entri = semua(PesertaBantuan)
    assert entri and all(e["asal"] == "aturan" for e in entri)
    page = admin_client.get(url).text
    assert entri[0]["alasan"] in page and "Tambah ke daftar" in page and "Ajukan untuk disetujui" in page
    assert f'href="{url}/opensid"' in page  # the OpenSID import, while the list is prepared

    pertama = entri[0]["id"]
    refused = kirim(admin_client, f"/admin/bantuan/peserta/{pertama}/keluarkan", {"dari": "siklus", "alasan": ""})
    assert refused.status_code == 400 and f'id="galat-alasan-{pertama}"' in refused.text
    assert not semua(PesertaBantuan, PesertaBantuan.id == pertama)[0]["keluar"]
    removed = kirim(admin_client, f"/admin/bantuan/peserta/{pertama}/keluarkan",
                    {"dari": "siklus", "alasan": "Sudah menerima PKH", "q": "hal=1&cari=x&lain=y"})
    assert pindah(removed) == f"{url}?hal=1&cari=x#peserta-{pertama}"  # back where the form was; nothing else
    assert semua(PesertaBantuan, PesertaBantuan.id == pertama)[0]["alasan_keluar"] == "Sudah menerima PKH"
    shown = admin_client.get(f"{url}?tampil=keluar").text
    assert "Sudah menerima PKH" in shown and "Batalkan" in shown
    pindah(kirim(admin_client, f"/admin/bantuan/peserta/{pertama}/batal", {"dari": "siklus"}))
    assert not semua(PesertaBantuan, PesertaBantuan.id == pertama)[0]["keluar"]

    muda = run_sync(Penduduk.select().where((Penduduk.status_dasar == 1) & (Penduduk.tanggal_lahir > date(
        date.today().year - 40, 1, 1))).order_by(Penduduk.id).first().run())
    unknown = kirim(admin_client, f"{url}/tambah", {"nik_atau_kk": "1111222233334444", "alasan": "Musyawarah"})
    assert unknown.status_code == 400 and 'id="galat-nik_atau_kk"' in unknown.text
    assert 'value="1111222233334444"' in unknown.text
    pindah(kirim(admin_client, f"{url}/tambah", {"nik_atau_kk": muda["nik"], "alasan": "Musyawarah jorong"}))
    assert semua(PesertaBantuan)[-1]["asal"] == "manual"

    pindah(kirim(admin_client, f"{url}/ajukan", {}))
    waiting = admin_client.get(url).text
    assert 'id="catatan-ajuan"' in waiting and "Tambah ke daftar" not in waiting and "Keluarkan" not in waiting
    own = kirim(admin_client, f"{url}/setujui", {})  # the admin holds every permission but prepared this list
    assert own.status_code == 400 and "tidak dapat Anda setujui" in own.text
    assert semua(SiklusBantuan)[0]["status"] == "diajukan"

    sebagai(admin_client, WALI, SANDI_WALI)
    page = admin_client.get(url).text
    assert "Setujui dan bekukan" in page and "Kembalikan" in page and "Ajukan untuk disetujui" not in page
    no_note = kirim(admin_client, f"{url}/kembalikan", {"catatan": ""})
    assert no_note.status_code == 400 and 'id="galat-catatan"' in no_note.text
    pindah(kirim(admin_client, f"{url}/kembalikan", {"catatan": "Periksa lagi jorong Parak Baru"}))
    assert admin_client.get(f"/admin/bantuan/{program_id}/aturan").status_code == 403  # reads, never prepares

    sebagai(admin_client, ADMIN_USER, ADMIN_PASSWORD)
    assert "Periksa lagi jorong Parak Baru" in admin_client.get(url).text.split('id="catatan-kembali"')[1]
    pindah(kirim(admin_client, f"{url}/ajukan", {}))
    sebagai(admin_client, WALI, SANDI_WALI)
    pindah(kirim(admin_client, f"{url}/setujui", {}))
    frozen = admin_client.get(url).text
    beku = frozen.split('id="catatan-beku"')[1].split("</div>")[0]
    assert WALI in beku and "dibekukan" in beku
    assert "Setujui dan bekukan" not in frozen and 'action="/admin/bantuan/peserta/' not in frozen
    assert f'href="{url}/opensid.xlsx"' in frozen and f'href="{url}/opensid"' not in frozen


def test_an_approved_entry_keeps_its_frozen_data_and_records_distributions(admin_client, balai):
    program_id, siklus_id = daftar_disetujui(admin_client, balai)
    entri = semua(PesertaBantuan)[0]
    nama_lama = run_sync(Penduduk.select(Penduduk.nama).where(Penduduk.id == entri["penduduk"]).first().run())["nama"]
    run_sync(Penduduk.update({Penduduk.nama: "Nama Sesudah Disetujui"}).where(Penduduk.id == entri["penduduk"]).run())

    url = f"/admin/bantuan/peserta/{entri['id']}"
    page = admin_client.get(url).text
    data = page.split('id="data-peserta"')[1].split("</dl>")[0]
    assert nama_lama in data and "Nama Sesudah Disetujui" not in data  # the data the list was approved with
    assert "Catat penyaluran" in page and f'value="{today(balai.profile()).isoformat()}"' in page  # the nagari's day

    refused = kirim(admin_client, f"{url}/penyaluran", {"tanggal": HARI_INI, "jumlah": "", "diterima_oleh": ""})
    assert refused.status_code == 400 and 'id="galat-diterima_oleh"' in refused.text
    assert semua(PenyaluranBantuan) == []
    pindah(kirim(admin_client, f"{url}/penyaluran", {"tanggal": HARI_INI, "jumlah": "", "diterima_oleh": nama_lama,
                                                     "keterangan": "Di kantor nagari"}))
    assert semua(PenyaluranBantuan)[0]["jumlah"] == 30_000_000  # the program's amount when left empty
    pindah(kirim(admin_client, f"{url}/kartu", {"no_kartu": "KKS 0012"}))
    page = admin_client.get(url).text
    assert "Di kantor nagari" in page.split('id="daftar-penyaluran"')[1] and "KKS 0012" in page
    jumlah = len(semua(PesertaBantuan, PesertaBantuan.keluar == False))  # noqa: E712
    cycle = admin_client.get(f"/admin/bantuan/siklus/{siklus_id}").text
    rekap = cycle.split('id="rekap-penyaluran"')[1].split("</li>")[0]
    assert f"1 dari {jumlah} orang" in rekap and "Rp300.000" in rekap
    assert "1 kali" in cycle.split(f'id="peserta-{entri["id"]}"')[1].split("</tr>")[0]


def test_a_recipient_who_died_is_flagged_on_the_next_cycle_and_must_be_decided(admin_client, balai):
    program_id, siklus_1 = daftar_disetujui(admin_client, balai)
    entri = semua(PesertaBantuan)[0]
    run_sync(Penduduk.update({Penduduk.status_dasar: 2}).where(Penduduk.id == entri["penduduk"]).run())

    siklus_2 = siklus_baru(admin_client, program_id, "Tahap 2")
    checked = admin_client.get(pindah(kirim(admin_client, f"/admin/bantuan/siklus/{siklus_2}/periksa", {}))).text
    assert "Daftar sudah diperiksa ulang" in checked
    baru = semua(PesertaBantuan, PesertaBantuan.siklus == siklus_2, PesertaBantuan.kunci == entri["kunci"])[0]
    assert baru["tanda"] == "meninggal" and baru["asal"] == "lanjutan"
    page = admin_client.get(f"/admin/bantuan/siklus/{siklus_2}?tampil=belum").text
    row = page.split(f'id="peserta-{baru["id"]}"')[1].split("</tr>")[0]
    assert "Meninggal" in row and "Pertahankan" in row and "Keluarkan" in row

    refused = kirim(admin_client, f"/admin/bantuan/siklus/{siklus_2}/ajukan", {})
    assert refused.status_code == 400 and 'id="galat-ajukan"' in refused.text and "bertanda" in refused.text
    no_reason = kirim(admin_client, f"/admin/bantuan/peserta/{baru['id']}/pertahankan", {"alasan": " "})
    assert no_reason.status_code == 400 and f'id="galat-alasan-{baru["id"]}"' in no_reason.text
    pindah(kirim(admin_client, f"/admin/bantuan/peserta/{baru['id']}/pertahankan",
                 {"alasan": "Istrinya menerima untuk keluarga"}))
    pindah(kirim(admin_client, f"/admin/bantuan/siklus/{siklus_2}/ajukan", {}))

    # the first cycle's list stays as approved: no flag, the same entry on it
    lama = admin_client.get(f"/admin/bantuan/siklus/{siklus_1}").text
    row = lama.split(f'id="peserta-{entri["id"]}"')[1].split("</tr>")[0]
    assert "Meninggal" not in row and entri["alasan"] in row


def test_a_long_list_is_paged_and_filtered(admin_client, balai):
    demo_nagari(balai, residents=120)
    program_id = program_baru(admin_client)
    pindah(kirim(admin_client, f"/admin/bantuan/{program_id}/aturan", umur_paling_sedikit(0, simpan_juga="1")))
    siklus_id = siklus_baru(admin_client, program_id)
    entri = semua(PesertaBantuan)
    assert len(entri) > 100
    url = f"/admin/bantuan/siklus/{siklus_id}"
    first = admin_client.get(url).text
    assert first.count('<tr id="peserta-') == 50 and 'rel="next"' in first and "Halaman 1 dari 3" in first
    last = admin_client.get(f"{url}?hal=99").text  # past the end (the list shrank): the last page
    assert f'id="peserta-{entri[-1]["id"]}"' in last and "Halaman 3 dari 3" in last
    nama = entri[-1]["data"].split('"nama": "')[1].split('"')[0]
    found = admin_client.get(url, params={"cari": nama}).text
    assert f'id="peserta-{entri[-1]["id"]}"' in found and found.count('<tr id="peserta-') < 5
    assert admin_client.get(f"{url}?tampil=apa").status_code == 400  # a view it does not know is said so


def test_a_group_program_has_no_rules_and_takes_groups_by_name(admin_client):
    program_id = program_baru(admin_client, nama="Bantuan bibit kelompok tani", sasaran="kelompok", bentuk="barang",
                              nilai="", barang="Bibit padi 50 kg")
    page = admin_client.get(f"/admin/bantuan/{program_id}").text
    assert "tidak memakai aturan" in page and "Atur aturan" not in page
    refused = kirim(admin_client, f"/admin/bantuan/{program_id}/aturan", umur_paling_sedikit(60))
    assert refused.status_code == 400 and semua(ProgramBantuan)[0]["aturan"] == ""
    siklus_id = siklus_baru(admin_client, program_id)
    form = admin_client.get(f"/admin/bantuan/siklus/{siklus_id}").text
    assert 'name="kelompok"' in form and 'name="nik_atau_kk"' not in form
    pindah(kirim(admin_client, f"/admin/bantuan/siklus/{siklus_id}/tambah",
                 {"kelompok": "Kelompok Tani Saiyo", "alasan": "Proposal diterima musyawarah"}))
    entri = semua(PesertaBantuan)
    assert [(e["kelompok"], e["asal"]) for e in entri] == [("Kelompok Tani Saiyo", "manual")]
    assert "Kelompok Tani Saiyo" in admin_client.get(f"/admin/bantuan/peserta/{entri[0]['id']}").text


def test_staff_without_bantuan_permissions_are_refused(client):
    run_sync(create_user("staf1", "Staf", "sandi-staf-uji-1", "redaksi"))
    sebagai(client, "staf1", "sandi-staf-uji-1")
    assert client.get("/admin/bantuan").status_code == 403
    assert re.search(r'href="/admin/bantuan"', client.get("/admin").text) is None  # not in the menu either


def test_the_wali_nagari_reads_but_does_not_prepare(client, balai):
    run_sync(create_user(WALI, "Wali Nagari", SANDI_WALI, "wali_nagari"))
    sebagai(client, WALI, SANDI_WALI)
    home = client.get("/admin/bantuan")
    assert home.status_code == 200 and "Program baru" not in home.text
    assert client.get("/admin/bantuan/baru").status_code == 403
    assert kirim(client, "/admin/bantuan/baru", isian_program()).status_code == 403
    assert semua(ProgramBantuan) == []

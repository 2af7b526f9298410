"""The public list of aid recipients (issue 25): only programs that announce their list, only their latest approved
cycle, only the name (masked unless the program's legal basis requires it whole) and the jorong, the legal basis
shown; never a NIK, No. KK, address, reason, flag or card number; cached, no cookie; the menu leads to the list,
which says when no program announces one.

Programs, cycles and entries are written straight into the tables (the list services are tested elsewhere); what
siklus.py's approval does for the public pages is done here by hand: the entries' frozen data and
`public_changed()`."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from tests.surat_helpers import demo_nagari
from tests.test_potensi_publik import anonymous

from core.penduduk.tables import Penduduk
from core.web import cache_publik
from plugin_sdk import public_changed
from plugin_sdk.testing import run_sync
from plugins.bantuan import publik
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan
from plugins.bantuan.teks import samarkan

DASAR = "Permendesa PDTT tentang prioritas penggunaan Dana Desa: daftar KPM BLT Dana Desa diumumkan di tempat umum"


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over, and versions are looked
    at on every request."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    publik.CACHE.clear()
    yield
    publik.CACHE.clear()


def program(nama: str = "BLT Dana Desa 2026", **kolom) -> int:
    kolom = {"sumber": "blt_dd", "sasaran": "penduduk", "mulai": date(2026, 1, 1), "status": "aktif",
             "nilai": 30_000_000, "publik": True, "dasar_hukum": DASAR, **kolom}
    rows = run_sync(ProgramBantuan.insert(ProgramBantuan(nama=nama, **kolom)).returning(ProgramBantuan.id).run())
    return rows[0]["id"]


def siklus(program_id: int, nomor: int, status: str = "disetujui") -> int:
    row = SiklusBantuan(program=program_id, nomor=nomor, nama=f"Tahap {nomor}", periode_mulai=date(2026, nomor, 1),
                        status=status, disetujui=datetime(2026, nomor + 1, 2, 3, tzinfo=timezone.utc)
                        if status == "disetujui" else None)
    return run_sync(SiklusBantuan.insert(row).returning(SiklusBantuan.id).run())[0]["id"]


def entri(siklus_id: int, orang: dict, **kolom) -> int:
    """An entry with the data an approval freezes: everything the office knows, which the public must not see."""
    data = {"nama": orang["nama"], "nik": orang["nik"], "no_kk": "1306021234567890", "jorong": "Koto Tuo",
            "alamat": "Jalan Lintas Sumatera No. 17, RT 002", "jenis_kelamin": orang["jenis_kelamin"], "umur": 67}
    kolom = {"asal": "aturan", "alasan": "umur 67 tahun; pekerjaan Petani/Pekebun", "no_kartu": "KKS-77001",
             **kolom}
    row = PesertaBantuan(siklus=siklus_id, kunci=f"p:{orang['id']}", penduduk=orang["id"], data=json.dumps(data),
                         **kolom)
    return run_sync(PesertaBantuan.insert(row).returning(PesertaBantuan.id).run())[0]["id"]


def umumkan() -> None:
    """What an approval of a public program's list does for the website (siklus.setujui)."""
    run_sync(public_changed())


def orang_bernama(n: int) -> list[dict]:
    """`n` living demo residents whose names have at least two words (so a masked name differs from the name)."""
    rows = run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).run())
    return [r for r in rows if len(r["nama"].split()) > 1][:n]


def test_the_list_shows_masked_names_and_jorong_of_the_latest_approved_cycle_only(balai, admin_client):
    demo_nagari(balai, residents=40)
    a, b, c, d, e = orang_bernama(5)
    blt = program()
    lama, kini = siklus(blt, 1), siklus(blt, 2)
    entri(lama, e)  # received in an earlier cycle only
    entri(kini, a)
    entri(kini, b, tanda="meninggal", tanda_alasan="Ahli waris menerima")
    entri(kini, c, keluar=True, alasan_keluar="Menerima PKH")
    entri(siklus(blt, 3, status="disusun"), d)  # on a list not approved yet
    umumkan()

    page = anonymous(admin_client, f"/bantuan/{blt}")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    html = page.text
    assert samarkan(a["nama"]) in html and samarkan(b["nama"]) in html
    assert "Jorong Koto Tuo" in html and DASAR in html and "Tahap 2" in html
    assert "2 orang" in html
    for orang in (a, b, c, d, e):
        assert orang["nama"] not in html and orang["nik"] not in html
    for rahasia in ("1306021234567890", "Lintas Sumatera", "umur 67", "Petani", "KKS-77001", "Meninggal",
                    "Ahli waris", "Menerima PKH", "Tahap 3"):
        assert rahasia not in html, rahasia
    for absent in (samarkan(c["nama"]), samarkan(d["nama"]), samarkan(e["nama"])):
        assert absent not in html or absent in (samarkan(a["nama"]), samarkan(b["nama"]))
    assert "<script" not in html

    daftar = anonymous(admin_client, "/bantuan")
    assert daftar.status_code == 200 and "set-cookie" not in daftar.headers
    assert "BLT Dana Desa 2026" in daftar.text and f'href="/bantuan/{blt}"' in daftar.text and DASAR in daftar.text
    assert a["nama"] not in daftar.text


def test_full_names_only_when_the_programs_legal_basis_requires_them(balai, admin_client):
    demo_nagari(balai, residents=30)
    (a,) = orang_bernama(1)
    utuh = program("Bantuan yang wajib diumumkan lengkap", nama_utuh=True)
    entri(siklus(utuh, 1), a)
    umumkan()
    html = anonymous(admin_client, f"/bantuan/{utuh}").text
    assert a["nama"] in html and "Nama ditulis lengkap" in html and a["nik"] not in html


def test_a_program_that_does_not_announce_is_not_found(balai, admin_client):
    demo_nagari(balai, residents=30)
    (a,) = orang_bernama(1)
    tertutup = program("PKH tertutup", publik=False, dasar_hukum="")
    entri(siklus(tertutup, 1), a)
    belum = program("Belum disetujui")
    entri(siklus(belum, 1, status="diajukan"), a)
    umumkan()

    for program_id in (tertutup, belum, 999):
        page = anonymous(admin_client, f"/bantuan/{program_id}")
        assert page.status_code == 404 and a["nama"] not in page.text and samarkan(a["nama"]) not in page.text
    daftar = anonymous(admin_client, "/bantuan").text
    assert "PKH tertutup" not in daftar and "Belum disetujui" not in daftar
    assert "Belum ada daftar penerima bantuan yang diumumkan" in daftar


def test_a_new_approval_replaces_the_announced_list(balai, admin_client):
    demo_nagari(balai, residents=30)
    a, b = orang_bernama(2)
    blt = program()
    entri(siklus(blt, 1), a)
    umumkan()
    assert samarkan(a["nama"]) in anonymous(admin_client, f"/bantuan/{blt}").text

    kedua = siklus(blt, 2, status="disusun")
    entri(kedua, b)
    assert samarkan(b["nama"]) not in anonymous(admin_client, f"/bantuan/{blt}").text  # not approved yet
    run_sync(SiklusBantuan.update({SiklusBantuan.status: "disetujui",
                                   SiklusBantuan.disetujui: datetime(2026, 5, 1, tzinfo=timezone.utc)}).where(
        SiklusBantuan.id == kedua).run())
    umumkan()
    html = anonymous(admin_client, f"/bantuan/{blt}").text
    assert samarkan(b["nama"]) in html and "Tahap 2" in html and "Tahap 1" not in html


def test_the_menu_leads_to_the_list_which_says_when_nothing_is_announced(balai, admin_client):
    demo_nagari(balai, residents=20)
    (a,) = orang_bernama(1)
    home = anonymous(admin_client, "/").text
    assert 'href="/bantuan"' in home and "Penerima Bantuan" in home
    assert 'id="bantuan-kosong"' in anonymous(admin_client, "/bantuan").text

    blt = program()
    entri(siklus(blt, 1), a)
    umumkan()
    listing = anonymous(admin_client, "/bantuan").text
    assert 'id="bantuan-kosong"' not in listing and f'href="/bantuan/{blt}"' in listing

    run_sync(ProgramBantuan.update({ProgramBantuan.publik: False}).where(ProgramBantuan.id == blt).run())
    umumkan()
    assert anonymous(admin_client, f"/bantuan/{blt}").status_code == 404
    assert 'id="bantuan-kosong"' in anonymous(admin_client, "/bantuan").text


def test_only_the_program_page_declares_that_it_shows_names_by_law(balai_app):
    routes = {r.path: h for r in balai_app.routes for h in getattr(r, "route_handlers", []) if "GET" in h.http_methods}
    declared = routes["/bantuan/{program_id:int}"].opt
    assert declared.get("public") and declared.get("skip_session")
    assert "dasar hukum" in declared[publik.DAFTAR_NAMA_PUBLIK]
    assert publik.DAFTAR_NAMA_PUBLIK not in routes["/bantuan"].opt
    others = [path for path, h in routes.items() if h.opt.get(publik.DAFTAR_NAMA_PUBLIK)]
    assert others == ["/bantuan/{program_id:int}"]

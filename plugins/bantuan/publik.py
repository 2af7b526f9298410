"""The public list of aid recipients: `/bantuan` (the programs that announce their list) and `/bantuan/{program_id}`
(one program's recipients), and the "Penerima Bantuan" item of the website's menu.

Some programs' rules require the recipients to be announced in the village (BLT Dana Desa is the usual case). A
program opts in (`ProgramBantuan.publik`, with its legal basis `dasar_hukum`, shown on the page); only its latest
approved list is shown (penerima.py: frozen at approval, removed entries left out), and of each recipient only the
name and the jorong as they were approved. The name is masked (teks.samarkan) unless the program records that its
basis requires full names (`nama_utuh`). Nothing else of an entry ever reaches the template: no NIK, No. KK, address,
reason, flag or card number (`_baris` copies the two fields it shows).

The program page is the one public page that may show residents' names: its route declares it with the opt key
`daftar_nama_publik` (the legal reason), which the privacy scan (tests/test_keamanan_privasi.py) reads to allow
names there and nowhere else. Pages are cached whole and anonymous (plugin_sdk.PageCache): no session, no cookie.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.response import Response

from plugin_sdk import Id, MenuItem, PageCache, cached_route, nagari_profile, nagari_zone, public_page
from plugin_sdk.dokumen import tanggal_panjang

from plugins.bantuan.kode import BENTUK, DISETUJUI, SASARAN, SATUAN, STATUS_PROGRAM, SUMBER
from plugins.bantuan.penerima import penerima, siklus_terakhir
from plugins.bantuan.tables import ProgramBantuan, SiklusBantuan
from plugins.bantuan.teks import rupiah, samarkan

#: Route opt key: this public page shows residents' names because the law requires the list to be announced; its
#: value is the legal reason. The privacy scan allows names exactly on the pages whose route declares it.
DAFTAR_NAMA_PUBLIK = "daftar_nama_publik"
ALASAN_HUKUM = ("Daftar penerima bantuan yang menurut dasar hukum programnya wajib diumumkan kepada warga "
                "(dasar hukum dicatat pada program dan ditampilkan di halaman); hanya nama, disamarkan kecuali "
                "dasar hukumnya mewajibkan nama lengkap, dan jorong.")
CONTOH = "/bantuan/1"  # the demo's BLT Dana Desa program, whose list is public

CACHE = PageCache()
MENU = MenuItem("Penerima Bantuan", "/bantuan", order=47)


# --- which programs have a public list ---------------------------------------------------------------------

async def program_publik() -> frozenset[int]:
    """Ids of the programs that announce their list and have an approved one to show."""
    rows = await SiklusBantuan.select(SiklusBantuan.program.id.as_alias("id")).where(
        (SiklusBantuan.status == DISETUJUI) & (SiklusBantuan.program.publik == True)).distinct().run()  # noqa: E712
    return frozenset(r["id"] for r in rows)


def menu_publik(request) -> list:
    """"Penerima Bantuan" on the website's menu while the plugin is enabled; the page itself says when no program
    announces its list (the menu hook runs on every public page and must not read the database)."""
    return [MENU]


# --- the pages ----------------------------------------------------------------------------------------------------

def _tanggal(hari) -> str:
    return tanggal_panjang(hari) if hari else ""


def _periode(mulai, selesai) -> str:
    return f"{_tanggal(mulai)} sampai {_tanggal(selesai)}" if selesai else f"mulai {_tanggal(mulai)}"


def _program(p: dict, siklus: dict, jumlah: int, profil: dict) -> dict:
    """What the pages say about a program: public facts of the program and of its approved list."""
    sumber = p["sumber_lain"] if p["sumber"] == "lain" and p["sumber_lain"] else SUMBER.get(p["sumber"], p["sumber"])
    bentuk = BENTUK.get(p["bentuk"], p["bentuk"])
    if p["bentuk"] == "uang" and p["nilai"]:
        bentuk = f"{bentuk} {rupiah(p['nilai'])} per penerima per siklus"
    elif p["barang"]:
        bentuk = f"{bentuk}: {p['barang']}"
    return {"id": p["id"], "nama": p["nama"], "sumber": sumber, "sasaran": SASARAN.get(p["sasaran"], p["sasaran"]),
            "satuan": SATUAN.get(p["sasaran"], "penerima"), "status": STATUS_PROGRAM.get(p["status"], p["status"]),
            "periode": _periode(p["mulai"], p["selesai"]), "bentuk": bentuk, "dasar_hukum": p["dasar_hukum"],
            "nama_utuh": p["nama_utuh"], "jumlah": jumlah, "siklus": siklus["nama"],
            "siklus_periode": _periode(siklus["periode_mulai"], siklus["periode_selesai"]),
            "disetujui": _tanggal(siklus["disetujui"].astimezone(nagari_zone(profil))) if siklus["disetujui"] else ""}


def _baris(entri: dict, nama_utuh: bool) -> dict:
    """The only two things the public sees of an entry: the name (masked unless the basis requires it whole; a
    group by its own name) and the jorong, both as approved."""
    data = entri["data"] or {}
    if entri["kelompok"] or data.get("kelompok"):
        nama = entri["kelompok"] or data.get("kelompok", "")
    else:
        nama = data.get("nama") or ""
        nama = nama if nama_utuh else samarkan(nama)
    return {"nama": nama or "—", "jorong": data.get("jorong") or ""}


def _per_jorong(baris: list[dict], sebutan: str) -> list[dict]:
    """The rows under one heading per jorong (as a notice board lists them), by name within a jorong."""
    kelompok: dict[str, list[dict]] = {}
    for b in sorted(baris, key=lambda b: (b["jorong"] == "", b["jorong"].lower(), b["nama"].lower())):
        judul = f"{sebutan} {b['jorong']}" if b["jorong"] else f"Tanpa {sebutan.lower()}"
        kelompok.setdefault(judul, []).append(b)
    return [{"nama": judul, "penerima": isi} for judul, isi in kelompok.items()]


def _situs(profil: dict) -> tuple[str, str]:
    return f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip(), \
        profil.get("sebutan_dusun") or "Jorong"


async def _render(request: Request, template: str, context: dict) -> tuple[str, int]:
    tpl = await public_page(request, template, context)
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context), 200


async def _bangun_daftar(request: Request) -> tuple[str, int]:
    profil = nagari_profile(request)
    situs, sebutan = _situs(profil)
    program = []
    for p in await ProgramBantuan.select().where(ProgramBantuan.id.is_in(sorted(await program_publik()) or [0])).run():
        siklus = await siklus_terakhir(p["id"])
        program.append(_program(p, siklus, len(await penerima(p["id"])), profil))
    program.sort(key=lambda p: (p["nama"].lower(), p["id"]))
    return await _render(request, "bantuan/publik/daftar.html",
                         {"situs_nama": situs, "sebutan_jorong": sebutan, "program": program})


async def _bangun_program(request: Request, program_id: int) -> tuple[str, int]:
    p = await ProgramBantuan.select().where(ProgramBantuan.id == program_id).first().run()
    siklus = await siklus_terakhir(program_id)
    if p is None or not p["publik"] or siklus is None:  # not announced, or nothing approved yet
        raise NotFoundException("Daftar penerima ini tidak diumumkan.")
    profil = nagari_profile(request)
    situs, sebutan = _situs(profil)
    baris = [_baris(e, p["nama_utuh"]) for e in await penerima(program_id)]
    return await _render(request, "bantuan/publik/program.html", {
        "situs_nama": situs, "sebutan_jorong": sebutan, "program": _program(p, siklus, len(baris), profil),
        "jorong": _per_jorong(baris, sebutan)})


@get("/bantuan", opt=cached_route(), include_in_schema=False)
async def daftar(request: Request) -> Response:
    """The programs whose recipients are announced, each with its legal basis and its latest approved list."""
    return await CACHE.answer(request, ("daftar",), lambda: _bangun_daftar(request))


@get("/bantuan/{program_id:int}", opt={**cached_route(sample=CONTOH), DAFTAR_NAMA_PUBLIK: ALASAN_HUKUM},
     include_in_schema=False)
async def program(request: Request, program_id: Id) -> Response:
    """One program's announced recipients: name and jorong only; 404 for a program that does not announce."""
    return await CACHE.answer(request, ("program", program_id), lambda: _bangun_program(request, program_id))


ROUTES = [daftar, program]

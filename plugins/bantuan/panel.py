"""The "Bantuan sosial" panels on a resident's page (/admin/penduduk/{id}) and a family card's page
(/admin/keluarga/{id}): every list entry that concerns them, program by program, so an operator sees at a glance
who receives what now, who is on a list being prepared (and whether that entry is flagged), and what was received
in past cycles, with a link to each entry. The family's panel adds its DTKS/DTSEN data.

An entry concerns a resident when it is theirs ("p:{id}"), their family's ("k:{keluarga}"), their household's
("r:{rumah_tangga}"), or when they are the person who receives for a family or household. A family's panel shows
the family's own entries, its members' entries and its members' households' entries. "Current recipient" means
the entry is in the program's latest approved cycle and was not removed (penerima.py: the same rule as the program
page, the statistics and the public list).
"""

from __future__ import annotations

from piccolo.query.functions.aggregate import Count, Sum

from plugin_sdk import register

from plugins.bantuan.kode import DISETUJUI, SASARAN, STATUS_SIKLUS, SUMBER, TANDA
from plugins.bantuan.penerima import siklus_terakhir
from plugins.bantuan.tables import DtksKeluarga, PenyaluranBantuan, PesertaBantuan
from plugins.bantuan.teks import rupiah

P = PesertaBantuan
_KOLOM = (P.id, P.kunci, P.penduduk, P.keluar, P.alasan_keluar, P.tanda, P.tanda_alasan, P.no_kartu, P.asal,
          P.siklus.id.as_alias("siklus_id"), P.siklus.nomor.as_alias("nomor"), P.siklus.nama.as_alias("siklus_nama"),
          P.siklus.status.as_alias("siklus_status"), P.siklus.program.id.as_alias("program_id"),
          P.siklus.program.nama.as_alias("program_nama"), P.siklus.program.sumber.as_alias("sumber"),
          P.siklus.program.sumber_lain.as_alias("sumber_lain"), P.siklus.program.sasaran.as_alias("sasaran"))


async def panel_penduduk(penduduk_id: int) -> dict:
    """The context of templates/admin/panel.html for one resident."""
    orang = await _penduduk({"id": [penduduk_id]})
    kunci = {f"p:{penduduk_id}": "Perorangan"}
    if orang and orang[0]["keluarga"]:
        kunci[f"k:{orang[0]['keluarga']}"] = "Keluarganya"
    if orang and orang[0]["rumah_tangga"]:
        kunci[f"r:{orang[0]['rumah_tangga']}"] = "Rumah tangganya"
    entri = await _entri(set(kunci), {penduduk_id})
    return {"jenis": "penduduk", "program": await _per_program(entri, kunci, {penduduk_id: ""}), "dtks": None}


async def panel_keluarga(keluarga_id: int) -> dict:
    """The context of templates/admin/panel.html for one family card (with its DTKS/DTSEN data)."""
    anggota = await _penduduk({"keluarga": [keluarga_id]})
    kunci = {f"k:{keluarga_id}": "Keluarga ini"}
    for orang in anggota:
        kunci[f"p:{orang['id']}"] = f"Perorangan: {orang['nama']}"
        if orang["rumah_tangga"]:
            kunci.setdefault(f"r:{orang['rumah_tangga']}", "Rumah tangganya")
    nama = {orang["id"]: orang["nama"] for orang in anggota}
    entri = await _entri(set(kunci), set(nama))
    return {"jenis": "keluarga", "program": await _per_program(entri, kunci, nama), "dtks": await _dtks(keluarga_id)}


async def _penduduk(where: dict) -> list[dict]:
    """Residents (dead and moved ones too: past cycles concern them) with their family and household."""
    return [orang async for orang in register.stream_residents(("id", "nama", "keluarga", "rumah_tangga"),
                                                                 where=where, living=False)]


async def _entri(kunci: set[str], penduduk: set[int]) -> list[dict]:
    """Every entry with one of these keys or received by one of these residents, with its cycle and program."""
    syarat = P.kunci.is_in(sorted(kunci))
    if penduduk:
        syarat = syarat | P.penduduk.is_in(sorted(penduduk))
    return await P.select(*_KOLOM).where(syarat).order_by(P.siklus.nomor, ascending=False).order_by(P.id).run()


async def _penyaluran(peserta_ids: list[int]) -> dict[int, tuple[int, int]]:
    """peserta id -> (how many distributions, total amount in sen)."""
    if not peserta_ids:
        return {}
    rows = await PenyaluranBantuan.select(
        PenyaluranBantuan.peserta, Count(PenyaluranBantuan.id, alias="kali"),
        Sum(PenyaluranBantuan.jumlah, alias="jumlah")).where(
        PenyaluranBantuan.peserta.is_in(peserta_ids)).group_by(PenyaluranBantuan.peserta).run()
    return {r["peserta"]: (int(r["kali"]), int(r["jumlah"] or 0)) for r in rows}


def _keadaan(e: dict, terakhir: int | None) -> tuple[str, str]:
    """(group, what the entry says): group "sekarang" (current recipient), "disusun" (a list not yet approved) or
    "lalu" (an earlier approved cycle, or removed from the latest one)."""
    if e["siklus_status"] != DISETUJUI:
        tahap = "Dalam daftar yang disusun" if e["siklus_status"] == "disusun" else "Menunggu persetujuan"
        if e["keluar"]:
            return "disusun", f"Dikeluarkan dari daftar: {e['alasan_keluar']}"
        if e["tanda"] and not e["tanda_alasan"]:
            return "disusun", f"{tahap}; bertanda, belum diputuskan"
        if e["tanda"]:
            return "disusun", f"{tahap}; bertanda, dipertahankan: {e['tanda_alasan']}"
        return "disusun", tahap
    if e["keluar"]:
        return "lalu", f"Dikeluarkan sebelum disetujui: {e['alasan_keluar']}"
    if e["siklus_id"] == terakhir:
        return "sekarang", "Penerima saat ini"
    return "lalu", "Menerima"


def _sumber(e: dict) -> str:
    if e["sumber"] == "lain" and e["sumber_lain"]:
        return e["sumber_lain"]
    return SUMBER.get(e["sumber"], e["sumber"])


def _ringkas(kelompok: dict[str, list]) -> tuple[str, str]:
    """The program's one-line state for this resident or family, and its CSS class."""
    if kelompok["sekarang"]:
        return "Penerima saat ini", "status-aktif"
    if any(not b["keluar"] for b in kelompok["disusun"]):
        return "Dalam daftar yang sedang disusun", "status"
    if any(not b["keluar"] for b in kelompok["lalu"]):
        return "Pernah menerima", "status-nonaktif"
    return "Tidak menerima", "status-nonaktif"


def _lewat(e: dict, kunci: dict[str, str], nama: dict[int, str]) -> str:
    """Through what the entry concerns this page. `nama`: the residents of the page (id -> name shown; "" on a
    resident's own page), who may be the person receiving for a family or household."""
    penerima = nama.get(e["penduduk"])
    oleh = "" if penerima is None else f" (diterima oleh {penerima})" if penerima else " (sebagai penerimanya)"
    if e["kunci"] in kunci:
        return kunci[e["kunci"]] + ("" if e["kunci"].startswith("p:") else oleh)
    # the unit is no longer this resident's or family's (they moved), but they were the one receiving for it
    return "Sebagai penerima untuk keluarga/rumah tangga lain" + (f": {penerima}" if penerima else "")


async def _per_program(entri: list[dict], kunci: dict[str, str], nama: dict[int, str]) -> list[dict]:
    """Entries grouped per program (current recipients first, then by name), each row ready for the template."""
    salur = await _penyaluran([e["id"] for e in entri])
    program: dict[int, dict] = {}
    for e in entri:
        p = program.get(e["program_id"])
        if p is None:
            terakhir = await siklus_terakhir(e["program_id"])
            p = program[e["program_id"]] = {
                "id": e["program_id"], "nama": e["program_nama"], "sumber": _sumber(e),
                "sasaran": SASARAN.get(e["sasaran"], e["sasaran"]), "terakhir": terakhir["id"] if terakhir else None,
                "sekarang": [], "disusun": [], "lalu": []}
        kelompok, keadaan = _keadaan(e, p["terakhir"])
        kali, jumlah = salur.get(e["id"], (0, 0))
        p[kelompok].append({
            "peserta_id": e["id"], "siklus_id": e["siklus_id"], "siklus": f"{e['nomor']}. {e['siklus_nama']}",
            "status_siklus": STATUS_SIKLUS.get(e["siklus_status"], e["siklus_status"]), "keadaan": keadaan,
            "keluar": e["keluar"], "tanda": TANDA.get(e["tanda"], e["tanda"]) if e["tanda"] else "",
            "lewat": _lewat(e, kunci, nama), "no_kartu": e["no_kartu"],
            "penyaluran": f"{kali} kali, {rupiah(jumlah)}" if kali else ""})
    hasil = []
    for p in program.values():
        p["ringkas"], p["kelas"] = _ringkas(p)
        hasil.append(p)
    return sorted(hasil, key=lambda p: (not p["sekarang"], p["nama"].lower(), p["id"]))


async def _dtks(keluarga_id: int) -> dict | None:
    return await DtksKeluarga.select(DtksKeluarga.terdaftar, DtksKeluarga.desil, DtksKeluarga.id_dtks,
                                     DtksKeluarga.tahun, DtksKeluarga.sumber, DtksKeluarga.diimpor).where(
        DtksKeluarga.keluarga == keluarga_id).first().run()

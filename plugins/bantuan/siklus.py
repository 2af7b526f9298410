"""A program's distribution cycles: a new cycle's list (last cycle's recipients, flagged where the register shows
them dead or gone, plus the rules' new candidates), its re-check, submission, and approval by another user, which
freezes every entry's data; or sending it back with a note.

Maker-checker: the user who prepared, submitted or changed any entry of a list cannot approve it. Code without a
request (demo data, CLI) acts as the system, which no person is, so neither that rule nor permissions apply to it.
Editing entries by hand is in siklus_isi.py, reading in siklus_baca.py; both are re-exported here.
"""

from __future__ import annotations

from datetime import date

from plugin_sdk import bulk_insert, current_user, has_permission, log_change, public_changed, write_transaction

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import DIAJUKAN, DISETUJUI, DISUSUN, SATUAN, STATUS_PROGRAM, TANDA
from plugins.bantuan.penerima import siklus_terakhir
from plugins.bantuan.plugin import KELOLA, SETUJUI
from plugins.bantuan.program import baca_tanggal, nama_pengguna, tanggal_panjang, wajib_izin
from plugins.bantuan.siklus_baca import baca_data, peserta, ringkasan, siklus, siklus_row
from plugins.bantuan.siklus_isi import (TIDAK_BERHAK, audit_id, baris_baru, batal_keluarkan, data_units, isi_kartu,
                                        ke_json, keluarkan, pertahankan, program_siklus, sekarang, status_units,
                                        tambah, tambah_banyak, wajib_disusun)
from plugins.bantuan.siklus_unit import Unit, jenis_kunci
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan

__all__ = ["buat_siklus", "periksa_ulang", "tambah", "tambah_banyak", "keluarkan", "batal_keluarkan", "pertahankan",
           "isi_kartu", "ajukan", "setujui", "kembalikan", "siklus", "peserta", "ringkasan", "TIDAK_MEMENUHI"]

NAMA_MAKS = 120
CATATAN_MAKS = 500
TIDAK_MEMENUHI = "Tidak lagi memenuhi aturan"  # the start of the reason periksa_ulang gives a removed rule entry
MILIK_SENDIRI = "Daftar yang Anda susun atau ubah sendiri tidak dapat Anda setujui; mintalah pejabat lain."


# --- a new cycle --------------------------------------------------------------------------------------------------

def _periksa_isian(isian: dict, program: dict) -> dict:
    galat: dict[str, str] = {}
    nama = " ".join(str(isian.get("nama") or "").split())
    if not nama:
        galat["nama"] = "Isi nama siklus, misalnya Tahap 1 (Januari-Maret)."
    elif len(nama) > NAMA_MAKS:
        galat["nama"] = f"Paling banyak {NAMA_MAKS} huruf."
    mulai, selesai = baca_tanggal(isian.get("periode_mulai")), baca_tanggal(isian.get("periode_selesai"))
    if mulai is None:
        galat["periode_mulai"] = "Isi tanggal awal periode (TTTT-BB-HH)."
    elif mulai < program["mulai"]:
        galat["periode_mulai"] = f"Periode tidak boleh sebelum program dimulai ({tanggal_panjang(program['mulai'])})."
    if selesai is None and str(isian.get("periode_selesai") or "").strip():
        galat["periode_selesai"] = "Tanggal akhir periode tidak dikenali; tulis sebagai TTTT-BB-HH."
    elif selesai and mulai and selesai < mulai:
        galat["periode_selesai"] = "Akhir periode tidak boleh sebelum awalnya."
    if galat:
        raise BantuanError(next(iter(galat.values())) if len(galat) == 1 else
                           "Ada isian yang perlu diperbaiki; belum ada yang disimpan.", galat)
    return {"nama": nama, "periode_mulai": mulai, "periode_selesai": selesai}


async def _calon(program: dict, *, hari_ini: date) -> list:
    """The rules' candidates now ([] for a program without rules or for groups)."""
    if not program["aturan"] or program["sasaran"] == "kelompok":
        return []
    from plugins.bantuan import aturan

    return await aturan.calon(aturan.baca(program["aturan"]), program["sasaran"], hari_ini=hari_ini)


def _unit_calon(c) -> Unit:
    return Unit(c.kunci, c.penduduk, keluarga=c.keluarga, rumah_tangga=c.rumah_tangga)


def _penerima(r: dict, data: dict | None) -> int | None:
    """Who receives for the entry now: the unit's receiving person while it has one, else the one it had (a
    family whose head died receives through the next living member)."""
    return (data or {}).get("penduduk_id") or r["penduduk"]


def _tanda(status: str, data: dict | None) -> str:
    """The flag of a unit: its status in the register (a unit without data now is no longer there)."""
    return status or ("tidak_ada" if data is None else "")


async def _lanjutan(program_id: int, oleh: str, *, hari_ini: date) -> list[dict]:
    """The last approved cycle's recipients as the new list's entries (their cycle set when it is written),
    flagged where the register says so; and those it had removed, still removed with their reason (the reserves
    a musyawarah left out stay out until the clerk puts them back, rather than returning as new candidates)."""
    lalu = await siklus_terakhir(program_id)
    if lalu is None:
        return []
    semua = await PesertaBantuan.select().where(PesertaBantuan.siklus == lalu["id"]).order_by(PesertaBantuan.id).run()
    rows = [r for r in semua if not r["keluar"]]
    kunci = [r["kunci"] for r in semua]
    data, status = await data_units(kunci, hari_ini=hari_ini), await status_units(kunci)
    # A family or household lives on when the person who received for it died or left; the clerk still decides
    # who receives now (the widow as new head, or nobody), so that person's fate flags the entry too.
    penerima_lalu = {r["kunci"]: f"p:{r['penduduk']}" for r in rows
                     if r["penduduk"] and jenis_kunci(r["kunci"]) in ("k", "r")}
    diri = await status_units(penerima_lalu.values())
    for kunci_unit, orang in penerima_lalu.items():
        if not status.get(kunci_unit) and diri.get(orang) in ("meninggal", "pindah"):
            status[kunci_unit] = diri[orang]
    baru = []
    for r in rows:
        grup = jenis_kunci(r["kunci"]) == "g"
        sekarang_ = baca_data(r["data"]) if grup else data.get(r["kunci"])
        unit = Unit(r["kunci"], _penerima(r, sekarang_), keluarga=r["keluarga"], rumah_tangga=r["rumah_tangga"],
                    kelompok=r["kelompok"])
        baru.append(baris_baru(None, unit, asal="lanjutan", alasan=r["alasan"], oleh=oleh,
                               data=sekarang_ or baca_data(r["data"]), no_kartu=r["no_kartu"],
                               tanda="" if grup else _tanda(status.get(r["kunci"], ""), sekarang_)))
    for r in semua:
        if r["keluar"]:
            sekarang_ = data.get(r["kunci"]) or baca_data(r["data"])
            unit = Unit(r["kunci"], _penerima(r, sekarang_), keluarga=r["keluarga"], rumah_tangga=r["rumah_tangga"],
                        kelompok=r["kelompok"])
            baru.append({**baris_baru(None, unit, asal="lanjutan", alasan=r["alasan"], oleh=oleh, data=sekarang_,
                                      no_kartu=r["no_kartu"]),
                         "keluar": True, "alasan_keluar": f"{r['alasan_keluar']} ({lalu['nama']})"[:300]})
    return baru


async def _wajib_siklus_baru(program: dict) -> None:
    if program["status"] != "aktif":
        raise BantuanError(f"Program ini berstatus {STATUS_PROGRAM.get(program['status'], program['status'])}; "
                           "siklus baru hanya untuk program yang sedang berjalan.")
    terbuka = await SiklusBantuan.select().where((SiklusBantuan.program == program["id"]) & (
        SiklusBantuan.status != DISETUJUI)).first().run()
    if terbuka:
        raise BantuanError(f"Siklus {terbuka['nomor']} ({terbuka['nama']}) belum disetujui; selesaikan daftarnya "
                           "dulu sebelum membuat siklus baru.")


async def buat_siklus(request, program_id: int, isian: dict, *, hari_ini: date) -> int:
    """Start the program's next cycle (isian: nama, periode_mulai, periode_selesai) with its list filled: the last
    approved cycle's recipients (asal "lanjutan"), flagged where the register shows them dead, gone or missing,
    then the rules' new candidates (asal "aturan"). Returns the cycle's id. Raises BantuanError."""
    await wajib_izin(request, KELOLA, TIDAK_BERHAK)
    program = await ProgramBantuan.select().where(ProgramBantuan.id == program_id).first().run()
    if program is None:
        raise BantuanError("Program bantuan itu tidak ditemukan.", tidak_ada=True)
    await _wajib_siklus_baru(program)
    nilai = _periksa_isian(isian, program)
    oleh = await nama_pengguna(request)
    baru = await _lanjutan(program_id, oleh, hari_ini=hari_ini)
    ada = {b["kunci"] for b in baru}
    for c in await _calon(program, hari_ini=hari_ini):
        if c.kunci not in ada:
            ada.add(c.kunci)
            baru.append(baris_baru(None, _unit_calon(c), asal="aturan", alasan=c.alasan, data=c.data, oleh=oleh))
    async with write_transaction():
        await _wajib_siklus_baru(program)  # again, inside the one-writer lock: no second open cycle
        nomor = (await SiklusBantuan.select(SiklusBantuan.nomor).where(SiklusBantuan.program == program_id).order_by(
            SiklusBantuan.nomor, ascending=False).first().run() or {"nomor": 0})["nomor"] + 1
        rows = await SiklusBantuan.insert(SiklusBantuan(program=program_id, nomor=nomor, status=DISUSUN,
                                                        disusun_oleh=oleh, **nilai)).run()
        siklus_id = rows[0]["id"]
        for b in baru:
            b["siklus"] = siklus_id
        await bulk_insert(PesertaBantuan, baru, analyze=False)
        await log_change(request, "buat_siklus", "bantuan", audit_id("siklus", siklus_id), {
            "program": program_id, "nomor": nomor, "nama": nilai["nama"],
            "periode": [nilai["periode_mulai"].isoformat(), nilai["periode_selesai"] and
                        nilai["periode_selesai"].isoformat()],
            "lanjutan": sum(b["asal"] == "lanjutan" for b in baru), "aturan": sum(b["asal"] == "aturan" for b in baru),
            "bertanda": {k: sum(b["tanda"] == k for b in baru) for k in TANDA}})
    return siklus_id


# --- re-checking a list being prepared ----------------------------------------------------------------------------

def _perubahan(r: dict, data: dict | None, status: str, calon: dict, tanggal: str) -> dict:
    """What a re-check changes in one entry (columns -> new values; "data"/"penduduk" alone are a refresh)."""
    isi: dict = {}
    grup = jenis_kunci(r["kunci"]) == "g"
    if not grup and data is not None and ke_json(data) != r["data"]:
        isi["data"] = ke_json(data)
    if not grup and _penerima(r, data) != r["penduduk"]:
        isi["penduduk"] = _penerima(r, data)
    c = calon.get(r["kunci"])
    tanda = "" if grup else _tanda(status, data)
    if r["asal"] == "aturan" and not r["keluar"] and c is None and not tanda:  # a death is flagged, not this
        isi.update(keluar=True, alasan_keluar=f"{TIDAK_MEMENUHI} (diperiksa {tanggal})")
    elif r["asal"] == "aturan" and r["keluar"] and c is not None and r["alasan_keluar"].startswith(TIDAK_MEMENUHI):
        isi.update(keluar=False, alasan_keluar="")  # meets the rules again: what the check took off it puts back
    if r["asal"] == "aturan" and c is not None and c.alasan != r["alasan"]:
        isi["alasan"] = c.alasan
    if not isi.get("keluar", r["keluar"]) and tanda != r["tanda"]:
        isi.update(tanda=tanda, tanda_alasan="")
    return isi


async def periksa_ulang(request, siklus_id: int, *, hari_ini: date) -> dict:
    """Re-read a list being prepared against the register and the rules: refresh every entry's data and flag,
    take off rule entries that no longer meet the rules (with the reason "Tidak lagi memenuhi aturan (diperiksa
    {tanggal})"; one who died or left is flagged instead, for the operator to decide), and add the rules' new
    candidates. Returns the counts {ditambah, dikeluarkan, dikembalikan, bertanda, diperbarui}."""
    await wajib_izin(request, KELOLA, TIDAK_BERHAK)
    s = await siklus_row(siklus_id)
    wajib_disusun(s)
    program = await program_siklus(s)
    rows = await PesertaBantuan.select().where(PesertaBantuan.siklus == siklus_id).order_by(PesertaBantuan.id).run()
    kunci = [r["kunci"] for r in rows]
    data, status = await data_units(kunci, hari_ini=hari_ini), await status_units(kunci)
    calon = {c.kunci: c for c in await _calon(program, hari_ini=hari_ini)}
    oleh = await nama_pengguna(request)
    tanggal = tanggal_panjang(hari_ini)
    ubah = {r["id"]: (r, _perubahan(r, data.get(r["kunci"]), status.get(r["kunci"], ""), calon, tanggal))
            for r in rows}
    ubah = {i: v for i, v in ubah.items() if v[1]}
    ada = set(kunci)
    baru = [baris_baru(siklus_id, _unit_calon(c), asal="aturan", alasan=c.alasan, data=c.data, oleh=oleh)
            for k, c in calon.items() if k not in ada]
    hitung = {"ditambah": len(baru),
              "dikeluarkan": sum(isi.get("keluar") is True for _, isi in ubah.values()),
              "dikembalikan": sum(isi.get("keluar") is False for _, isi in ubah.values()),
              "bertanda": sum(bool(isi.get("tanda")) for _, isi in ubah.values()),
              "diperbarui": len(ubah)}
    async with write_transaction():
        wajib_disusun(await siklus_row(siklus_id))
        for peserta_id, (r, isi) in ubah.items():
            keputusan = set(isi) - {"data", "penduduk"}  # a change of the list, not only of the register's data
            tambahan = {PesertaBantuan.diubah: sekarang(), **({PesertaBantuan.oleh: oleh} if keputusan else {})}
            await PesertaBantuan.update({**{getattr(PesertaBantuan, k): v for k, v in isi.items()}, **tambahan}).where(
                PesertaBantuan.id == peserta_id).run()
        await bulk_insert(PesertaBantuan, baru, analyze=False)
        await log_change(request, "periksa_ulang", "bantuan", audit_id("siklus", siklus_id), {
            **hitung, "ditambah_kunci": [b["kunci"] for b in baru],
            "dikeluarkan_kunci": [r["kunci"] for r, isi in ubah.values() if isi.get("keluar") is True],
            "bertanda_kunci": {r["kunci"]: isi["tanda"] for r, isi in ubah.values() if isi.get("tanda")}})
    return hitung


# --- submission, approval, sending back ---------------------------------------------------------------------------

async def ajukan(request, siklus_id: int) -> None:
    """Submit a prepared list for approval. Refused when it is empty, has flagged entries without a decision, or
    holds more than the program's quota."""
    await wajib_izin(request, KELOLA, TIDAK_BERHAK)
    s = await siklus_row(siklus_id)
    wajib_disusun(s)
    program = await program_siklus(s)
    hitung = await ringkasan(siklus_id)
    satuan = SATUAN.get(program["sasaran"], "penerima")
    if hitung["aktif"] == 0:
        raise BantuanError("Daftar ini masih kosong; tambahkan penerima sebelum mengajukannya.")
    if hitung["belum_diputuskan"]:
        raise BantuanError(f"{hitung['belum_diputuskan']} penerima bertanda (meninggal, pindah, atau tidak ada lagi "
                           "di register) belum diputuskan: keluarkan atau pertahankan masing-masing dengan alasan.")
    if hitung["melebihi_kuota"]:
        raise BantuanError(f"Daftar berisi {hitung['aktif']} {satuan}, melebihi kuota program ({program['kuota']} "
                           f"{satuan}); keluarkan {hitung['aktif'] - program['kuota']} {satuan} dengan alasannya.")
    oleh = await nama_pengguna(request)
    async with write_transaction():
        diubah = await SiklusBantuan.update({SiklusBantuan.status: DIAJUKAN, SiklusBantuan.diajukan_oleh: oleh,
                                             SiklusBantuan.diajukan: sekarang()}).where(
            (SiklusBantuan.id == siklus_id) & (SiklusBantuan.status == DISUSUN)).returning(SiklusBantuan.id).run()
        if not diubah:
            raise BantuanError("Daftar ini baru saja diajukan atau diubah orang lain; muat ulang halamannya.")
        await log_change(request, "ajukan", "bantuan", audit_id("siklus", siklus_id),
                         {"aktif": hitung["aktif"], "dipertahankan": hitung["dipertahankan"]})


async def _wajib_pemeriksa(request, s: dict) -> None:
    """Refuse approval by a user without the right, or by one who prepared, submitted or changed the list."""
    if request is None:
        return
    user = await current_user(request)
    if not has_permission(user, SETUJUI):
        raise BantuanError("Anda tidak berhak menyetujui daftar penerima bantuan.")
    nama = user["username"]
    if nama in (s["disusun_oleh"], s["diajukan_oleh"]) or await PesertaBantuan.exists().where(
            (PesertaBantuan.siklus == s["id"]) & (PesertaBantuan.oleh == nama)).run():
        raise BantuanError(MILIK_SENDIRI)


async def _beku(s: dict, *, hari_ini: date) -> dict[int, str]:
    """Each entry on the list and its data now, as the approval freezes it. Refused when the register has
    flagged someone since submission whom nobody decided on."""
    rows = await PesertaBantuan.select().where((PesertaBantuan.siklus == s["id"]) & (
        PesertaBantuan.keluar == False)).run()  # noqa: E712
    kunci = [r["kunci"] for r in rows]
    data, status = await data_units(kunci, hari_ini=hari_ini), await status_units(kunci)
    baru = [r for r in rows if jenis_kunci(r["kunci"]) != "g" and
            _tanda(status.get(r["kunci"], ""), data.get(r["kunci"])) not in ("", r["tanda"])]
    if baru:
        nama = ", ".join(baca_data(r["data"]).get("nama", r["kunci"]) for r in baru[:5])
        raise BantuanError(f"Sejak daftar diajukan, register mencatat perubahan pada {len(baru)} penerima ({nama}); "
                           "kembalikan daftar ini agar petugas memeriksanya ulang.")
    # a flagged entry kept with a reason has no data now: it keeps the data it was last seen with
    return {r["id"]: ke_json(data[r["kunci"]]) if data.get(r["kunci"]) is not None else r["data"] for r in rows}


async def setujui(request, siklus_id: int, *, hari_ini: date) -> None:
    """Approve a submitted list and freeze it: every entry's data is written as the register shows it now and
    never changes after. Only by a user with bantuan.setujui who did not prepare, submit or change the list."""
    s = await siklus_row(siklus_id)
    if s["status"] != DIAJUKAN:
        raise BantuanError("Hanya daftar yang sudah diajukan yang dapat disetujui." if s["status"] == DISUSUN
                           else "Daftar ini sudah disetujui.")
    await _wajib_pemeriksa(request, s)
    program = await program_siklus(s)
    hitung = await ringkasan(siklus_id)
    if hitung["melebihi_kuota"]:
        raise BantuanError(f"Daftar berisi {hitung['aktif']} penerima, melebihi kuota program ({program['kuota']}); "
                           "kembalikan daftar ini untuk diperbaiki.")
    beku = await _beku(s, hari_ini=hari_ini)
    oleh = await nama_pengguna(request)
    async with write_transaction():
        diubah = await SiklusBantuan.update({SiklusBantuan.status: DISETUJUI, SiklusBantuan.disetujui_oleh: oleh,
                                             SiklusBantuan.disetujui: sekarang()}).where(
            (SiklusBantuan.id == siklus_id) & (SiklusBantuan.status == DIAJUKAN)).returning(SiklusBantuan.id).run()
        if not diubah:
            raise BantuanError("Daftar ini baru saja disetujui atau dikembalikan orang lain; muat ulang halamannya.")
        for peserta_id, data in beku.items():
            await PesertaBantuan.update({PesertaBantuan.data: data}).where(PesertaBantuan.id == peserta_id).run()
        if program["publik"]:
            await public_changed()  # the public list shows the newly approved recipients
        await log_change(request, "setujui", "bantuan", audit_id("siklus", siklus_id),
                         {"program": program["id"], "nomor": s["nomor"], "penerima": len(beku)})


async def kembalikan(request, siklus_id: int, catatan: str) -> None:
    """Send a submitted list back to be prepared again, with the checker's note."""
    await wajib_izin(request, SETUJUI, "Anda tidak berhak mengembalikan daftar penerima bantuan.")
    catatan = " ".join((catatan or "").split())
    if not catatan:
        raise BantuanError("Tulis catatan apa yang perlu diperbaiki.", {"catatan": "Tulis catatan perbaikannya."})
    if len(catatan) > CATATAN_MAKS:
        raise BantuanError(f"Catatan paling banyak {CATATAN_MAKS} huruf.",
                           {"catatan": f"Paling banyak {CATATAN_MAKS} huruf."})
    s = await siklus_row(siklus_id)
    if s["status"] != DIAJUKAN:
        raise BantuanError("Hanya daftar yang sedang diajukan yang dapat dikembalikan.")
    async with write_transaction():
        diubah = await SiklusBantuan.update({SiklusBantuan.status: DISUSUN, SiklusBantuan.catatan: catatan}).where(
            (SiklusBantuan.id == siklus_id) & (SiklusBantuan.status == DIAJUKAN)).returning(SiklusBantuan.id).run()
        if not diubah:
            raise BantuanError("Daftar ini baru saja disetujui atau dikembalikan orang lain; muat ulang halamannya.")
        await log_change(request, "kembalikan", "bantuan", audit_id("siklus", siklus_id), {"catatan": catatan})

"""Aid programs: saving a program's form and its rules, and reading programs for the office's pages.

Every write checks the whole form first (a `BantuanError` carries a message per field) and then writes in one
transaction with its audit entry, so bad input changes nothing. `request` may be None for code without a user
(demo data, CLI): that code acts as the system itself ("sistem" in the rows' `oleh`).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from piccolo.query.functions.aggregate import Count

from plugin_sdk import current_user, has_permission, log_change, public_changed, write_transaction

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import BENTUK, DISETUJUI, SASARAN, STATUS_PROGRAM, STATUS_SIKLUS, SUMBER
from plugins.bantuan.plugin import KELOLA
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan
from plugins.bantuan.teks import baca_rupiah, rupiah

__all__ = ["simpan_program", "simpan_aturan", "program", "daftar_program", "pengguna", "nama_pengguna",
           "wajib_izin", "baca_tanggal", "tanggal_panjang"]

SISTEM = "sistem"  # the `oleh` of what code without a request (demo data, CLI) writes
PANJANG = {"nama": 150, "sumber_lain": 120, "barang": 150, "keterangan": 500, "dasar_hukum": 300}
KUOTA_MAKS = 1_000_000  # more than any nagari's population: a larger quota is a typo


# --- shared by the services of this plugin ------------------------------------------------------------------------

async def pengguna(request) -> dict | None:
    """The staff user acting (None for code without a request)."""
    return None if request is None else await current_user(request)


async def nama_pengguna(request) -> str:
    """The acting user's name for `oleh` columns: "sistem" for code without a request."""
    user = await pengguna(request)
    return user["username"] if user else SISTEM


async def wajib_izin(request, izin: str, pesan: str) -> None:
    """Refuse a user without `izin` (code without a request acts as the system and may do everything)."""
    if request is not None and not has_permission(await current_user(request), izin):
        raise BantuanError(pesan)


def baca_tanggal(teks: str | None) -> date | None:
    """A YYYY-MM-DD date (what <input type=date> sends), or None when it is not one."""
    teks = (teks or "").strip()
    try:
        return date.fromisoformat(teks) if len(teks) == 10 else None
    except ValueError:
        return None


BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def tanggal_panjang(hari: date) -> str:
    """date(2026, 3, 5) -> "5 Maret 2026"."""
    return f"{hari.day} {BULAN[hari.month - 1]} {hari.year}"


def _teks(isian: dict, kunci: str) -> str:
    return " ".join(str(isian.get(kunci) or "").split())


def _centang(isian: dict, kunci: str) -> bool:
    return _teks(isian, kunci) in ("1", "on", "ya", "true")


# --- the program form ---------------------------------------------------------------------------------------------

def _periksa_tanggal(isian: dict, galat: dict) -> tuple[date | None, date | None]:
    mulai, selesai = baca_tanggal(isian.get("mulai")), baca_tanggal(isian.get("selesai"))
    if mulai is None:
        galat["mulai"] = ("Tanggal mulai tidak dikenali; tulis sebagai TTTT-BB-HH." if _teks(isian, "mulai")
                          else "Isi tanggal mulai program.")
    if selesai is None and _teks(isian, "selesai"):
        galat["selesai"] = "Tanggal selesai tidak dikenali; tulis sebagai TTTT-BB-HH."
    elif selesai and mulai and selesai < mulai:
        galat["selesai"] = "Tanggal selesai tidak boleh sebelum tanggal mulai."
    return mulai, selesai


def _periksa_kuota(teks: str, galat: dict) -> int | None:
    if not teks:
        return None
    angka = teks.replace(".", "")
    if not angka.isdigit() or int(angka) < 1:
        galat["kuota"] = "Kuota berupa bilangan bulat 1 atau lebih, atau dikosongkan bila tanpa batas."
        return None
    if int(angka) > KUOTA_MAKS:
        galat["kuota"] = "Kuota ini terlalu besar; periksa angkanya."
        return None
    return int(angka)


def _periksa_bentuk(isian: dict, nilai: dict, galat: dict) -> None:
    bentuk = nilai["bentuk"] = _teks(isian, "bentuk") or "uang"
    if bentuk not in BENTUK:
        galat["bentuk"] = "Pilih bentuk bantuan dari daftar."
        return
    try:
        nilai["nilai"] = baca_rupiah(_teks(isian, "nilai"), "nilai")
    except BantuanError as e:
        galat.update(e.galat)
        nilai["nilai"] = 0
    if bentuk == "uang" and "nilai" not in galat and nilai["nilai"] == 0:
        galat["nilai"] = "Isi besar bantuan per penerima per siklus, misalnya 300.000."
    if bentuk != "uang" and not nilai["barang"]:
        galat["barang"] = "Tulis barang atau layanan yang diserahkan, misalnya Beras 10 kg."


def periksa_program(isian: dict, *, lama: dict | None, ada_siklus: bool) -> dict:
    """The program's columns from the form, or BantuanError with every problem per field."""
    galat: dict[str, str] = {}
    nilai = {k: _teks(isian, k) for k in ("nama", "sumber", "sumber_lain", "sasaran", "barang", "keterangan",
                                          "dasar_hukum")}
    for kunci, batas in PANJANG.items():
        if len(nilai[kunci]) > batas:
            galat[kunci] = f"Paling banyak {batas} huruf."
    if not nilai["nama"]:
        galat["nama"] = "Isi nama program."
    if nilai["sumber"] not in SUMBER:
        galat["sumber"] = "Pilih sumber dana dari daftar."
    elif nilai["sumber"] == "lain" and not nilai["sumber_lain"]:
        galat["sumber_lain"] = "Tulis nama pemberi dana lainnya."
    if nilai["sumber"] != "lain":
        nilai["sumber_lain"] = ""
    if nilai["sasaran"] not in SASARAN:
        galat["sasaran"] = "Pilih sasaran program dari daftar."
    elif lama and ada_siklus and nilai["sasaran"] != lama["sasaran"]:
        galat["sasaran"] = "Sasaran tidak dapat diubah karena program ini sudah punya siklus penyaluran."
    elif lama and lama["aturan"] and nilai["sasaran"] == "kelompok":
        galat["sasaran"] = "Program kelompok tidak memakai aturan; hapus aturan program ini dulu."
    nilai["mulai"], nilai["selesai"] = _periksa_tanggal(isian, galat)
    nilai["kuota"] = _periksa_kuota(_teks(isian, "kuota"), galat)
    _periksa_bentuk(isian, nilai, galat)
    nilai["status"] = _teks(isian, "status") or "draf"
    if nilai["status"] not in STATUS_PROGRAM:
        galat["status"] = "Pilih status program dari daftar."
    nilai["publik"] = _centang(isian, "publik")
    nilai["nama_utuh"] = nilai["publik"] and _centang(isian, "nama_utuh")
    if nilai["publik"] and not nilai["dasar_hukum"]:
        galat["dasar_hukum"] = ("Daftar penerima hanya boleh diumumkan bila aturan program mewajibkannya; tulis "
                                "dasar hukumnya (misalnya Permendesa tentang BLT Dana Desa).")
    if galat:
        pesan = next(iter(galat.values())) if len(galat) == 1 else \
            "Ada isian yang perlu diperbaiki; belum ada yang disimpan."
        raise BantuanError(pesan, galat)
    return nilai


def _json(v):
    return v.isoformat() if isinstance(v, date) else v


def _audit(nilai: dict) -> dict:
    return {k: _json(v) for k, v in nilai.items()}


async def _program_row(program_id: int) -> dict:
    row = await ProgramBantuan.select().where(ProgramBantuan.id == program_id).first().run()
    if row is None:
        raise BantuanError("Program bantuan itu tidak ditemukan.", tidak_ada=True)
    return row


async def simpan_program(request, isian: dict[str, str], program_id: int | None = None) -> int:
    """Create (program_id None) or correct a program from its form; returns its id. Raises BantuanError."""
    await wajib_izin(request, KELOLA, "Anda tidak berhak mengubah program bantuan.")
    lama = await _program_row(program_id) if program_id is not None else None
    ada_siklus = bool(lama) and await SiklusBantuan.exists().where(SiklusBantuan.program == program_id).run()
    nilai = periksa_program(isian, lama=lama, ada_siklus=ada_siklus)
    oleh = await nama_pengguna(request)
    async with write_transaction():
        if lama is None:
            rows = await ProgramBantuan.insert(ProgramBantuan(**nilai, oleh=oleh)).run()
            program_id = rows[0]["id"]
            await log_change(request, "buat", "bantuan", f"program:{program_id}", {"program": _audit(nilai)})
        else:
            berubah = {k: [_json(lama[k]), _json(v)] for k, v in nilai.items() if lama[k] != v}
            if not berubah:
                return program_id
            await ProgramBantuan.update({**{getattr(ProgramBantuan, k): nilai[k] for k in berubah},
                                         ProgramBantuan.diubah: datetime.now(timezone.utc),
                                         ProgramBantuan.oleh: oleh}).where(ProgramBantuan.id == program_id).run()
            await log_change(request, "ubah", "bantuan", f"program:{program_id}", {"program": berubah})
        if nilai["publik"] or (lama and lama["publik"]):
            await public_changed()  # the public list shows the program's name and legal basis
    return program_id


async def simpan_aturan(request, program_id: int, aturan) -> None:
    """Store a program's rules (an `aturan.Aturan`, or its JSON or dict; None or no condition clears them). Groups
    have no rules. Raises BantuanError (aturan.AturanError for bad rules) and changes nothing then."""
    await wajib_izin(request, KELOLA, "Anda tidak berhak mengubah aturan program bantuan.")
    lama = await _program_row(program_id)
    if lama["sasaran"] == "kelompok":
        raise BantuanError("Program untuk kelompok tidak memakai aturan; anggota daftar ditambahkan petugas.")
    from plugins.bantuan import aturan as aturan_mod

    teks = aturan_mod.ke_json(await aturan_mod.lengkapi(aturan))  # AturanError for bad rules; "" for none
    if teks == lama["aturan"]:
        return
    async with write_transaction():
        await ProgramBantuan.update({ProgramBantuan.aturan: teks, ProgramBantuan.diubah: datetime.now(timezone.utc),
                                     ProgramBantuan.oleh: await nama_pengguna(request)}).where(
            ProgramBantuan.id == program_id).run()
        await log_change(request, "ubah_aturan", "bantuan", f"program:{program_id}",
                         {"aturan": [lama["aturan"], teks]})


# --- reading ------------------------------------------------------------------------------------------------------

def label_program(row: dict) -> dict:
    """The program's row with the names of its codes and its amount in rupiah."""
    sumber = row["sumber_lain"] if row["sumber"] == "lain" and row["sumber_lain"] else SUMBER.get(row["sumber"], "")
    return {**row, "sumber_nama": sumber, "sasaran_nama": SASARAN.get(row["sasaran"], row["sasaran"]),
            "bentuk_nama": BENTUK.get(row["bentuk"], row["bentuk"]),
            "status_nama": STATUS_PROGRAM.get(row["status"], row["status"]), "nilai_rupiah": rupiah(row["nilai"])}


def label_siklus(row: dict) -> dict:
    return {**row, "status_nama": STATUS_SIKLUS.get(row["status"], row["status"])}


async def _jumlah_aktif(siklus_ids: list[int]) -> dict[int, int]:
    """How many entries of each cycle are on its list (not removed), counted in SQL."""
    if not siklus_ids:
        return {}
    rows = await PesertaBantuan.select(PesertaBantuan.siklus, Count(PesertaBantuan.id, alias="n")).where(
        PesertaBantuan.siklus.is_in(siklus_ids) & (PesertaBantuan.keluar == False)).group_by(  # noqa: E712
        PesertaBantuan.siklus).run()
    return {r["siklus"]: r["n"] for r in rows}


async def program(program_id: int) -> dict:
    """One program with its code names, its rules in words (`aturan_uraian`), its cycles newest first (each with
    `jumlah`: entries on the list) and `penerima`: how many receive now (the latest approved cycle's list).
    Raises BantuanError(tidak_ada=True)."""
    row = label_program(await _program_row(program_id))
    siklus = await SiklusBantuan.select().where(SiklusBantuan.program == program_id).order_by(
        SiklusBantuan.nomor, ascending=False).run()
    jumlah = await _jumlah_aktif([s["id"] for s in siklus])
    row["siklus"] = [{**label_siklus(s), "jumlah": jumlah.get(s["id"], 0)} for s in siklus]
    disetujui = next((s for s in row["siklus"] if s["status"] == DISETUJUI), None)
    row["penerima"] = disetujui["jumlah"] if disetujui else 0
    from plugins.bantuan import aturan as aturan_mod

    row["aturan_uraian"] = aturan_mod.uraian(aturan_mod.baca(row["aturan"])) if row["aturan"] else []
    return row


async def daftar_program() -> list[dict]:
    """Every program, running ones first, then by name: each with `terakhir` (its latest cycle or None) and
    `penerima` (how many receive now)."""
    programs = await ProgramBantuan.select().run()
    siklus = await SiklusBantuan.select().order_by(SiklusBantuan.nomor).run()
    terakhir: dict[int, dict] = {}
    disetujui: dict[int, dict] = {}
    for s in siklus:  # in number order: the last one seen is the latest
        terakhir[s["program"]] = s
        if s["status"] == DISETUJUI:
            disetujui[s["program"]] = s
    jumlah = await _jumlah_aktif([s["id"] for s in disetujui.values()])
    urutan = {"aktif": 0, "draf": 1, "selesai": 2}
    hasil = []
    for p in sorted(programs, key=lambda p: (urutan.get(p["status"], 3), p["nama"].lower(), p["id"])):
        akhir = terakhir.get(p["id"])
        setuju = disetujui.get(p["id"])
        hasil.append({**label_program(p), "terakhir": label_siklus(akhir) if akhir else None,
                      "penerima": jumlah.get(setuju["id"], 0) if setuju else 0})
    return hasil

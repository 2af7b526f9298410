"""Preparing and issuing a letter: check the form, take a number, render, sign, seal, store. All or nothing."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import re
import secrets
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode

from litestar import Request

from plugin_sdk import (current_user, emit, get_setting, log_change, nagari_profile, public_url, store_file,
                        stored_file, today, write_transaction)
from plugin_sdk import dokumen, register

from plugins.surat import jenis as jenis_mod
from plugins.surat import orang, penomoran, segel
from plugins.surat.tables import Surat

log = logging.getLogger("balai.surat")
PERSON_KEYS = orang.PERSON_KEYS
HIDUP = "Hidup"


def any_status(jenis: dict) -> bool:
    """Whether the letter may be about someone no longer living (a death certificate, an heirs' statement)."""
    return bool(jenis.get("semua_status")) or jenis["kode"] == "kematian"


class FormErrors(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


FULL = (errno.ENOSPC, errno.EDQUOT)
STORAGE_FULL = ("Ruang penyimpanan penuh: PDF surat tidak bisa disimpan. Surat belum diterbitkan dan nomornya "
                "tidak terpakai. Kosongkan ruang di komputer server (atau minta bantuan pengelola), lalu coba lagi.")


class StorageFull(FormErrors):
    """The data folder's disk is full: nothing was issued, the number was not taken."""

    def __init__(self):
        super().__init__({"umum": STORAGE_FULL})


def _outside_person(form: dict, errors: dict) -> dict:
    return orang.typed_person(form, "luar_", errors, "Orang dari luar")


def new_token() -> str:
    """The letter's unguessable check token (22 characters); `balai demo` swaps in fixed ones for its samples."""
    return secrets.token_urlsafe(16)


async def prepare(request: Request, jenis: dict, form: dict) -> dict:
    """Check a letter form; return the snapshot to keep (persons, fields, purpose, signatory). Raises FormErrors."""
    lap = _lap(request)
    profile = nagari_profile(request)
    errors: dict[str, str] = {}
    subject, resident_id, family = None, None, {}
    if form.get("penduduk_id"):
        try:
            resident_id = int(form["penduduk_id"])
        except ValueError:
            resident_id = None
        record = await register.resident(resident_id, profile) if resident_id else None
        if record is None:
            errors["penduduk_id"] = "Penduduk tidak ditemukan."
        elif record["status_dasar"] != HIDUP and not any_status(jenis):
            errors["penduduk_id"] = (f"{record['nama']} berstatus {record['status_dasar'].lower()}; surat ini hanya "
                                     "untuk penduduk yang masih tercatat di nagari.")
        else:
            subject = record
            if jenis["orang_tua"]:
                ayah, ibu = await register.parents(record, profile)
                family.update(ayah=orang.person(ayah), ibu=orang.person(ibu))
            if jenis["pasangan"]:
                family["pasangan"] = orang.person(await register.spouse(record, profile))
            if jenis.get("keluarga"):
                family["keluarga"] = await orang.family_card(record, profile)
    elif jenis["subjek"] == "penduduk_atau_luar" and form.get("luar_nama") is not None:
        subject = _outside_person(form, errors)
    else:
        errors["penduduk_id"] = "Pilih penduduk yang dibuatkan surat."
    others = await orang.role_persons(jenis, form, profile, errors, resident_id)
    keperluan = (form.get("keperluan") or "").strip()
    if not keperluan:
        errors["keperluan"] = "Keperluan wajib diisi."
    elif len(keperluan) > 300:
        errors["keperluan"] = "Keperluan terlalu panjang (maksimal 300 karakter)."
    signers = {str(s["id"]): s for s in await dokumen.signatories()}
    signer = signers.get(form.get("penandatangan", ""))
    if signer is None:
        errors["penandatangan"] = "Pilih pejabat penanda tangan." if signers else \
            "Belum ada perangkat yang berhak menandatangani: atur di menu Perangkat."
    values, field_errors = jenis_mod.clean_values(jenis_mod.fields(jenis), form)
    errors.update({f"isian_{k}": v for k, v in field_errors.items()})
    if errors:
        raise FormErrors(errors)
    tambahan = await dokumen.placeholders(request, subject) if resident_id else {}
    lap("siapkan")
    return {"penduduk_id": resident_id, "penduduk": orang.person(subject), "ayah": family.get("ayah"),
            "ibu": family.get("ibu"), "pasangan": family.get("pasangan"), "orang": others,
            "keluarga": family.get("keluarga"), "isian": values, "keperluan": keperluan,
            "penandatangan": signer["id"], "tambahan": tambahan}


async def create(request: Request, jenis: dict, snapshot: dict) -> int:
    """Record a prepared letter; issue it at once unless its type needs the head's approval. Returns its id."""
    lap = _lap(request)
    user = await current_user(request)
    token = new_token()
    person = snapshot["penduduk"]
    written = _Written()
    try:
        async with write_transaction():
            rows = await Surat.insert(Surat(
                token=token, jenis=jenis["id"], jenis_kode=jenis["kode"], judul=jenis["nama"], status="menunggu",
                penduduk=snapshot["penduduk_id"], nama=person["nama"], nama_cari=person["nama"].lower(),
                nik=person["nik"], keperluan=snapshot["keperluan"], data=json.dumps(snapshot),
                penandatangan=snapshot["penandatangan"], dibuat_oleh=user["username"])).returning(Surat.id).run()
            surat_id = rows[0]["id"]
            await log_change(request, "buat", "surat", surat_id, {"jenis": jenis["kode"], "untuk": person["nama"],
                                                                   "penduduk": snapshot["penduduk_id"]})
            lap("catat")
            if not jenis["persetujuan"]:
                await _issue(request, surat_id, jenis, written)
            written.committing = True
        lap("commit")
    except BaseException:
        written.remove_unless_committing()
        raise
    return surat_id


async def numbering_rules(request: Request) -> penomoran.Aturan:
    profile = nagari_profile(request)
    return penomoran.Aturan(format=await get_setting("surat", "format_nomor") or penomoran.DEFAULT_FORMAT,
                            lebar=int(await get_setting("surat", "lebar_nomor") or 3),
                            per_jenis=(await get_setting("surat", "urutan") or "jenis") == "jenis",
                            kode_desa=await get_setting("surat", "kode_desa") or profile.get("kode", ""))


def verification_url(request: Request, row: dict, kode_desa: str) -> str:
    query = urlencode({"n": row["nomor"], "t": row["tanggal"].isoformat(), "j": row["jenis_kode"], "d": kode_desa,
                       "m": segel.mask_name(row["nama"]), "k": row["kunci_id"], "s": segel.b64(row["tanda_data"])})
    return f"{public_url(request)}/cek-surat/{row['token']}?{query}"


async def issue(request: Request, surat_id: int, jenis: dict) -> dict:
    """Give the number, render, sign and store, in one write transaction: it all lands, or nothing does.

    The sealed PDF is stored inside the transaction, before the commit, so a committed letter always has its file.
    When anything fails before the commit the file is removed again. A failed commit keeps it: the database may
    have committed before the connection broke, and a letter without its PDF is far worse than a spare file.
    Spare files (that, or a process killed outright between the write and the commit) name no committed letter;
    `sweep_orphans` removes them when the server starts.
    A full disk is `StorageFull`: nothing issued, the number not taken, no partial PDF left behind.
    """
    written = _Written()
    try:
        return await _issue(request, surat_id, jenis, written)
    except BaseException:
        written.remove_unless_committing()
        raise


class _Written(list):
    """The PDF files one issuing stored, and whether its transaction had reached the commit."""

    committing = False

    def remove_unless_committing(self) -> None:
        if not self.committing:
            for path in self:
                path.unlink(missing_ok=True)


def _store(request: Request, folder: str, name: str, content: bytes, written: _Written):
    """Store the sealed PDF; a full disk becomes StorageFull, and a partly written file is removed first."""
    try:
        path = store_file(request, folder, name, content)
    except OSError as exc:
        # The name is a fresh random token: whatever lies there now is this attempt's partial write.
        if (leftover := stored_file(request, folder, name)) is not None:
            leftover.unlink(missing_ok=True)
        if exc.errno in FULL:
            log.error("ruang penyimpanan penuh saat menyimpan PDF surat %s/%s", folder, name)
            raise StorageFull() from None
        raise
    written.append(path)
    return path


async def _issue(request: Request, surat_id: int, jenis: dict, written: _Written) -> dict:
    profile = nagari_profile(request)
    user = await current_user(request)
    rules = await numbering_rules(request)
    ring = dokumen.keyring(request, "surat")
    lap = _lap(request)
    async with write_transaction():
        row = await Surat.select().where(Surat.id == surat_id).first().run()
        if row is None or row["status"] != "menunggu":
            raise FormErrors({"status": "Surat ini tidak sedang menunggu untuk diterbitkan."})
        day = today(request)
        sequence = rules.sequence(jenis["kode"])
        number = await penomoran.advance(sequence, day.year)
        row.update(nomor=rules.text(number, jenis["kode_klasifikasi"], day), tanggal=day,
                   urutan=sequence, tahun=day.year, nomor_urut=number)
        kode_nagari = profile.get("kode", "")
        row["kunci_id"], row["tanda_data"] = ring.sign(segel.field_message(
            row["nomor"], day.isoformat(), row["jenis_kode"], kode_nagari, segel.mask_name(row["nama"]),
            row["token"]))
        berlaku = day + timedelta(days=jenis["masa_berlaku_hari"]) if jenis["masa_berlaku_hari"] else None
        lap("nomor")
        pdf, signatory = await _render(request, row, jenis, day, berlaku, verification_url(request, row, kode_nagari))
        lap("render")
        signer = await dokumen.pdf_signer(request)  # PAdES: any PDF reader shows it signed, or changed
        place = f"{profile.get('sebutan_desa') or 'Nagari'} {profile.get('nama', '')}, {profile.get('kabupaten', '')}"
        try:
            pdf = await signer.sign(pdf, reason=f"{jenis['nama']} nomor {row['nomor']}", location=place.strip(", "),
                                    signatory=signatory)
        except dokumen.PenandatangananGagal as exc:
            raise FormErrors({"umum": str(exc)}) from None
        lap("tanda")
        sha = hashlib.sha256(pdf).hexdigest()  # of the signed file, exactly as stored and downloaded
        _, tanda_berkas = ring.sign(segel.file_message(row["token"], sha))
        name = f"{row['token']}.pdf"
        _store(request, f"surat/{day.year}", name, pdf, written)
        kept = {**json.loads(row["data"]), "kode_nagari": kode_nagari,  # what the field signature covered
                "penanda_tangan_pdf": signer.name}
        await Surat.update({
            Surat.data: json.dumps(kept), Surat.status: "terbit", Surat.nomor: row["nomor"], Surat.tanggal: day, Surat.urutan: sequence,
            Surat.tahun: day.year, Surat.nomor_urut: number, Surat.berlaku_sampai: berlaku,
            Surat.kunci_id: row["kunci_id"], Surat.tanda_data: row["tanda_data"], Surat.berkas: name,
            Surat.sha256: sha, Surat.tanda_berkas: tanda_berkas, Surat.diterbitkan_oleh: user["username"],
        }).where(Surat.id == surat_id).run()
        await log_change(request, "terbit", "surat", surat_id, {"nomor": row["nomor"], "sha256": sha})
        row.update(status="terbit", berkas=name, berlaku_sampai=berlaku)
        await emit(request, "surat_terbit", surat=summary(row))  # inside: handlers' writes land with the letter
        lap("simpan")
        written.committing = True  # the last statement: what follows is the commit (or the outer one's)
    return row


def _lap(request):
    """Times the phases of issuing into `request.state.waktu_surat` ([(phase, ms)]): the counter's page sends them
    as a Server-Timing header, so `python -m bench --surat` shows where a letter's time goes. Each phase runs from
    the end of the one before it on the same request (the first from this call), so the phases add up."""
    state = getattr(request, "state", None)
    laps = [] if state is None else state.setdefault("waktu_surat", [])
    mark = [time.perf_counter()] if state is None else state.setdefault("waktu_surat_tanda", [time.perf_counter()])

    def lap(name: str) -> None:
        now = time.perf_counter()
        laps.append((name, (now - mark[0]) * 1000))
        mark[0] = now

    return lap


async def _render(request: Request, row: dict, jenis: dict, day: date, berlaku: date | None,
                  url: str) -> tuple[bytes, str]:
    """The letter's PDF and the name of the official who signs it (the PDF signature names them too)."""
    try:
        block = await dokumen.block_for(row["penandatangan"], nagari_profile(request))
    except ValueError:
        raise FormErrors({"penandatangan": "Pejabat penanda tangan sudah tidak aktif atau tidak berwenang."}) from None
    pdf = await compose(request, jenis, json.loads(row["data"]), row["nomor"], day, berlaku, url,
                        {"nama": block.nama, "jabatan": block.jabatan},
                        {"atas": block.atas, "nama": block.nama, "nomor": block.nomor})
    return pdf, block.nama


async def compose(request: Request, jenis: dict, snapshot: dict, nomor: str, day: date, berlaku: date | None,
                  url: str, signer: dict, block: dict) -> bytes:
    """The PDF of a letter from its type, its snapshot and what issuing added (number, date, signatory, QR)."""
    profile = nagari_profile(request)
    data = {
        "penduduk": snapshot["penduduk"], "ayah": snapshot.get("ayah"), "ibu": snapshot.get("ibu"),
        "pasangan": snapshot.get("pasangan"), "orang": snapshot.get("orang") or {},
        "keluarga": snapshot.get("keluarga"),
        "isian": jenis_mod.formatted(jenis_mod.fields(jenis), snapshot["isian"]),
        "tambahan": snapshot.get("tambahan", {}),
        "surat": {"judul": jenis["nama"], "nomor": nomor, "tanggal": dokumen.tanggal_panjang(day),
                  "berlaku_sampai": dokumen.tanggal_panjang(berlaku) if berlaku else "",
                  "keperluan": snapshot["keperluan"], "kode_klasifikasi": jenis["kode_klasifikasi"]},
        "nagari": nagari_data(profile),
        "penandatangan": {"nama": signer["nama"], "jabatan": signer["jabatan"]},
    }
    bingkai = {"kop": dokumen.letterhead(request), "judul": jenis["nama"], "nomor": nomor,
               "tempat": profile.get("nama", ""), "tanggal": dokumen.tanggal_panjang(day), "ttd": block,
               "qr_isi": url, "qr_keterangan": "Pindai untuk memeriksa keaslian surat ini."}
    hasil = await dokumen.render(dokumen.Dokumen(layout="surat.html", body=jenis["template"], data=data,
                                                 bingkai=bingkai, halaman=jenis_mod.halaman(jenis)))
    return hasil.pdf


def nagari_data(profile: dict) -> dict:
    return {key: profile.get(key, "") or "" for key in (
        "nama", "sebutan_desa", "sebutan_kepala", "sebutan_dusun", "kecamatan", "kabupaten", "provinsi", "alamat",
        "kode")}


async def end(request: Request, surat_id: int, status: str, reason: str) -> None:
    """Cancel an issued letter or refuse a waiting one, with a reason. Its number is never given again."""
    reason = reason.strip()
    if not reason:
        raise FormErrors({"alasan": "Tuliskan alasannya."})
    user = await current_user(request)
    async with write_transaction():
        row = await Surat.select().where(Surat.id == surat_id).first().run()
        allowed = {"batal": "terbit", "ditolak": "menunggu"}[status]
        if row is None or row["status"] != allowed:
            raise FormErrors({"status": "Status surat ini tidak memungkinkan tindakan tersebut."})
        ended = {"status": status, "alasan": reason[:300], "diakhiri_oleh": user["username"],
                 "diakhiri": datetime.now(timezone.utc)}
        await Surat.update({getattr(Surat, k): v for k, v in ended.items()}).where(Surat.id == surat_id).run()
        await log_change(request, status, "surat", surat_id, {"alasan": reason[:300]})
        event = {"batal": "surat_dibatalkan", "ditolak": "surat_ditolak"}[status]
        await emit(request, event, surat=summary({**row, **ended}), alasan=reason[:300])


def server_timing(request) -> str:
    """The phases `_issue` timed, as a Server-Timing header value ("render;dur=61.2, tanda;dur=5.1, ...")."""
    state = getattr(request, "state", None)
    laps = state.get("waktu_surat", []) if state is not None else []
    return ", ".join(f"{name};dur={ms:.1f}" for name, ms in laps)


SUMMARY = ("id", "token", "jenis_kode", "judul", "status", "nomor", "tanggal", "tahun", "berlaku_sampai", "nama",
           "nik", "keperluan", "alasan", "diakhiri_oleh")


def summary(row: dict) -> dict:
    """A letter as other plugins see it (`api.letter`, the events): plain values, no signatures or file names."""
    return {**{key: row.get(key) for key in SUMMARY}, "penduduk_id": row.get("penduduk"),
            "ada_pdf": bool(row.get("berkas")) and row.get("status") == "terbit"}


def pdf_path(request: Request, row: dict):
    return stored_file(request, f"surat/{row['tahun']}", row["berkas"]) if row["berkas"] else None


ORPHAN = re.compile(r"^[A-Za-z0-9_-]{22}\.pdf$")  # f"{secrets.token_urlsafe(16)}.pdf", the only names issue gives


async def sweep_orphans(data_dir: Path) -> list[str]:
    """Remove letter PDFs that no letter names; return them (as `surat/<year>/<name>`). Run at start-up.

    `issue` stores the PDF before its transaction commits, so a server killed in between (SIGKILL, power cut)
    leaves a file whose letter was rolled back: never issued, its number given again. Issuing holds the write
    lock from taking the number to the commit, so while this holds it too no issuing is half-way: every file
    then present that no committed letter names is such a leftover. Issued and cancelled letters keep theirs.
    """
    root = Path(data_dir) / "berkas" / "surat"
    if not root.is_dir():
        return []
    removed = []
    async with write_transaction():
        owned = {(str(r["tahun"]), r["berkas"]) for r in
                 await Surat.select(Surat.tahun, Surat.berkas).where(Surat.berkas != "").run()}
        for folder in sorted(root.iterdir()):
            if not (folder.is_dir() and folder.name.isdigit()):
                continue
            for path in sorted(folder.iterdir()):
                unfinished = path.name.startswith(".") and path.name.endswith(".sementara")  # killed mid-write
                if path.is_file() and (unfinished or ORPHAN.match(path.name) and (folder.name, path.name) not in owned):
                    path.unlink(missing_ok=True)
                    removed.append(f"surat/{folder.name}/{path.name}")
    if removed:
        log.warning("%d PDF surat tanpa surat terbit dihapus (sisa proses yang terhenti sebelum commit): %s",
                    len(removed), ", ".join(removed[:20]))
    return removed

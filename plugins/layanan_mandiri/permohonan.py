"""A resident's letter request from first draft to the letter handed over. Each step is all or nothing."""

from __future__ import annotations

import asyncio
import errno
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from plugin_sdk import emit, log_change, write_transaction
from plugins.akun_warga import api as warga

from plugins.layanan_mandiri import status as st
from plugins.layanan_mandiri.tables import JenisMandiri, Lampiran, Permohonan, RiwayatPermohonan
from plugins.surat import api as surat

FOLDER = "mandiri"
STORAGE_FULL = ("Ruang penyimpanan kantor penuh, jadi berkas belum bisa diterima. Permohonan Anda belum berubah. "
                "Coba lagi nanti atau hubungi kantor.")
OPTIONAL = re.compile(r"\((bila|jika|kalau) ada\)", re.I)
MAX_FILES_PER_REQUIREMENT = 3


class RequestError(ValueError):
    """Why a step was refused, per form field ("umum" for the whole form); nothing was changed."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class Upload:
    syarat: int
    nama: str
    isi: bytes


@dataclass
class Outcome:
    id: int
    status: str
    kurang: list[str] = field(default_factory=list)  # what still stops it being sent to the office


async def open_codes() -> set[str]:
    """Codes of the letter types residents may request themselves (the office opens them on /admin/mandiri/jenis)."""
    return {row["kode"] for row in await JenisMandiri.select(JenisMandiri.kode).run()}


async def letter_types(active_only: bool = True) -> list[dict]:
    """The letter types open to self-service, by name (as `plugins.surat.api.letter_types` gives them)."""
    return [t for t in await surat.letter_types(await open_codes(), active_only=active_only) if not t.get("perlu_loket")]


async def letter_type(kode: str) -> dict | None:
    """An active letter type open to self-service, or None."""
    if kode not in await open_codes():
        return None
    return await surat.letter_type(kode)


async def type_of(permohonan: dict) -> dict:
    """The letter type a request is for (even if it has since been closed or deactivated)."""
    return await surat.letter_type(id=permohonan["jenis"], active_only=False)


async def with_types(rows: list[dict]) -> list[dict]:
    """Add ``jenis_kode`` and ``jenis_nama`` to request rows (one question to `surat` for all of them)."""
    types = {t["id"]: t for t in await surat.letter_types(ids={r["jenis"] for r in rows}, active_only=False)}
    for row in rows:
        found = types.get(row["jenis"], {})
        row["jenis_kode"], row["jenis_nama"] = found.get("kode", ""), found.get("nama", "")
    return rows


async def set_open(request, codes: set[str]) -> None:
    """Open exactly these of the active letter types to self-service (inactive ones keep their switch)."""
    # A type that needs another person's data (a spouse-to-be, witnesses) is issued at the counter only.
    active = {t["kode"] for t in await surat.letter_types() if not t.get("perlu_loket")}
    async with write_transaction():
        current = await open_codes()
        wanted = (set(codes) & active) | (current - active)
        if current - wanted:
            await JenisMandiri.delete().where(JenisMandiri.kode.is_in(sorted(current - wanted))).run()
        if wanted - current:
            await JenisMandiri.insert(*[JenisMandiri(kode=k) for k in sorted(wanted - current)]).run()
        if current != wanted:
            await log_change(request, "ubah", "layanan_mandiri.jenis", "",
                             {"dibuka": sorted(wanted - current), "ditutup": sorted(current - wanted)})


def requirements(jenis: dict) -> list[dict]:
    return [{"no": no, "teks": text, "wajib": not OPTIONAL.search(text)}
            for no, text in enumerate(jenis["persyaratan"])]


async def for_resident(permohonan_id: int, penduduk_id: int) -> dict | None:
    """A request, only if it belongs to this resident (anyone else gets nothing, not even a 'forbidden')."""
    row = await Permohonan.select().where(
        (Permohonan.id == permohonan_id) & (Permohonan.penduduk == penduduk_id)).first().run()
    return (await with_types([row]))[0] if row else None


async def attachments(permohonan_id: int) -> list[dict]:
    return await Lampiran.select().where(Lampiran.permohonan == permohonan_id).order_by(Lampiran.id).run()


async def attachment_file(request, permohonan_id: int, lampiran_id: int):
    """A request's uploaded document as a file answer shown in the browser, or None."""
    from litestar.response import File

    for row in await attachments(permohonan_id):
        path = warga.upload_path(request, FOLDER, row["berkas"]) if row["id"] == lampiran_id else None
        if path is not None:
            return File(path=path, filename=row["nama_asli"] or row["berkas"],
                        media_type=warga.UPLOAD_TYPES[row["berkas"].rsplit(".", 1)[1]], content_disposition_type="inline")
    return None


async def history(permohonan_id: int) -> list[dict]:
    return await RiwayatPermohonan.select().where(RiwayatPermohonan.permohonan == permohonan_id).order_by(
        RiwayatPermohonan.id).run()


def _clean(jenis: dict, form: dict) -> tuple[dict, str, dict, list[str]]:
    """(raw field values to keep, purpose, errors that stop any save, missing items that stop sending)."""
    defs = jenis["isian"]
    _, problems = surat.check_fields(jenis, form)
    raw = {d["kunci"]: (form.get(f"isian_{d['kunci']}") or "").strip() for d in defs}
    errors, missing = {}, []
    for key, message in problems.items():
        if raw.get(key):
            errors[f"isian_{key}"] = message  # a wrong value: never kept
        else:
            missing.append(message)
    keperluan = (form.get("keperluan") or "").strip()
    if len(keperluan) > 300:
        errors["keperluan"] = "Keperluan terlalu panjang (maksimal 300 karakter)."
    elif not keperluan:
        missing.append("Keperluan wajib diisi.")
    return raw, keperluan, errors, missing


def _missing_documents(jenis: dict, have: set[int]) -> list[str]:
    return [f"Unggah: {r['teks']}." for r in requirements(jenis) if r["wajib"] and r["no"] not in have]


def _check_uploads(jenis: dict, uploads: list[Upload], existing: list[dict]) -> dict[str, str]:
    errors, count = {}, {}
    known = {r["no"] for r in requirements(jenis)}
    for row in existing:
        count[row["syarat"]] = count.get(row["syarat"], 0) + 1
    for upload in uploads:
        if upload.syarat not in known:
            errors["umum"] = "Berkas untuk persyaratan yang tidak dikenal."
            continue
        count[upload.syarat] = count.get(upload.syarat, 0) + 1
        if count[upload.syarat] > MAX_FILES_PER_REQUIREMENT:
            errors[f"syarat_{upload.syarat}"] = f"Paling banyak {MAX_FILES_PER_REQUIREMENT} berkas per persyaratan."
    return errors


async def record(permohonan_id: int, status: str, by: str, note: str = "") -> None:
    await RiwayatPermohonan.insert(RiwayatPermohonan(permohonan=permohonan_id, status=status, oleh=by,
                                                     catatan=note[:300])).run()


async def changed(request, permohonan_id: int, before: str | None) -> None:
    """Tell other plugins (event ``permohonan_berubah``); call it inside the transaction that made the change."""
    row = await Permohonan.select(Permohonan.id, Permohonan.penduduk, Permohonan.jenis, Permohonan.status,
                                  Permohonan.surat, Permohonan.alasan).where(Permohonan.id == permohonan_id).first().run()
    if row is None:
        return
    jenis = await type_of(row)
    await emit(request, "permohonan_berubah", permohonan={
        "id": row["id"], "penduduk_id": row["penduduk"], "jenis_kode": jenis["kode"] if jenis else "",
        "status": row["status"], "status_sebelumnya": before, "surat_id": row["surat"], "alasan": row["alasan"]})


async def save(request, resident: dict, jenis: dict, permohonan_id: int | None, form: dict,
               uploads: list[Upload], send: bool) -> Outcome:
    """Create or update a resident's request; with `send`, hand it to the office if it is complete.

    Wrong values or refused files change nothing. A complete-enough draft is kept even when
    sending was asked for but something is missing: the resident sees what to add.
    """
    current = await for_resident(permohonan_id, resident["penduduk_id"]) if permohonan_id else None
    if permohonan_id and (current is None or current["jenis"] != jenis["id"]):
        raise RequestError({"umum": "Permohonan tidak ditemukan."})
    if current and current["status"] not in st.EDITABLE:
        raise RequestError({"umum": f"Permohonan ini {st.LABEL[current['status']].lower()}; tidak bisa diubah lagi."})
    raw, keperluan, errors, missing = _clean(jenis, form)
    existing = await attachments(permohonan_id) if permohonan_id else []
    errors.update(_check_uploads(jenis, uploads, existing))
    if errors:
        raise RequestError(errors)
    stored: list[tuple[Upload, str]] = []
    try:
        for upload in uploads:
            try:
                # Off the event loop: a phone photo is decoded and re-encoded, a few hundred ms of CPU.
                stored.append((upload, await asyncio.to_thread(warga.save_upload, request, FOLDER, upload.isi)))
            except warga.FileStoreError as exc:
                raise RequestError({f"syarat_{upload.syarat}": f"{upload.nama}: {exc}"}) from None
            except OSError as exc:
                if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                    raise
                raise RequestError({"umum": STORAGE_FULL}) from None
        missing += _missing_documents(jenis, {r["syarat"] for r in existing} | {u.syarat for u in uploads})
        target = st.DIPERIKSA if send and not missing else st.BELUM_LENGKAP
        now = datetime.now(timezone.utc)
        async with write_transaction():
            values = {Permohonan.keperluan: keperluan, Permohonan.isian: json.dumps(raw), Permohonan.status: target,
                      Permohonan.diubah: now}
            if target == st.DIPERIKSA:
                values[Permohonan.diajukan] = now
            if current:
                await Permohonan.update(values).where(Permohonan.id == current["id"]).run()
                new_id = current["id"]
            else:
                rows = await Permohonan.insert(Permohonan(penduduk=resident["penduduk_id"], jenis=jenis["id"],
                                                          **{c._meta.name: v for c, v in values.items()})).returning(
                    Permohonan.id).run()
                new_id = rows[0]["id"]
            for upload, name in stored:
                await Lampiran.insert(Lampiran(permohonan=new_id, syarat=upload.syarat, berkas=name,
                                               nama_asli=upload.nama[:120], ukuran=len(upload.isi))).run()
            if current is None or current["status"] != target:
                await record(new_id, target, "warga")
                await changed(request, new_id, current["status"] if current else None)
            await log_change(request, "ajukan" if target == st.DIPERIKSA else "simpan", "permohonan", new_id,
                             {"jenis": jenis["kode"], "berkas": len(stored)}, user=warga.actor(resident))
    except BaseException:
        for _, name in stored:
            path = warga.upload_path(request, FOLDER, name)
            if path is not None:
                path.unlink(missing_ok=True)
        raise
    return Outcome(new_id, target, missing if send else [])


async def remove_attachment(request, resident: dict, permohonan_id: int, lampiran_id: int) -> None:
    current = await for_resident(permohonan_id, resident["penduduk_id"])
    if current is None or current["status"] not in st.EDITABLE:
        raise RequestError({"umum": "Berkas ini tidak bisa dihapus lagi."})
    async with write_transaction():
        rows = await Lampiran.delete().where((Lampiran.id == lampiran_id)
                                             & (Lampiran.permohonan == permohonan_id)).returning(Lampiran.berkas).run()
        if rows:
            await log_change(request, "hapus_berkas", "permohonan", permohonan_id, {}, user=warga.actor(resident))
    for row in rows:
        path = warga.upload_path(request, FOLDER, row["berkas"])
        if path is not None:
            path.unlink(missing_ok=True)


async def cancel(request, resident: dict, permohonan_id: int) -> None:
    current = await for_resident(permohonan_id, resident["penduduk_id"])
    if current is None or current["status"] not in st.CANCELLABLE:
        raise RequestError({"umum": "Permohonan ini tidak bisa dibatalkan lagi."})
    await move(request, permohonan_id, current["status"], st.DIBATALKAN, "warga", "Dibatalkan oleh pemohon.",
                user=warga.actor(resident))


async def move(request, permohonan_id: int, expected: str, target: str, by: str, note: str = "",
                user: dict | None = None, **extra) -> None:
    """Change a status only if it still is `expected` (two officers clicking at once: one wins)."""
    async with write_transaction():
        values = {Permohonan.status: target, Permohonan.diubah: datetime.now(timezone.utc)}
        if target in (st.DITOLAK, st.DIBATALKAN):
            values[Permohonan.alasan] = note[:300]
        values.update({getattr(Permohonan, k): v for k, v in extra.items()})
        done = await Permohonan.update(values).where((Permohonan.id == permohonan_id)
                                                     & (Permohonan.status == expected)).returning(Permohonan.id).run()
        if not done:
            raise RequestError({"umum": "Status permohonan sudah berubah. Muat ulang halaman."})
        await record(permohonan_id, target, by, note)
        await log_change(request, target, "permohonan", permohonan_id, {"catatan": note[:300]}, user=user)
        await changed(request, permohonan_id, expected)


# What a request becomes when its letter changes in `surat` (None: it stays).
FOLLOWS = {"terbit": {st.MENUNGGU_TTD: st.SIAP}, "ditolak": {st.MENUNGGU_TTD: st.DITOLAK},
           "batal": {st.MENUNGGU_TTD: st.DIBATALKAN, st.SIAP: st.DIBATALKAN, st.DIAMBIL: st.DIBATALKAN}}


async def follow_letter(request, letter: dict) -> int:
    """Bring the requests for this letter in line with it: signed by the head, refused, or cancelled after issue.

    Called by the `surat` events (inside the transaction that changed the letter) and by `sync_with_letters`.
    """
    moves = 0
    rows = await Permohonan.select(Permohonan.id, Permohonan.status).where(Permohonan.surat == letter["id"]).run()
    for row in rows:
        target = FOLLOWS.get(letter["status"], {}).get(row["status"])
        if target is None:
            continue
        async with write_transaction():
            values = {Permohonan.status: target, Permohonan.diubah: datetime.now(timezone.utc)}
            if letter.get("alasan"):
                values[Permohonan.alasan] = letter["alasan"]
            done = await Permohonan.update(values).where((Permohonan.id == row["id"])
                                                         & (Permohonan.status == row["status"])).returning(
                Permohonan.id).run()
            if done:
                await record(row["id"], target, letter.get("diakhiri_oleh") or "kantor", letter.get("alasan") or "")
                await changed(request, row["id"], row["status"])
                moves += 1
    return moves


async def sync_with_letters(request, rows: list[dict] | None = None) -> int:
    """Catch up with letters whose events this plugin missed (it was disabled then, or a handler failed).

    Only open requests are asked about (waiting for the head's signature or ready): a bounded set, however
    many requests were ever made; the events move the rest as it happens. `rows`: the caller's fresh read of
    the requests' ``status`` and ``surat`` (any statuses; those of other statuses are ignored), saving a query.
    """
    if rows is None:
        rows = await Permohonan.select(Permohonan.surat, Permohonan.status).where(
            Permohonan.status.is_in([st.MENUNGGU_TTD, st.SIAP]) & Permohonan.surat.is_not_null()).run()
    statuses: dict[int, set[str]] = {}
    for row in rows:
        if row["surat"] is not None and row["status"] in (st.MENUNGGU_TTD, st.SIAP):
            statuses.setdefault(row["surat"], set()).add(row["status"])
    moves = 0
    for letter in await surat.letters(statuses):
        if statuses[letter["id"]] & set(FOLLOWS.get(letter["status"], {})):
            moves += await follow_letter(request, letter)
    return moves


async def letter_of(permohonan: dict) -> dict | None:
    """The request's letter as `plugins.surat.api.letter` gives it, or None."""
    return await surat.letter(permohonan["surat"]) if permohonan["surat"] else None

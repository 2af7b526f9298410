"""The office's side of requests: one queue, refusing with a reason, approving (through `surat`), handing over."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from plugin_sdk import current_user, log_change, register, write_transaction

from plugins.layanan_mandiri import status as st
from plugins.layanan_mandiri.permohonan import RequestError, changed, move, record, type_of, with_types
from plugins.layanan_mandiri.tables import Permohonan
from plugins.surat import api as surat

PER_PAGE = 50


async def queue(status: str, jenis: str, q: str, halaman: int) -> tuple[list[dict], int]:
    """Requests for the office, oldest first (first come, first served)."""
    where = Permohonan.status != st.BELUM_LENGKAP  # drafts are the resident's own business
    if (in_scope := _in_scope()) is not None:  # a kepala jorong handles the requests of their own jorong
        where &= in_scope
    if status == "terbuka":
        where &= Permohonan.status.is_in(sorted(st.OPEN))
    elif status in st.LABEL:
        where &= Permohonan.status == status
    if jenis:
        found = await surat.letter_type(jenis, active_only=False)
        where &= Permohonan.jenis == (found["id"] if found else 0)
    if q:
        text = q.strip().lower().replace("%", "").replace("_", "")
        where &= Permohonan.penduduk.nama_cari.like(f"%{text}%")  # lower-cased copy: same on both engines
    total = await Permohonan.count().where(where).run()
    rows = await Permohonan.select(
        Permohonan.id, Permohonan.status, Permohonan.diajukan, Permohonan.diubah, Permohonan.keperluan,
        Permohonan.jenis, Permohonan.surat, Permohonan.penduduk.nama.as_alias("nama")).where(where).order_by(
        Permohonan.diajukan).order_by(Permohonan.id).limit(PER_PAGE).offset((halaman - 1) * PER_PAGE).run()
    numbers = {s["id"]: s["nomor"] for s in await surat.letters({r["surat"] for r in rows if r["surat"]})}
    for row in await with_types(rows):
        row["nomor"] = numbers.get(row["surat"])
    return rows, total


def _in_scope():
    """Requests of residents in the current user's part of the nagari (None: the whole nagari)."""
    scope = register.current_scope()
    return None if scope is None else Permohonan.penduduk.wilayah.is_in(scope["wilayah_ids"] or [0])


async def one(permohonan_id: int) -> dict | None:
    where = Permohonan.id == permohonan_id
    if (in_scope := _in_scope()) is not None:
        where &= in_scope
    row = await Permohonan.select(*Permohonan.all_columns(), Permohonan.penduduk.nama.as_alias("nama"),
                                  Permohonan.penduduk.nik.as_alias("nik")).where(where).first().run()
    return (await with_types([row]))[0] if row else None


async def refuse(request, permohonan_id: int, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise RequestError({"alasan": "Tuliskan alasan penolakan: warga akan membacanya untuk memperbaiki permohonan."})
    user = await current_user(request)
    await move(request, permohonan_id, st.DIPERIKSA, st.DITOLAK, user["username"], reason)


async def approve(request, permohonan_id: int, penandatangan: str) -> dict:
    """Issue the letter through `surat` (numbering, approval step and signing included). All or nothing."""
    row = await one(permohonan_id)
    if row is None or row["status"] != st.DIPERIKSA:
        raise RequestError({"umum": "Permohonan ini tidak sedang diperiksa."})
    jenis = await type_of(row)
    form = {"penduduk_id": str(row["penduduk"]), "keperluan": row["keperluan"], "penandatangan": penandatangan,
            **{f"isian_{k}": v for k, v in json.loads(row["isian"]).items()}}
    try:
        snapshot = await surat.prepare(request, jenis, form)
    except surat.FormErrors as exc:
        raise RequestError(exc.errors) from None
    user = await current_user(request)
    target = st.MENUNGGU_TTD if jenis["persetujuan"] else st.SIAP
    async with write_transaction():
        # Claim the request first: if another officer got there, nothing is numbered or rendered.
        claimed = await Permohonan.update({Permohonan.status: target, Permohonan.diubah: datetime.now(timezone.utc)}).where(
            (Permohonan.id == permohonan_id) & (Permohonan.status == st.DIPERIKSA)).returning(Permohonan.id).run()
        if not claimed:
            raise RequestError({"umum": "Status permohonan sudah berubah. Muat ulang halaman."})
        try:
            letter = await surat.create(request, jenis, snapshot)
        except surat.FormErrors as exc:  # e.g. the disk is full: nothing issued, the claim is rolled back
            raise RequestError(exc.errors) from None
        surat_id = letter["id"]
        await Permohonan.update({Permohonan.surat: surat_id}).where(Permohonan.id == permohonan_id).run()
        await record(permohonan_id, target, user["username"])
        await log_change(request, target, "permohonan", permohonan_id, {"surat": surat_id})
        await changed(request, permohonan_id, st.DIPERIKSA)
    return {"surat_id": surat_id, "status": target}


async def hand_over(request, permohonan_id: int) -> None:
    user = await current_user(request)
    await move(request, permohonan_id, st.SIAP, st.DIAMBIL, user["username"])

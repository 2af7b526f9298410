"""The `surat` plugin's published contract: what other plugins may use of it, and nothing else.

Import only this module (and `plugins.surat.events`) from another plugin, and declare
``depends=("surat",)`` in its metadata; the import contract in pyproject.toml and
tests/test_kontrak_impor.py hold you to it.

Everything here takes and returns plain data: letter types and letters are dicts with the
keys documented below, never table rows. Actions (prepare, create, issue, refuse,
cancel, the PDF) also take the connection of the request that acts, as every SDK function
does: the audit log records who acted, and the letter's number, date and signature come
from the running installation.

Versioning: `API_VERSION` is "major.minor". A minor version adds functions or keys; a
major version changes or removes one, and the old name keeps working, with a
DeprecationWarning, for one minor version of `surat` before it goes.

1.0
    letter_types, letter_type, check_fields, prepare, create, issue, refuse, cancel, letter,
    letters, pdf_path, letter_type_fk, letter_fk, FormErrors; events surat_terbit,
    surat_ditolak, surat_dibatalkan.
1.1
    letter types carry ``peran`` (the further persons a letter names) and ``perlu_loket``
    (True when one of them is required: only the counter can fill that in).
1.2
    issued_letters: the numbered letters of a period, for registers of outgoing letters.
1.3
    issued_counts: how many letters were issued in a period, per letter type and the subject's sex (open data).
1.4
    add_letter_type: a plugin ships a letter type of its own (e.g. adat's Surat Keterangan Tanah Ulayat).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterable

from litestar.connection import ASGIConnection
from piccolo.columns import ForeignKey
from piccolo.columns.base import OnDelete

from plugin_sdk import register

from plugins.surat import jenis as _jenis
from plugins.surat import terbit as _terbit
from plugins.surat.tables import JenisSurat, Surat

API_VERSION = "1.4"  # 1.4: add_letter_type

#: Raised by `prepare`, `create`, `issue`, `refuse` and `cancel` when nothing was done;
#: ``.errors`` maps a form field (``penduduk_id``, ``keperluan``, ``isian_<kunci>``,
#: ``penandatangan``, ``status``, ``umum``) to a message in Indonesian for the user.
FormErrors = _terbit.FormErrors

_TYPE_COLUMNS = (JenisSurat.id, JenisSurat.kode, JenisSurat.nama, JenisSurat.kode_klasifikasi, JenisSurat.subjek,
                 JenisSurat.isian, JenisSurat.persyaratan, JenisSurat.persetujuan, JenisSurat.masa_berlaku_hari,
                 JenisSurat.aktif, JenisSurat.peran)


def _letter_type(row: dict) -> dict:
    return {"id": row["id"], "kode": row["kode"], "nama": row["nama"], "kode_klasifikasi": row["kode_klasifikasi"],
            "subjek": row["subjek"], "isian": _jenis.fields(row), "persyaratan": _jenis.requirements(row),
            "persetujuan": row["persetujuan"], "masa_berlaku_hari": row["masa_berlaku_hari"], "aktif": row["aktif"],
            "peran": _jenis.roles(row), "perlu_loket": any(r.get("wajib") for r in _jenis.roles(row))}


async def letter_types(kode: Iterable[str] | None = None, *, ids: Iterable[int] | None = None,
                       active_only: bool = True) -> list[dict]:
    """Letter types by name, optionally only those with the given codes or ids.

    Each is a dict: ``id``, ``kode``, ``nama``, ``kode_klasifikasi``, ``subjek``
    (``penduduk`` or ``penduduk_atau_luar``), ``isian`` (the extra fields: a list of
    ``{kunci, label, jenis, wajib, pilihan}``), ``persyaratan`` (the documents to bring, one
    string each), ``persetujuan`` (the head approves before a number is given),
    ``masa_berlaku_hari``, ``aktif``, ``peran`` (further persons: a list of ``{kunci, label,
    wajib, orang_tua}``) and ``perlu_loket`` (a required further person: not for self-service).
    """
    query = JenisSurat.select(*_TYPE_COLUMNS).order_by(JenisSurat.nama)
    if kode is not None:
        query = query.where(JenisSurat.kode.is_in(list(kode) or [""]))
    if ids is not None:
        query = query.where(JenisSurat.id.is_in(list(ids) or [0]))
    if active_only:
        query = query.where(JenisSurat.aktif == True)  # noqa: E712
    return [_letter_type(row) for row in await query.run()]


async def letter_type(kode: str | None = None, *, id: int | None = None, active_only: bool = True) -> dict | None:
    """One letter type by its code or id (see `letter_types`), or None."""
    if (kode is None) == (id is None):
        raise TypeError("letter_type: give either kode or id")
    found = await letter_types([kode] if kode is not None else None, ids=[id] if id is not None else None,
                               active_only=active_only)
    return found[0] if found else None


def check_fields(jenis: dict, form: dict) -> tuple[dict, dict]:
    """Check a letter type's extra fields in a form (``isian_<kunci>`` keys).

    Returns (values, errors): values by field key (dates as ISO text, numbers as int) and
    messages by field key for what is missing or wrong. Nothing is stored.
    """
    return _jenis.clean_values(jenis["isian"], form)


async def _full_type(jenis: dict | str) -> dict:
    kode = jenis if isinstance(jenis, str) else jenis["kode"]
    row = await JenisSurat.select().where(JenisSurat.kode == kode).first().run()
    if row is None or not row["aktif"]:
        raise FormErrors({"umum": "Jenis surat ini tidak ada atau tidak aktif lagi."})
    return row


async def prepare(connection: ASGIConnection, jenis: dict | str, form: dict) -> dict:
    """Check a letter form for a type (its dict or code); return the snapshot `create` records.

    `form` holds ``penduduk_id``, ``keperluan``, ``penandatangan`` (a signatory's id, see
    ``plugin_sdk.dokumen.signatories()``) and the type's ``isian_<kunci>`` fields, as text.
    The snapshot is a plain dict (the persons, fields and purpose as they are now); keep it
    unchanged. Raises `FormErrors`; nothing is stored.
    """
    return await _terbit.prepare(connection, await _full_type(jenis), form)


async def create(connection: ASGIConnection, jenis: dict | str, snapshot: dict) -> dict:
    """Record a prepared letter. Issued at once (``status`` "terbit", event ``surat_terbit``) unless its type
    needs the head's approval (``status`` "menunggu": the head issues it in `surat`, or you with `issue`).

    Joins the caller's write transaction if there is one. Returns the letter (see `letter`).
    Raises `FormErrors` (also when the disk is full: nothing issued, no number taken).
    """
    surat_id = await _terbit.create(connection, await _full_type(jenis), snapshot)
    return await letter(surat_id)


async def issue(connection: ASGIConnection, surat_id: int) -> dict:
    """Issue a waiting letter: number, render, sign and store, all or nothing. Returns the letter."""
    row = await Surat.select(Surat.jenis).where(Surat.id == surat_id).first().run()
    if row is None:
        raise FormErrors({"status": "Surat tidak ditemukan."})
    jenis = await JenisSurat.select().where(JenisSurat.id == row["jenis"]).first().run()
    await _terbit.issue(connection, surat_id, jenis)
    return await letter(surat_id)


async def refuse(connection: ASGIConnection, surat_id: int, alasan: str) -> None:
    """Refuse a waiting letter with a reason (event ``surat_ditolak``). Raises `FormErrors`."""
    await _terbit.end(connection, surat_id, "ditolak", alasan)


async def cancel(connection: ASGIConnection, surat_id: int, alasan: str) -> None:
    """Cancel an issued letter with a reason (event ``surat_dibatalkan``); its number is never given again."""
    await _terbit.end(connection, surat_id, "batal", alasan)


async def letters(ids: Iterable[int]) -> list[dict]:
    """Letters by id, in id order. Each is a dict: ``id``, ``token``, ``jenis_kode``, ``judul``, ``status``
    (``menunggu``, ``terbit``, ``ditolak`` or ``batal``), ``nomor``, ``tanggal``, ``tahun``, ``berlaku_sampai``,
    ``penduduk_id``, ``nama``, ``nik``, ``keperluan``, ``alasan`` (why refused or cancelled), ``diakhiri_oleh``
    and ``ada_pdf`` (issued, with its signed PDF)."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return []
    rows = await Surat.select(*[getattr(Surat, key) for key in _terbit.SUMMARY], Surat.penduduk, Surat.berkas).where(
        Surat.id.is_in(wanted)).order_by(Surat.id).run()
    return [_terbit.summary(row) for row in rows]


async def letter(surat_id: int) -> dict | None:
    """One letter (see `letters`), or None."""
    found = await letters([surat_id])
    return found[0] if found else None


async def pdf_path(connection: ASGIConnection, surat_id: int) -> Path | None:
    """The signed PDF of an issued letter (status "terbit"), or None. Serve it behind your own permission check."""
    row = await Surat.select(Surat.status, Surat.tahun, Surat.berkas).where(Surat.id == surat_id).first().run()
    if row is None or row["status"] != "terbit":
        return None
    return _terbit.pdf_path(connection, row)


async def issued_letters(*, dari: date | None = None, sampai: date | None = None, cari: str = "") -> list[dict]:
    """Every numbered letter (issued, or cancelled: it keeps its number) dated from `dari` to `sampai` (both
    optional), by date then id; `cari` finds a part of the number or the subject's name. Each is a dict: ``id``,
    ``nomor``, ``tanggal``, ``judul``, ``nama``, ``status`` (``terbit`` or ``batal``). Since 1.2."""
    query = Surat.select(Surat.id, Surat.nomor, Surat.tanggal, Surat.judul, Surat.nama, Surat.status).where(
        Surat.status.is_in(["terbit", "batal"]), Surat.nomor.is_not_null(), Surat.tanggal.is_not_null())
    if dari is not None:
        query = query.where(Surat.tanggal >= dari)
    if sampai is not None:
        query = query.where(Surat.tanggal <= sampai)
    if cari := (cari or "").strip().replace("%", "").replace("_", ""):
        # numbers are written in capitals; LIKE is case-sensitive on PostgreSQL
        query = query.where(Surat.nomor.like(f"%{cari}%") | Surat.nomor.like(f"%{cari.upper()}%")
                            | Surat.nama_cari.like(f"%{cari.lower()}%"))
    return await query.order_by(Surat.tanggal).order_by(Surat.id).run()


async def issued_counts(dari: date, sampai: date) -> list[dict]:
    """How many letters were issued dated from `dari` to `sampai` (both included), per letter type and the
    subject's sex, counted in SQL (one GROUP BY). A cancelled letter is not counted, nor one waiting or refused.

    Each is a dict: ``jenis_kode``, ``judul`` (the type's name on the letters), ``jenis_kelamin`` (1 laki-laki,
    2 perempuan, as the letter recorded its subject when it was made; None when it recorded none: a person from
    outside the register typed without it) and ``jumlah``; by type code, then sex. Since 1.3."""
    sex = "(data::json -> 'penduduk' ->> 'jenis_kelamin')" if Surat._meta.db.engine_type == "postgres" else \
        "json_extract(data, '$.penduduk.jenis_kelamin')"
    rows = await Surat.raw(f"SELECT jenis_kode, {sex} AS jk, MAX(judul) AS judul, COUNT(*) AS jumlah "
                           "FROM surat_arsip WHERE status = 'terbit' AND tanggal >= {} AND tanggal <= {} "
                           "GROUP BY jenis_kode, jk ORDER BY jenis_kode", dari, sampai).run()
    code = {label: kode for kode, label in register.code_labels("jenis_kelamin").items()}
    found: dict[tuple, dict] = {}
    for row in rows:  # labels the code list does not know ("", None) fold into one None
        key = (row["jenis_kode"], code.get(row["jk"]))
        entry = found.setdefault(key, {"jenis_kode": key[0], "judul": row["judul"], "jenis_kelamin": key[1],
                                       "jumlah": 0})
        entry["jumlah"] += int(row["jumlah"])
    return sorted(found.values(), key=lambda e: (e["jenis_kode"], e["jenis_kelamin"] or 9))


async def add_letter_type(jenis: dict) -> bool:
    """Add a letter type your plugin ships, unless a type with its ``kode`` exists: an operator's edits of the wording
    are never overwritten, and a type the office switched off stays off. Call it from your ``balai_startup`` (or
    before you first need the type); it joins the caller's write transaction. True when the type was added.

    `jenis` has the keys of an entry of surat's bawaan/jenis.toml (``kode``, ``nama``, ``kode_klasifikasi``,
    ``subjek``, optional ``isian``, ``persyaratan``, ``masa_berlaku_hari``, ``persetujuan``, ...) plus ``template``:
    the letter's body (HTML with placeholders). Prefix ``kode`` with your plugin's name. Since 1.4."""
    missing = [k for k in ("kode", "nama", "kode_klasifikasi", "subjek", "template") if not jenis.get(k)]
    if missing:
        raise ValueError(f"letter type lacks {', '.join(missing)}")
    if await JenisSurat.exists().where(JenisSurat.kode == jenis["kode"]).run():
        return False
    await JenisSurat.insert(JenisSurat(**_jenis.row(jenis, jenis["template"]))).run()
    return True


def letter_type_fk(**kwargs: Any) -> ForeignKey:
    """A column pointing at a letter type, for your own table: ``jenis = letter_type_fk(index=True)``.

    The type can never be deleted while a row points at it (RESTRICT). Read the type through
    `letter_type(id=...)`, not by joining its columns.
    """
    return ForeignKey(references=JenisSurat, on_delete=OnDelete.restrict, **kwargs)


def letter_fk(**kwargs: Any) -> ForeignKey:
    """A column pointing at a letter, for your own table: ``surat = letter_fk(null=True, default=None)``.

    Letters are never deleted (RESTRICT). Read the letter through `letter(id)`.
    """
    return ForeignKey(references=Surat, on_delete=OnDelete.restrict, **kwargs)


__all__ = [
    "API_VERSION", "FormErrors", "add_letter_type", "cancel", "check_fields", "create", "issue", "issued_counts",
    "issued_letters",
    "letter", "letter_fk", "letter_type", "letter_type_fk", "letter_types", "letters", "pdf_path", "prepare", "refuse",
]

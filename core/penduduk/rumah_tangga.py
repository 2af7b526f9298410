"""Households (rumah tangga): the people who live and eat together, possibly from several families.

A resident is in at most one household (`Penduduk.rumah_tangga`); a household has one head (`RumahTangga.kepala`),
who must be a living member. Every change is a `rumah_tangga` journal entry on each resident it concerns, with
rincian {nomor, perubahan, lama, baru}, plus one audit entry, all in one write transaction: it lands whole or not
at all. The rincian deliberately has no `sebelum`/`sesudah`: those are what a cancellation restores on the
resident's own record, and a household change is undone by the opposite change instead. The monthly report never
counts these entries (nobody arrives or leaves).

A family follows its members: `Keluarga.rumah_tangga` is the household all its living members share, or, when they
are split, the one it had while some still live there (`_follow_family`).
"""

from __future__ import annotations

import re

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk import lingkup
from core.penduduk.formulir import FormErrors
from core.penduduk.jurnal import write_entry
from core.penduduk.nik import clean_number
from core.penduduk.tables import Keluarga, Penduduk, RumahTangga
from core.plugin_host.settings import get_value
from core.profil.waktu import today as nagari_today

LIVING = 1
NUMBER = re.compile(r"[0-9A-Za-z./-]{1,32}")
SERIAL_DIGITS = 5  # the demo's and the suggested form: region code + 5-digit serial


def check_number(nomor: str) -> str:
    nomor = (nomor or "").strip()
    if not nomor:
        raise FormErrors({"nomor": "Nomor rumah tangga wajib diisi."})
    if not NUMBER.fullmatch(nomor):
        raise FormErrors({"nomor": "Nomor rumah tangga hanya boleh berisi angka, huruf, titik, garis miring atau "
                                   "tanda minus, paling panjang 32."})
    return nomor


async def next_number() -> str:
    """The next free number: the kecamatan code (first 6 digits of the nagari code, as in the demo) + 5 digits."""
    profile = await get_value("nagari.profil") or {}
    code = str(profile.get("kode", ""))
    prefix = code[:6] if code.isdigit() and len(code) == 10 else ""
    rows = await RumahTangga.raw("SELECT nomor FROM balai_rumah_tangga WHERE nomor LIKE {}",
                                 prefix + "_" * SERIAL_DIGITS).run()
    serials = [int(r["nomor"][len(prefix):]) for r in rows if r["nomor"][len(prefix):].isdigit()]
    return f"{prefix}{max(serials, default=0) + 1:0{SERIAL_DIGITS}d}"


async def _household(household_id: int) -> dict:
    row = await RumahTangga.select().where(RumahTangga.id == household_id).first().run()
    if row is None or not await lingkup.household_visible(household_id):
        raise FormErrors({"umum": "Rumah tangga tidak ditemukan."})
    return row


async def _resident(penduduk_id: int | None, field: str = "nik") -> dict:
    """A living resident in the user's scope; one message for "none" and "not yours" (a NIK proves nothing)."""
    row = await Penduduk.select().where(Penduduk.id == (penduduk_id or 0)).first().run()
    if row is None or row["status_dasar"] != LIVING or not await lingkup.resident_visible(row["id"]):
        raise FormErrors({field: "Tidak ada penduduk hidup dengan NIK itu di wilayah Anda."})
    return row


async def resident_by_nik(nik: str, field: str = "nik") -> dict:
    row = await Penduduk.select(Penduduk.id).where(Penduduk.nik == clean_number(nik)).first().run()
    return await _resident(row["id"] if row else None, field)


async def _numbers(ids) -> dict[int, str]:
    ids = sorted({i for i in ids if i})
    rows = await RumahTangga.select(RumahTangga.id, RumahTangga.nomor).where(RumahTangga.id.is_in(ids)).run() \
        if ids else []
    return {r["id"]: r["nomor"] for r in rows}


async def _note(resident: dict, household: dict, perubahan: str, lama, baru, actor: dict) -> int:
    return await write_entry("rumah_tangga", resident, nagari_today(), actor=actor, rincian={
        "nomor": household["nomor"], "perubahan": perubahan, "lama": lama, "baru": baru})


async def _follow_family(keluarga_id: int | None) -> None:
    if keluarga_id is None:
        return
    family = await Keluarga.select(Keluarga.rumah_tangga).where(Keluarga.id == keluarga_id).first().run()
    homes = {r["rumah_tangga"] for r in await Penduduk.select(Penduduk.rumah_tangga).where(
        (Penduduk.keluarga == keluarga_id) & (Penduduk.status_dasar == LIVING)).run()}
    link = next(iter(homes)) if len(homes) == 1 else family["rumah_tangga"] if family["rumah_tangga"] in homes \
        else None
    if link != family["rumah_tangga"]:
        await Keluarga.update({Keluarga.rumah_tangga: link}).where(Keluarga.id == keluarga_id).run()


async def _join(household: dict, people: list[dict], actor: dict) -> list[int]:
    """Move `people` into `household`; a head of another household must hand over that household first."""
    people = [p for p in people if p["rumah_tangga"] != household["id"]]
    if not people:
        raise FormErrors({"nik": "Sudah anggota rumah tangga ini."})
    old = await _numbers(p["rumah_tangga"] for p in people)
    heads = await RumahTangga.select(RumahTangga.nomor, RumahTangga.kepala).where(
        RumahTangga.kepala.is_in([p["id"] for p in people])).run()
    if heads:
        name = next(p["nama"] for p in people if p["id"] == heads[0]["kepala"])
        raise FormErrors({"nik": f"{name} adalah kepala rumah tangga {heads[0]['nomor']}: tetapkan kepala lain di "
                                 "sana, atau keluarkan dia dari rumah tangga itu, dulu."})
    for person in people:
        await Penduduk.update({Penduduk.rumah_tangga: household["id"]}).where(Penduduk.id == person["id"]).run()
        await _note(person, household, "anggota masuk", old.get(person["rumah_tangga"], ""), household["nomor"],
                    actor)
    for keluarga_id in {p["keluarga"] for p in people}:
        await _follow_family(keluarga_id)
    return [p["id"] for p in people]


async def _family_members(keluarga_id: int) -> list[dict]:
    return await Penduduk.select().where((Penduduk.keluarga == keluarga_id) & (Penduduk.status_dasar == LIVING)
                                         ).order_by(Penduduk.hubungan).order_by(Penduduk.id).run()


async def _appoint(household: dict, head: dict | None, actor: dict) -> None:
    """Make `head` (None: nobody) the head; both the old and the new head's journals say so."""
    old = None
    if household["kepala"]:
        old = await Penduduk.select().where(Penduduk.id == household["kepala"]).first().run()
    await RumahTangga.update({RumahTangga.kepala: head["id"] if head else None}).where(
        RumahTangga.id == household["id"]).run()
    names = (old["nama"] if old else "", head["nama"] if head else "")
    for person in (old, head):
        if person and person["status_dasar"] == LIVING:
            await _note(person, household, "kepala", *names, actor)
    household["kepala"] = head["id"] if head else None


async def create(nomor: str, kepala_id: int, *, alamat: str = "", bawa_keluarga: bool = True, actor: dict,
                 connection=None) -> int:
    """A new household headed by a living resident (with their whole family, by default). Returns its id."""
    nomor = check_number(nomor)
    async with write_transaction():
        if await RumahTangga.exists().where(RumahTangga.nomor == nomor).run():
            raise FormErrors({"nomor": "Nomor rumah tangga ini sudah dipakai."})
        head = await _resident(kepala_id, "kepala")
        family = await Keluarga.select(Keluarga.alamat).where(Keluarga.id == (head["keluarga"] or 0)).first().run()
        alamat = alamat.strip()[:200] or head["alamat"] or (family or {}).get("alamat", "")
        rows = await RumahTangga.insert(RumahTangga(nomor=nomor, wilayah=head["wilayah"], alamat=alamat)).returning(
            RumahTangga.id).run()
        household = {"id": rows[0]["id"], "nomor": nomor, "kepala": None}
        people = await _family_members(head["keluarga"]) if bawa_keluarga and head["keluarga"] else [head]
        joined = await _join(household, people, actor)
        await _appoint(household, head, actor)
        await log_change(connection, "buat", "rumah_tangga", household["id"], {
            "nomor": nomor, "kepala": head["id"], "alamat": alamat, "anggota": joined}, user=actor)
    return household["id"]


async def set_head(household_id: int, penduduk_id: int | None, *, actor: dict, connection=None) -> None:
    async with write_transaction():
        household = await _household(household_id)
        head = await Penduduk.select().where(Penduduk.id == (penduduk_id or 0)).first().run()
        if head is None or head["rumah_tangga"] != household_id or head["status_dasar"] != LIVING:
            raise FormErrors({"kepala": "Kepala rumah tangga harus anggota rumah tangga ini yang masih hidup."})
        if household["kepala"] == head["id"]:
            raise FormErrors({"kepala": "Penduduk ini sudah kepala rumah tangga."})
        old = household["kepala"]
        await _appoint(household, head, actor)
        await log_change(connection, "ubah", "rumah_tangga", household_id, {"kepala": [old, head["id"]]},
                         user=actor)


async def add_member(household_id: int, penduduk_id: int, *, actor: dict, connection=None) -> None:
    """One resident moves in (from no household or another one)."""
    async with write_transaction():
        household = await _household(household_id)
        person = await _resident(penduduk_id)
        await _join(household, [person], actor)
        await log_change(connection, "ubah", "rumah_tangga", household_id, {
            "anggota_masuk": [person["id"]], "dari": person["rumah_tangga"]}, user=actor)


async def add_family(household_id: int, keluarga_id: int, *, actor: dict, connection=None) -> list[int]:
    """Every living member of a family moves in; the family follows. Returns the ids that moved."""
    async with write_transaction():
        household = await _household(household_id)
        if not await lingkup.family_visible(keluarga_id):
            raise FormErrors({"no_kk": "Tidak ada keluarga dengan nomor KK itu."})
        members = await _family_members(keluarga_id)
        if not members:
            raise FormErrors({"no_kk": "Keluarga ini tidak punya anggota yang masih hidup."})
        joined = await _join(household, members, actor)
        await Keluarga.update({Keluarga.rumah_tangga: household_id}).where(Keluarga.id == keluarga_id).run()
        await log_change(connection, "ubah", "rumah_tangga", household_id, {
            "keluarga_masuk": keluarga_id, "anggota_masuk": joined}, user=actor)
    return joined


async def join_by_number(keluarga_id: int, nomor: str, *, actor: dict, connection=None) -> int:
    """From the family page: into the household with that number, made for the family when the number is new."""
    nomor = check_number(nomor)
    async with write_transaction():
        row = await RumahTangga.select(RumahTangga.id).where(RumahTangga.nomor == nomor).first().run()
        if row is not None:
            await add_family(row["id"], keluarga_id, actor=actor, connection=connection)
            return row["id"]
        members = await _family_members(keluarga_id)
        if not members:
            raise FormErrors({"nomor": "Keluarga ini tidak punya anggota yang masih hidup."})
        return await create(nomor, members[0]["id"], actor=actor, connection=connection)  # the head sorts first


async def remove_member(household_id: int, penduduk_id: int, *, actor: dict, connection=None) -> None:
    """A member leaves (to no household). The head leaves last: hand the household over first."""
    async with write_transaction():
        household = await _household(household_id)
        person = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run()
        if person is None or person["rumah_tangga"] != household_id:
            raise FormErrors({"anggota": "Penduduk ini bukan anggota rumah tangga ini."})
        if household["kepala"] == penduduk_id:
            others = await Penduduk.exists().where((Penduduk.rumah_tangga == household_id)
                                                   & (Penduduk.id != penduduk_id)
                                                   & (Penduduk.status_dasar == LIVING)).run()
            if others:
                raise FormErrors({"anggota": "Kepala rumah tangga tidak bisa dikeluarkan selama masih ada anggota "
                                             "lain: tetapkan kepala baru dulu."})
            await _appoint(household, None, actor)
        await Penduduk.update({Penduduk.rumah_tangga: None}).where(Penduduk.id == penduduk_id).run()
        await _note(person, household, "anggota keluar", household["nomor"], "", actor)
        await _follow_family(person["keluarga"])
        await log_change(connection, "ubah", "rumah_tangga", household_id, {"anggota_keluar": [penduduk_id]},
                         user=actor)


async def change_address(household_id: int, alamat: str, *, actor: dict, connection=None) -> None:
    """The journal entry goes on the head (who stands for the household), else on the first living member."""
    alamat = " ".join((alamat or "").split())
    if not alamat:
        raise FormErrors({"alamat": "Alamat wajib diisi."})
    if len(alamat) > 200:
        raise FormErrors({"alamat": "Alamat paling panjang 200 huruf."})
    async with write_transaction():
        household = await _household(household_id)
        if alamat == household["alamat"]:
            raise FormErrors({"alamat": "Alamat itu sama dengan yang tercatat."})
        await RumahTangga.update({RumahTangga.alamat: alamat}).where(RumahTangga.id == household_id).run()
        members = await Penduduk.select().where((Penduduk.rumah_tangga == household_id)
                                                & (Penduduk.status_dasar == LIVING)).order_by(Penduduk.id).run()
        speaker = next((m for m in members if m["id"] == household["kepala"]), members[0] if members else None)
        if speaker is not None:  # an empty household has nobody's journal to write in: the audit log keeps it
            await _note(speaker, household, "alamat", household["alamat"], alamat, actor)
        await log_change(connection, "ubah", "rumah_tangga", household_id, {"alamat": [household["alamat"], alamat]},
                         user=actor)


async def summary(household_id: int | None) -> dict | None:
    """{id, nomor, kepala: {id, nama} or None} of a resident's household, for their page."""
    row = await RumahTangga.select(RumahTangga.id, RumahTangga.nomor, RumahTangga.kepala).where(
        RumahTangga.id == (household_id or 0)).first().run()
    if row is None:
        return None
    row["kepala"] = await Penduduk.select(Penduduk.id, Penduduk.nama).where(
        Penduduk.id == (row["kepala"] or 0)).first().run()
    return row

"""A family card's make-up: who a resident's parents are on the card, and the members in the KK's order.

The NIK fields of the parents are often empty (old records, imports). The card itself still tells: a child
(SHDK 4 Anak) is the child of the head (1) and of the head's spouse (2 Suami / 3 Istri); the head's
parents are on the card as Orang Tua (7), the spouse's as Mertua (8).
"""

from __future__ import annotations

from core.penduduk import lingkup
from core.penduduk.tables import Penduduk

HEAD, HUSBAND, WIFE, CHILD, PARENT, PARENT_IN_LAW = 1, 2, 3, 4, 7, 8
# the resident's position on the card -> positions of their parents on the same card
PARENTS_BY_POSITION = {CHILD: (HEAD, HUSBAND, WIFE), HEAD: (PARENT,), HUSBAND: (PARENT_IN_LAW,),
                       WIFE: (PARENT_IN_LAW,)}
MALE, FEMALE = 1, 2


async def _by_nik(nik: str) -> dict | None:
    if not nik:
        return None
    # Only a parent the user may see is linked; one outside the user's scope shows as the name typed on the record.
    query = Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.nik).where(Penduduk.nik == nik)
    return await lingkup.narrow(query).first().run()


async def parents(resident: dict) -> dict[str, dict | None]:
    """{"ayah": ..., "ibu": ...}: each {"id", "nama", "nik", "sumber"} or None.

    A NIK on the record wins ("sumber": "nik"; "id" is None when that NIK is not on the register); an empty one
    is filled from the family card ("sumber": "kk"), by the card's positions and the parents' sex.
    """
    found: dict[str, dict | None] = {"ayah": None, "ibu": None}
    for key in found:
        nik = resident.get(f"nik_{key}") or ""
        if nik:
            row = await _by_nik(nik)
            found[key] = {"id": row["id"] if row else None, "nama": row["nama"] if row else resident[f"nama_{key}"],
                          "nik": nik, "sumber": "nik"}
    positions = PARENTS_BY_POSITION.get(resident.get("hubungan"))
    if all(found.values()) or not resident.get("keluarga") or not positions:
        return found
    members = await Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.nik, Penduduk.jenis_kelamin,
                                    Penduduk.hubungan).where(
        (Penduduk.keluarga == resident["keluarga"]) & Penduduk.hubungan.is_in(list(positions))
        & (Penduduk.id != resident["id"])).order_by(Penduduk.hubungan).order_by(Penduduk.id).run()
    for key, sex in (("ayah", MALE), ("ibu", FEMALE)):
        if found[key] is None:
            match = next((m for m in members if m["jenis_kelamin"] == sex), None)
            if match:
                found[key] = {"id": match["id"], "nama": match["nama"], "nik": match["nik"], "sumber": "kk"}
    return found


async def members(keluarga_id: int, living_only: bool = True) -> list[dict]:
    """The card's members in the order a KK prints them: head, spouse, children by age, then the others."""
    query = Penduduk.select(*Penduduk.all_columns()).where(Penduduk.keluarga == keluarga_id)
    if living_only:
        query = query.where(Penduduk.status_dasar == 1)
    rows = await query.run()
    return sorted(rows, key=lambda r: (r["hubungan"], r["tanggal_lahir"], r["id"]))

"""Signature blocks: who signs, and on whose behalf (a.n. / u.b.), from the officials on record."""

from __future__ import annotations

from dataclasses import dataclass

from core.profil.perangkat import photo_url
from core.tables import Perangkat


@dataclass(frozen=True)
class BlokTandaTangan:
    """Plain data for a template: the lines above the space for the signature, then name and number."""

    atas: tuple[str, ...]  # e.g. ("a.n. Wali Nagari Taram", "Sekretaris Nagari")
    nama: str
    nomor: str  # "NIP. 19820314..." for a civil servant, "NIPD. ..." (nomor induk perangkat desa), or ""
    jabatan: str = ""  # the signer's own title, for the letter's body

    @property
    def baris(self) -> tuple[str, ...]:
        return (*self.atas, "", "", "", self.nama, self.nomor)


def signer_number(official: dict) -> str:
    """The number under the signer's name with its label: "NIP. ..." for a civil servant, otherwise the village
    official's own number as "NIPD. ..." (nomor induk perangkat desa); empty when neither is recorded."""
    nip = (official.get("nip") or "").strip()
    if nip:
        return f"NIP. {nip}"
    staf = (official.get("nomor_staf") or "").strip()
    for label in ("NIPD.", "NIPD", "NIP.", "NIP"):  # typed with its label already: keep one label
        if staf.upper().startswith(label):
            staf = staf[len(label):].lstrip(" .:")
            break
    return f"NIPD. {staf}" if staf else ""


def blok(official: dict, head_title: str, superior: dict | None = None) -> BlokTandaTangan:
    """The block for one official. `head_title` is e.g. "Wali Nagari Taram"; `superior` is needed for u.b."""
    nomor = signer_number(official)
    how = official["cara_tanda_tangan"]
    if how == "kepala":
        atas = (head_title,)
    elif how == "ub":
        if superior is None:
            raise ValueError("Tanda tangan u.b. membutuhkan atasan yang tercatat.")
        atas = (f"a.n. {head_title}", superior["jabatan"], f"u.b. {official['jabatan']}")
    else:
        atas = (f"a.n. {head_title}", official["jabatan"])
    return BlokTandaTangan(atas=atas, nama=official["nama"], nomor=nomor, jabatan=official["jabatan"])


async def signatories() -> list[dict]:
    """Active officials who may sign, in their display order."""
    return await Perangkat.select().where((Perangkat.boleh_tanda_tangan == True)  # noqa: E712
                                          & (Perangkat.aktif == True)).order_by(Perangkat.urutan).run()  # noqa: E712


async def officials() -> list[dict]:
    """Every official recorded, serving ones first, each group in display order (Buku Aparat Pemerintah, A.4).

    Each carries ``foto_url``: where the public website loads a serving official's photo, "" when there is none."""
    rows = await Perangkat.select().order_by(Perangkat.aktif, ascending=False).order_by(Perangkat.urutan).order_by(
        Perangkat.id).run()
    return [{**row, "foto_url": photo_url(row) if row.get("aktif") else ""} for row in rows]


async def block_for(official_id: int, profile: dict) -> BlokTandaTangan:
    official = await Perangkat.select().where(Perangkat.id == official_id).first().run()
    if official is None or not official["boleh_tanda_tangan"] or not official["aktif"]:
        raise ValueError("Pejabat ini tidak berwenang menandatangani.")
    superior = None
    if official["atasan"]:
        superior = await Perangkat.select().where(Perangkat.id == official["atasan"]).first().run()
    head_title = f"{profile.get('sebutan_kepala', 'Wali Nagari')} {profile.get('nama', '')}".strip()
    return blok(official, head_title, superior)

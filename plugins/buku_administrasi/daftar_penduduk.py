"""Books that list residents one per row, read from the register by the database: the reading they share with
B.1 (penduduk.py), and B.4 Buku Penduduk Sementara and B.5 Buku KTP dan KK.

A page on screen is one `register.resident_page` (a couple of queries at 20,000 residents); the export streams the
same list with `register.stream_residents`, so both hold the same rows in the same order: the register's. B.5 needs
an age the SDK cannot filter on: its first page is still one read, a deeper page reads the register up to it.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from plugin_sdk import register, today

from plugins.buku_administrasi.buku import REGISTER, Buku, Hasil, Kolom, Saringan

PLACE = ("alamat", "wilayah")
KTP_AGE = 17  # UU Adminduk: a KTP from 17, or earlier for whoever is or was married
NOT_MARRIED = 1  # status_kawin 1 Belum Kawin; every other code is married now or before
BELUM_WAJIB = 8  # status_ktp 8 Belum Wajib
TIDAK_TETAP = 2  # status_penduduk 2 Tidak Tetap: a temporary resident (B.4)


async def jorong_of() -> dict[int, tuple[int, str]]:
    """Every place id -> (its jorong's id, the jorong's name), for the address column."""
    places = {w["id"]: w for w in await register.wilayah_rows()}
    out = {}
    for wid, row in places.items():
        seen = set()
        while row is not None and row["tingkat"] != 1 and row["id"] not in seen:
            seen.add(row["id"])
            row = places.get(row["induk"])
        if row is not None and row["tingkat"] == 1:
            out[wid] = (row["id"], row["nama"])
    return out


async def address_of(profile: dict | None = None) -> Callable[[dict], str]:
    """A function giving a resident's address line, "Jl. Nagari, Jorong Koto" (needs the fields `PLACE`)."""
    places = await jorong_of()
    sebutan = (profile or await register.stored_profile()).get("sebutan_dusun") or "Jorong"

    def alamat(person: dict) -> str:
        jorong = places.get(person["wilayah"], (None, ""))[1]
        return ", ".join(p for p in (person["alamat"], f"{sebutan} {jorong}" if jorong else "") if p)
    return alamat


def labelled(person: dict, coded: tuple[str, ...]) -> dict:
    """The coded fields of `person` as their labels ("Islam", "Kawin Tercatat"); an unknown code gives ""."""
    return {name: register.code_labels(name).get(person[name], "") for name in coded}


def where_of(saring: Saringan, **extra) -> dict:
    return {**({"wilayah": saring.jorong} if saring.jorong else {}), **extra}


async def residents(fields: tuple[str, ...], where: dict, saring: Saringan, mulai: int,
                    batas: int | None) -> tuple[list[dict], int]:
    """A page from the database when `batas` is given, else the whole list streamed (the export); same order."""
    if batas is not None:
        return await register.resident_page(fields, where, cari=saring.cari, mulai=mulai, batas=batas)
    rows = [p async for p in register.stream_residents(fields, where, cari=saring.cari)]
    return rows[mulai:], len(rows)


def temporary_numbers(person: dict) -> list[str]:
    # A temporary NIK or No. KK is 0 + the village code + a serial (DOMAIN.md); a real one starts with a province.
    return [f"{label} sementara" for key, label in (("nik", "NIK"), ("no_kk", "KK"))
            if str(person.get(key) or "").startswith("0")]


# B.4: residents recorded as "tidak tetap" (status_penduduk 2). The register does not record where they came from,
# why, or when they arrived and leave: those columns of the printed form are left out, not shown empty.
B4_CODED = ("jenis_kelamin", "pekerjaan", "kewarganegaraan")
B4_FIELDS = ("nama", "nik", "no_kk", "tempat_lahir", "tanggal_lahir", *PLACE, *B4_CODED)
B4_KOLOM = (
    Kolom("nama", "Nama lengkap"), Kolom("jenis_kelamin", "Jenis kelamin"),
    Kolom("nik", "Nomor identitas (NIK)", identitas=True), Kolom("tempat_lahir", "Tempat lahir"),
    Kolom("tanggal_lahir", "Tanggal lahir", "date"), Kolom("pekerjaan", "Pekerjaan"),
    Kolom("kewarganegaraan", "Kewarganegaraan"), Kolom("alamat", "Alamat yang didatangi"),
    Kolom("keterangan", "Keterangan"),
)


async def penduduk_sementara(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """B.4: living residents recorded as not permanent, in register order."""
    alamat = await address_of()
    people, total = await residents(B4_FIELDS, where_of(saring, status_penduduk=TIDAK_TETAP), saring, mulai, batas)
    return Hasil([{**{k: p[k] for k in ("nama", "nik", "tempat_lahir", "tanggal_lahir")},
                   **labelled(p, B4_CODED), "alamat": alamat(p),
                   "keterangan": ", ".join(temporary_numbers(p))} for p in people], total)


# B.5: every resident who must hold a KTP, with the family card they are on.
B5_CODED = ("jenis_kelamin", "golongan_darah", "agama", "pendidikan_kk", "pekerjaan", "status_kawin", "hubungan",
            "kewarganegaraan")
B5_FIELDS = ("nama", "nik", "no_kk", "tempat_lahir", "tanggal_lahir", "status_ktp", *PLACE, *B5_CODED)
B5_KOLOM = (
    Kolom("no_kk", "No. KK", identitas=True), Kolom("nik", "NIK", identitas=True), Kolom("nama", "Nama lengkap"),
    Kolom("jenis_kelamin", "Jenis kelamin"), Kolom("tempat_lahir", "Tempat lahir"),
    Kolom("tanggal_lahir", "Tanggal lahir", "date"), Kolom("golongan_darah", "Golongan darah"),
    Kolom("agama", "Agama"), Kolom("pendidikan_kk", "Pendidikan"), Kolom("pekerjaan", "Pekerjaan"),
    Kolom("alamat", "Alamat"), Kolom("status_kawin", "Status perkawinan"),
    Kolom("hubungan", "Status hubungan dalam keluarga"), Kolom("kewarganegaraan", "Kewarganegaraan"),
    Kolom("keterangan", "Keterangan"),
)


def age(born: date, day: date) -> int:
    """Whole years on `day`, as register.counts' "umur" counts them."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def wajib_ktp(person: dict, day: date) -> bool:
    return age(person["tanggal_lahir"], day) >= KTP_AGE or person["status_kawin"] != NOT_MARRIED


def _ktp_note(person: dict) -> str:
    code = person["status_ktp"]
    if code is None:
        return ""
    label = register.code_labels("status_ktp").get(code, "")
    # an adult still recorded as "belum wajib": the clerk should bring the record up to date
    return f"KTP-el: {label} (perlu diperbarui)" if code == BELUM_WAJIB else f"KTP-el: {label}"


async def _count_wajib(where: dict, cari: str, day: date) -> int:
    if not cari:  # one GROUP BY over age and marital status, not a pass over every resident
        groups = await register.counts(by=("umur", "status_kawin"), where=where, today=day)
        return sum(g["jumlah"] for g in groups if g["umur"] >= KTP_AGE or g["status_kawin"] != NOT_MARRIED)
    found = register.stream_residents(("tanggal_lahir", "status_kawin"), where, cari=cari)
    return sum([1 async for p in found if wajib_ktp(p, day)])


async def _first_wajib(where: dict, cari: str, need: int, day: date) -> list[dict]:
    """The first `need` residents who must hold a KTP, in register order, read a few pages of the register at a
    time: `where` cannot ask for an age, so a deep page costs more than the first (the first is one read)."""
    found, offset, step = [], 0, max(2 * need, 200)  # about two in three residents are 17 or married
    while len(found) < need:
        rows, total = await register.resident_page(B5_FIELDS, where, cari=cari, mulai=offset, batas=step)
        found += [p for p in rows if wajib_ktp(p, day)]
        offset += step
        if offset >= total:
            break
    return found[:need]


async def ktp_kk(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """B.5: living residents aged 17 or more or ever married, in register order (the SDK has no other order)."""
    profile = await register.stored_profile()
    day, alamat, where = today(profile), await address_of(profile), where_of(saring)
    if batas is None:
        every = [p async for p in register.stream_residents(B5_FIELDS, where, cari=saring.cari) if wajib_ktp(p, day)]
        people, total = every[mulai:], len(every)
    else:
        people = (await _first_wajib(where, saring.cari, mulai + batas, day))[mulai:]
        total = await _count_wajib(where, saring.cari, day)
    return Hasil([{**{k: p[k] for k in ("nama", "nik", "tempat_lahir", "tanggal_lahir")}, "no_kk": p["no_kk"] or "",
                   **labelled(p, B5_CODED), "alamat": alamat(p),
                   "keterangan": "; ".join(n for n in (_ktp_note(p), ", ".join(temporary_numbers(p))) if n)}
                  for p in people], total)


BUKU = (
    Buku("B.4", "Buku Penduduk Sementara", B4_KOLOM, penduduk_sementara, urutan=40, izin=REGISTER,
         keterangan="Penduduk yang masih hidup dan tercatat tidak tetap (sementara), menurut urutan pendaftaran."),
    Buku("B.5", "Buku KTP dan KK", B5_KOLOM, ktp_kk, urutan=50, izin=REGISTER,
         keterangan="Penduduk wajib KTP (berumur 17 tahun atau lebih, atau sudah/pernah kawin) dengan nomor KK-nya, "
                    "menurut urutan pendaftaran."),
)

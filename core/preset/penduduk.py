"""Synthetic population for a preset's nagari: families, an age pyramid, NIKs that fit, and a journal of the years
since the register began.

Everything is drawn from one seeded random generator, so applying a preset again (or `balai demo --reset --seed N`)
rebuilds the same nagari, and everything goes through the bulk-insert path.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from core.preset.nama import BELAKANG_LAKI, BELAKANG_PEREMPUAN, JORONG, LAKI, PEREMPUAN, TEMPAT
from core.db.bulk import bulk_insert
from core.db.transaction import write_transaction
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, RiwayatKK, RumahTangga, Wilayah

REGION = "130705"  # Kecamatan Harau: where the demo residents' NIKs were first issued
START = date(2021, 1, 1)  # the register's first day in the demo: everyone there is pendataan_awal


class Generator:
    def __init__(self, seed: int, today: date, region: str = REGION):
        self.rng = random.Random(seed)
        self.today = today
        self.region = region
        self.serials: dict[str, int] = {}
        self.kk_serial = 0

    def name(self, sex: int) -> str:
        if sex == 1:
            return f"{self.rng.choice(LAKI)} {self.rng.choice(BELAKANG_LAKI)}"
        return f"{self.rng.choice(PEREMPUAN)} {self.rng.choice(BELAKANG_PEREMPUAN)}"

    def birth(self, min_age: int, max_age: int) -> date:
        days = self.rng.randint(min_age * 365, max_age * 365 + 364)
        return self.today - timedelta(days=days)

    def nik(self, born: date, sex: int) -> str:
        # About 1 in 100 carries the tolerated mismatch: a birth date corrected after the NIK was issued.
        day = (born.day % 28) + 1 if self.rng.random() < 0.01 else born.day
        day += 40 if sex == 2 else 0
        stem = f"{self.region}{day:02d}{born.month:02d}{born.year % 100:02d}"
        self.serials[stem] = self.serials.get(stem, 0) + 1
        return f"{stem}{self.serials[stem]:04d}"

    def no_kk(self) -> str:
        """REGION + a DDMMYY-like issue date + a serial 0001-9999 (never 0000, which check_kk rejects)."""
        self.kk_serial += 1
        serial, block = (self.kk_serial - 1) % 9999 + 1, (self.kk_serial - 1) // 9999
        return f"{self.region}{self.rng.randint(10, 28):02d}{self.rng.randint(1, 12):02d}{block % 100:02d}{serial:04d}"

    def education(self, age: int) -> int:
        if age < 7:
            return 1
        if age < 13:
            return 2
        return self.rng.choices((3, 4, 5, 6, 7, 8, 9), (18, 22, 38, 4, 6, 10, 2))[0]

    def occupation(self, age: int, sex: int, head_or_spouse: bool) -> int:
        if age < 5:
            return 1
        if age < 23:
            return 3 if age >= 6 else 1
        if age >= 65:
            return self.rng.choice((4, 9, 1))
        if sex == 2 and head_or_spouse and self.rng.random() < 0.45:
            return 2
        return self.rng.choices((9, 88, 84, 10, 5, 1, 8), (40, 18, 12, 6, 5, 10, 9))[0]


def person(g: Generator, pid: int, kid: int, wilayah: int, alamat: str, sex: int, born: date, hubungan: int,
           status_kawin: int) -> dict:
    age = (g.today - born).days // 365
    return {
        "id": pid, "nik": g.nik(born, sex), "nama": (name := g.name(sex)), "nama_cari": name.lower(),
        "jenis_kelamin": sex, "tempat_lahir": g.rng.choice(TEMPAT), "tanggal_lahir": born, "agama": 1,
        "pendidikan_kk": g.education(age), "pekerjaan": g.occupation(age, sex, hubungan in (1, 3)),
        "status_kawin": status_kawin, "kewarganegaraan": 1, "golongan_darah": g.rng.randint(1, 13),
        "hubungan": hubungan, "keluarga": kid, "wilayah": wilayah, "alamat": alamat,
        "status_ktp": 7 if age >= 17 else 8, "status_penduduk": 1, "status_dasar": 1,
        "bahasa_huruf": 1 if age >= 7 else None,
    }


async def build(count: int, seed: int, today: date | None = None) -> int:
    """Create the demo jorong and about `count` residents in families across them; returns the number created."""
    async with write_transaction():
        tempat = []
        for nama in JORONG:
            rows = await Wilayah.insert(Wilayah(nama=nama, tingkat=1)).returning(Wilayah.id).run()
            tempat.append((rows[0]["id"], f"Jorong {nama}"))
        return await isi(count, seed, tempat, today=today)


async def isi(count: int, seed: int, tempat: list[tuple[int, str]], today: date | None = None, sejak: date = START,
              region: str = REGION, oleh: str = "demo") -> int:
    """About `count` residents in families spread over `tempat` ((wilayah id, address) of the lowest regions), with
    their journal since `sejak`; `region` (6 digits) begins their NIKs. Returns the number created."""
    g = Generator(seed, today or date.today(), region)
    wilayah_ids = [w for w, _ in tempat]
    alamat_di = dict(tempat)
    async with write_transaction():
        families, history, people, journal, households = [], [], [], [], []
        last_household: dict[int, int] = {}  # jorong -> its newest household, which a next family may share
        pid = kid = 0
        while pid < count:
            kid += 1
            wilayah = g.rng.choice(wilayah_ids)
            alamat = alamat_di[wilayah]
            no_kk = g.no_kk()
            # Most families live on their own; about one in seven shares the house of another (extended family).
            if wilayah in last_household and g.rng.random() < 0.15:
                household = last_household[wilayah]
            else:
                household = last_household[wilayah] = len(households) + 1
                households.append({"id": household, "nomor": f"{region}{household:05d}", "wilayah": wilayah,
                                   "alamat": alamat, "kepala": pid + 1})  # the head of its first family, next
            families.append({"id": kid, "no_kk": no_kk, "wilayah": wilayah, "alamat": alamat,
                             "kelas_sosial": g.rng.randint(1, 5), "rumah_tangga": household})
            history.append({"keluarga": kid, "no_kk": no_kk, "berlaku_sejak": sejak, "alasan": "KK baru"})
            single = g.rng.random() < 0.12
            head_sex = 2 if single and g.rng.random() < 0.6 else 1
            head_born = g.birth(24, 78)
            members = [(head_sex, head_born, 1, 1 if single else 2)]
            if not single:
                members.append((2, head_born + timedelta(days=g.rng.randint(365, 6 * 365)), 3, 2))
                for _ in range(g.rng.choices((0, 1, 2, 3, 4, 5), (8, 18, 28, 24, 14, 8))[0]):
                    mother_age = (g.today - members[1][1]).days // 365
                    if mother_age < 18:
                        break
                    members.append((g.rng.randint(1, 2), g.birth(0, min(mother_age - 17, 30)), 4, 1))
            for sex, born, hubungan, kawin in members:
                pid += 1
                row = person(g, pid, kid, wilayah, alamat, sex, born, hubungan, kawin)
                row["rumah_tangga"] = household
                people.append(row)
                jenis = "lahir" if born > sejak else "pendataan_awal"
                since = max(born, sejak)
                journal.append({"jenis": jenis, "penduduk": pid, "keluarga": kid, "tanggal_peristiwa": since,
                                "tanggal_lapor": since, "wilayah_id": wilayah, "jenis_kelamin": sex,
                                "kewarganegaraan": 1, "rincian": "{}", "pengguna": oleh})
        # A few have died or moved away since the register began: their records stay.
        for row in g.rng.sample(people, k=max(1, len(people) // 60)):
            jenis, status = g.rng.choice((("mati", 2), ("pindah_keluar", 3)))
            when = sejak + timedelta(days=g.rng.randint(30, max(31, (g.today - sejak).days - 1)))
            if when <= row["tanggal_lahir"]:
                continue
            row["status_dasar"] = status
            journal.append({"jenis": jenis, "penduduk": row["id"], "keluarga": row["keluarga"],
                            "tanggal_peristiwa": when, "tanggal_lapor": when, "wilayah_id": row["wilayah"],
                            "jenis_kelamin": row["jenis_kelamin"], "kewarganegaraan": 1, "pengguna": oleh,
                            "rincian": json.dumps({"sebelum": {"status_dasar": 1},
                                                   "sesudah": {"status_dasar": status}})})
        journal.sort(key=lambda e: e["tanggal_peristiwa"])
        for entry in journal:
            entry["bulan_laporan"] = f"{entry['tanggal_peristiwa']:%Y-%m}"
        await bulk_insert(RumahTangga, households, columns=["id", "nomor", "wilayah", "alamat", "kepala"])
        await bulk_insert(Keluarga, families,
                          columns=["id", "no_kk", "wilayah", "alamat", "kelas_sosial", "rumah_tangga"])
        await bulk_insert(RiwayatKK, history)
        await bulk_insert(Penduduk, people, columns=list(people[0]))
        await bulk_insert(Peristiwa, journal)
    return len(people)

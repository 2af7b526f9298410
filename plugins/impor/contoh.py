"""Synthetic OpenSID resident workbooks (43 columns): for training, the import tests and the benchmarks."""

import random
from datetime import date, timedelta
from pathlib import Path

from plugins.impor.opensid import COLUMNS

JORONG = ("Koto Tuo", "Padang Rantang", "Subarang", "Tanjuang")
NAMES = ("Rustam", "Yusnidar", "Afrizal", "Nurhayati", "Syafrudin", "Rosmaniar", "Hendra", "Yulia", "Zulkifli", "Desi")


def rows(count: int, seed: int = 3, kode_desa: str = "130705") -> list[dict]:
    rng = random.Random(seed)
    out, kk, n = [], 0, 0
    while len(out) < count:
        kk += 1
        no_kk = f"{kode_desa}{rng.randint(100000, 999999)}{kk:04d}"
        jorong, rw, rt = rng.choice(JORONG), f"{rng.randint(1, 3):03d}", f"{rng.randint(1, 5):03d}"
        for level in (1, 3, 4, 4)[: rng.randint(1, 4)]:
            if len(out) >= count:
                break
            n += 1
            sex = 1 if level == 1 else 2 if level == 3 else rng.randint(1, 2)
            born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 26000))
            day = born.day + (40 if sex == 2 else 0)
            nik = f"{kode_desa}{day:02d}{born.month:02d}{born.year % 100:02d}{n % 9999 + 1:04d}"
            married = level in (1, 3)
            out.append({
                "alamat": f"Jorong {jorong}", "dusun": jorong, "rw": rw, "rt": rt,
                "nama": f"{rng.choice(NAMES)} {n}", "no_kk": no_kk, "nik": nik, "sex": sex,
                "tempatlahir": "Taram", "tanggallahir": born.strftime("%d-%m-%Y"), "agama_id": 1,
                "pendidikan_kk_id": rng.randint(1, 10), "pendidikan_sedang_id": "", "pekerjaan_id": rng.randint(1, 89),
                "status_kawin": 2 if married else 1, "kk_level": level, "warganegara_id": 1, "ayah_nik": "",
                "nama_ayah": "Ayah " + str(n), "ibu_nik": "", "nama_ibu": "Ibu " + str(n),
                "golongan_darah_id": rng.randint(1, 13), "akta_lahir": f"AL-{n}", "dokumen_pasport": "",
                "tanggal_akhir_paspor": "", "dokumen_kitas": "",
                "akta_perkawinan": f"AK-{kk}" if married and rng.random() < 0.7 else "",
                "tanggalperkawinan": "01-02-2001" if married else "", "akta_perceraian": "", "tanggalperceraian": "",
                "cacat_id": "", "cara_kb_id": "", "hamil": "", "ktp_el": 2, "status_rekam": 8,
                "alamat_sekarang": "", "status_dasar": 1, "suku": rng.choice(("Piliang", "Chaniago", "")),
                "tag_id_card": "", "id_asuransi": "", "no_asuransi": "", "lat": "", "lng": "",
            })
    return out


def _columns(data: list[dict]) -> list[str]:
    """The 43 columns, then any other a test or a trainer put in the rows (OpenSID's detail columns)."""
    return [*COLUMNS, *(k for k in (data[0] if data else {}) if k not in COLUMNS)]


def write_xlsx(path: Path, data: list[dict], code_sheet: bool = True) -> Path:
    from plugin_sdk.dokumen import write_xlsx

    sheets = {"Kode Data": [["kode", "nama"], [1, "ISLAM"]]} if code_sheet else {}
    columns = _columns(data)
    sheets["penduduk"] = [columns, *[[r.get(c, "") for c in columns] for r in data], ["", "###"]]
    write_xlsx(path, sheets)
    return path


def write_csv(path: Path, data: list[dict]) -> Path:
    import csv

    columns = _columns(data)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        out.writerows([[r.get(c, "") for c in columns] for r in data])
    return path

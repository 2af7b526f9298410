"""An action's parameters, read as CKAN reads them, and checked as CKAN's validators check them.

GET: the query string; a name given twice is a list. POST: a JSON object in the body (or a form). Every check
raises `Validasi` with the parameter's name, so no bad value gets further than here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from typing import Any

from plugins.satu_data.ckan.amplop import PermintaanSalah, validasi

#: Longest text a parameter may carry (a search or filter query); longer is refused, never parsed.
PANJANG_MAKS = 2000
#: The words for true and false, in a boolean parameter and a boolean column's filter alike.
BENAR, SALAH = frozenset({"true", "yes", "t", "y", "1", "on"}), frozenset({"false", "no", "f", "n", "0", "off"})


def _campur(pasangan: list[tuple[str, Any]]) -> dict[str, Any]:
    """CKAN's ``mixed()``: one value stays a value, a repeated name becomes a list."""
    hasil: dict[str, Any] = {}
    for kunci, nilai in pasangan:
        if kunci in hasil:
            lama = hasil[kunci]
            hasil[kunci] = [*lama, nilai] if isinstance(lama, list) else [lama, nilai]
        else:
            hasil[kunci] = nilai
    return hasil


def _json(teks: str | bytes) -> Any:
    """json.loads, where text nested past Python's recursion limit (``[[[[...``) is bad JSON like any other
    instead of a RecursionError that would escape as a 500."""
    try:
        return json.loads(teks)
    except RecursionError:
        raise ValueError("bersarang terlalu dalam") from None


async def baca(request) -> dict[str, Any]:
    """The request's parameters; `PermintaanSalah` when a POST body is not a JSON object."""
    if request.method != "POST":
        return _campur(list(request.query_params.multi_items()))
    body = await request.body()
    jenis = request.headers.get("content-type", "")
    if body.strip() and "form" not in jenis:
        try:
            data = _json(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise PermintaanSalah(f"JSON tidak sah: {exc}") from None
        if not isinstance(data, dict):
            raise PermintaanSalah("Isi permintaan harus objek JSON.")
        return data
    if body.strip():
        form = await request.form()
        return _campur(list(form.multi_items()))
    return _campur(list(request.query_params.multi_items()))


def teks(data: dict, kunci: str, bawaan: str | None = None) -> str | None:
    """A text parameter (missing: `bawaan`)."""
    nilai = data.get(kunci)
    if nilai is None:
        return bawaan
    if isinstance(nilai, bool) or not isinstance(nilai, (str, int, float)):
        raise validasi(kunci, "Harus berupa teks.")
    nilai = str(nilai)
    if len(nilai) > PANJANG_MAKS:
        raise validasi(kunci, f"Terlalu panjang (paling banyak {PANJANG_MAKS} karakter).")
    return nilai


def wajib(data: dict, kunci: str) -> str:
    nilai = teks(data, kunci)
    if nilai is None or not nilai.strip():
        raise validasi(kunci, "Wajib diisi.")
    return nilai.strip()


def bulat(data: dict, kunci: str, bawaan: int | None = None) -> int | None:
    """An integer (CKAN's int_validator: "12", 12 and 12.0 are 12)."""
    nilai = data.get(kunci)
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return bawaan
    if isinstance(nilai, float) and nilai.is_integer() and abs(nilai) < 1e12:
        nilai = int(nilai)
    if isinstance(nilai, str) and re.fullmatch(r"[+-]?\d{1,12}", nilai.strip()):
        nilai = int(nilai.strip())
    if isinstance(nilai, bool) or not isinstance(nilai, int):
        raise validasi(kunci, "Bilangan bulat tidak sah.")
    return nilai


def bilangan(data: dict, kunci: str, bawaan: int | None = None, *, maks: int | None = None,
             jepit: bool = False) -> int | None:
    """A natural number (0, 1, 2, ...). Over `maks`: lowered to it when `jepit` (CKAN's
    limit_to_configured_maximum), else refused."""
    nilai = bulat(data, kunci, bawaan)
    if nilai is None:
        return None
    if nilai < 0:
        raise validasi(kunci, "Harus bilangan asli (0 atau lebih).")
    if maks is not None and nilai > maks:
        if jepit:
            return maks
        raise validasi(kunci, f"Harus kurang dari atau sama dengan {maks}.")
    return nilai


def boolean(data: dict, kunci: str, bawaan: bool) -> bool:
    """CKAN's boolean_validator: true/yes/t/y/1 is true, any other text false."""
    nilai = data.get(kunci)
    if nilai is None or nilai == "":
        return bawaan
    if isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, (str, int)):
        return str(nilai).strip().lower() in BENAR
    raise validasi(kunci, "Harus benar atau salah (true/false).")


def json_atau_nilai(data: dict, kunci: str) -> Any:
    """A value that may come as JSON text (a GET parameter) or as JSON already (a POST body)."""
    nilai = data.get(kunci)
    if not isinstance(nilai, str):
        return nilai
    if len(nilai) > PANJANG_MAKS:
        raise validasi(kunci, f"Terlalu panjang (paling banyak {PANJANG_MAKS} karakter).")
    try:
        return _json(nilai)
    except ValueError:
        raise validasi(kunci, "JSON tidak dapat dibaca.") from None


def daftar_teks(data: dict, kunci: str, *, pemisah: str = ",") -> list[str] | None:
    """A list of names: a JSON list, a list, or one text separated by any character of `pemisah`."""
    nilai = data.get(kunci)
    if nilai is None or nilai == "":
        return None
    if isinstance(nilai, str):
        if len(nilai) > PANJANG_MAKS:
            raise validasi(kunci, f"Terlalu panjang (paling banyak {PANJANG_MAKS} karakter).")
        if nilai.lstrip().startswith("["):
            nilai = json_atau_nilai(data, kunci)
        else:
            return [b for b in re.split(f"[{re.escape(pemisah)}]+", nilai) if b]
    if not isinstance(nilai, list) or not all(isinstance(b, str) for b in nilai):
        raise validasi(kunci, "Harus daftar teks.")
    return [b.strip() for b in nilai if b.strip()]


def urutan(nilai, boleh: Collection[str], *, arah_wajib: bool = False, maks: int | None = None,
           kunci: str = "sort") -> list[tuple[str, bool]]:
    """A sort as CKAN writes it, ``"name asc, title desc"`` (or a list of such parts), as [(field, descending)]:
    one parser, so every action refuses a bad sort in the same words. `arah_wajib`: a direction is required
    (Solr's sort, package_search); else ``asc`` is meant. `maks`: at most that many fields (group_list: one)."""
    bagian = nilai.split(",") if isinstance(nilai, str) else nilai
    if not isinstance(bagian, list) or not all(isinstance(b, str) for b in bagian):
        raise validasi(kunci, "Harus teks \"kolom asc, kolom2 desc\".")
    if sum(map(len, bagian)) > PANJANG_MAKS:
        raise validasi(kunci, f"Terlalu panjang (paling banyak {PANJANG_MAKS} karakter).")
    hasil = []
    for b in bagian:
        kata = b.split()
        if not kata:
            continue
        arah = kata[1].lower() if len(kata) == 2 else "asc" if len(kata) == 1 and not arah_wajib else ""
        if arah not in ("asc", "desc"):
            raise validasi(kunci, f"Urutan tidak sah: {b.strip()[:60]!r}. Tulis 'kolom asc' atau 'kolom desc', "
                                  "dipisah koma.")
        medan = kata[0].strip('"')
        if medan not in boleh:
            raise validasi(kunci, f"Tidak dapat mengurutkan menurut {medan[:40]!r}. Yang dapat: {', '.join(boleh)}.")
        hasil.append((medan, arah == "desc"))
    if not hasil:
        raise validasi(kunci, "Urutan kosong.")
    if maks is not None and len(hasil) > maks:
        raise validasi(kunci, f"Paling banyak {maks} urutan.")
    return hasil

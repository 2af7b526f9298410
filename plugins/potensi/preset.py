"""The `potensi` section of a preset (<preset>/potensi/): the nagari's profile figures, what is published, photos.

Files (years relative to the day the preset is applied: 0 this year, -1 last year):

- ``profil.csv``: ``tahun,indikator,jorong,nilai,sumber,keterangan``: one figure a row, ``nilai`` as a clerk
  types it ("1.245", "18,5"); ``jorong`` empty for a figure of the whole nagari, else the jorong's name (for an
  indicator kept per jorong). An indicator of a plugin ("adat.tanah_ulayat") is entered only when that plugin is
  enabled; any other unknown code is refused.
- ``terbit.toml`` (optional): ``indikator = [...]`` the indicators published on the public page; ``tahun = -1``
  the year the public page shows (it must have figures).
- ``foto.toml`` (optional): ``[[foto]]`` ``judul``, ``tema``, ``keterangan``, ``berkas`` (a JPEG or PNG in this
  folder), ``terbit = true|false``.

Everything is checked before the first write (a bad row refused with its file and row); the figures are then saved
theme by theme through the plugin's own `simpan_tema`, the choice through `atur_terbit`, photos through
`unggah_foto`. The export writes terbit.toml (which indicators the office publishes): the figures and photos
describe one nagari and are not carried to the next.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plugin_sdk.preset import GalatPreset, baca_csv, baca_toml, tahun_relatif, tulis_toml

from plugins.potensi.indikator import TEMA, ke_seratus, semua_indikator
from plugins.potensi.layanan import IsianError, daftar_jorong, simpan_tema
from plugins.potensi.tables import NAGARI

KOLOM = ("tahun", "indikator", "jorong", "nilai", "sumber", "keterangan")
PALING_AWAL = -50  # figures older than fifty years are a typo, not the nagari's profile


def _tahun(nilai, hari_ini: date, tempat: str) -> int:
    return tahun_relatif(nilai, hari_ini, tempat, PALING_AWAL)


def _toml(path: Path) -> dict:
    return baca_toml(path, f"potensi/{path.name}")


async def _profil(konteks, folder: Path) -> tuple[dict[tuple[int, str], dict[str, str]], dict[str, int]]:
    """(tahun, tema) -> the theme form's fields; and field -> row number, to name a row simpan_tema refuses."""
    rows = baca_csv(folder / "profil.csv", "potensi/profil.csv", KOLOM)
    if not rows:
        return {}, {}
    indikator = {i.kode: i for i in await semua_indikator(konteks.request)}
    jorong = {j["nama"]: j["id"] for j in await daftar_jorong()}
    isian: dict[tuple[int, str], dict[str, str]] = {}
    baris: dict[str, int] = {}
    for n, row in rows:
        tempat = f"potensi/profil.csv baris {n}"
        tahun = _tahun(row["tahun"], konteks.hari_ini, tempat)
        ind = indikator.get(row["indikator"])
        if ind is None:
            if "." in row["indikator"]:  # a plugin's indicator, whose plugin this nagari leaves out
                continue
            raise GalatPreset(f"{tempat}: indikator {row['indikator']!r} tidak dikenal.")
        if ind.lingkup == "jorong":
            if row["jorong"] not in jorong:
                raise GalatPreset(f"{tempat}: {ind.nama} diisi per jorong; jorong {row['jorong']!r} tidak ada.")
            tempat_id = jorong[row["jorong"]]
        elif row["jorong"]:
            raise GalatPreset(f"{tempat}: {ind.nama} diisi untuk seluruh nagari; kosongkan kolom jorong.")
        else:
            tempat_id = NAGARI
        try:
            ke_seratus(row["nilai"], ind)
        except ValueError as exc:
            raise GalatPreset(f"{tempat}: {ind.nama}: {exc}") from None
        kunci = f"{ind.kode}:{tempat_id}"
        form = isian.setdefault((tahun, ind.tema), {})
        if f"n:{kunci}" in form:
            lain = baris[f"{tahun}:{kunci}"]
            raise GalatPreset(f"{tempat}: {ind.nama} tahun {tahun} sudah diisi di baris {lain}.")
        form.update({f"n:{kunci}": row["nilai"], f"s:{kunci}": row["sumber"], f"k:{kunci}": row["keterangan"]})
        baris[f"{tahun}:{kunci}"] = n
    return isian, baris


def _foto(folder: Path) -> list[dict]:
    daftar = _toml(folder / "foto.toml").get("foto") or []
    hasil = []
    for n, foto in enumerate(daftar, start=1):
        tempat = f"potensi/foto.toml, [[foto]] ke-{n}"
        if not isinstance(foto, dict) or not str(foto.get("judul") or "").strip():
            raise GalatPreset(f"{tempat}: judul foto wajib diisi.")
        if foto.get("tema") and foto["tema"] not in TEMA:
            raise GalatPreset(f"{tempat}: tema {foto['tema']!r} tidak dikenal.")
        berkas = folder / str(foto.get("berkas") or "")
        if not foto.get("berkas") or not berkas.is_file() or berkas.parent != folder:
            raise GalatPreset(f"{tempat}: berkas foto {foto.get('berkas')!r} tidak ada di folder potensi.")
        hasil.append({"isian": {k: str(foto.get(k) or "") for k in ("judul", "keterangan", "tema")},
                      "isi": berkas.read_bytes(), "terbit": bool(foto.get("terbit")), "tempat": tempat})
    return hasil


async def terapkan(konteks, folder: Path) -> None:
    """The figures, the published choice and the photos, through the plugin's own services."""
    from plugins.potensi.galeri import unggah_foto
    from plugins.potensi.terbit import atur_terbit

    isian, baris = await _profil(konteks, folder)
    terbit = _toml(folder / "terbit.toml")
    tahun_terbit = None
    if "tahun" in terbit:
        tahun_terbit = _tahun(terbit["tahun"], konteks.hari_ini, "potensi/terbit.toml")
    pilihan = terbit.get("indikator") or []
    if not isinstance(pilihan, list) or not all(isinstance(k, str) for k in pilihan):
        raise GalatPreset("potensi/terbit.toml: 'indikator' harus daftar kode indikator.")
    dikenal = {i.kode for i in await semua_indikator(konteks.request)}
    if asing := [k for k in pilihan if k not in dikenal and "." not in k]:
        raise GalatPreset(f"potensi/terbit.toml: indikator {', '.join(asing)} tidak dikenal.")
    foto = _foto(folder)
    jumlah = 0
    for (tahun, tema), form in sorted(isian.items(), key=lambda item: (-item[0][0], item[0][1])):
        try:
            jumlah += await simpan_tema(konteks.request, tahun, tema, form, hari_ini=konteks.hari_ini)
        except IsianError as exc:
            kunci, pesan = next(iter(exc.galat.items()))
            nomor = baris.get(f"{tahun}:{kunci.split(':', 1)[-1]}")
            tempat = f"potensi/profil.csv baris {nomor}" if nomor else "potensi/profil.csv"
            raise GalatPreset(f"{tempat}: {pesan}") from None
    if terbit:
        try:
            await atur_terbit(konteks.request, set(pilihan), tahun_terbit)
        except IsianError as exc:
            raise GalatPreset(f"potensi/terbit.toml: {' '.join(exc.galat.values())}") from None
    for f in foto:
        try:
            await unggah_foto(konteks.request, f["isian"], f["isi"], terbit=f["terbit"])
        except IsianError as exc:
            raise GalatPreset(f"{f['tempat']}: {' '.join(exc.galat.values())}") from None
    konteks.catat(f"Potensi nagari: {jumlah} angka, {len(pilihan)} indikator terbit, {len(foto)} foto")


async def ekspor(konteks, folder: Path) -> None:
    """Which indicators the office publishes (terbit.toml)."""
    from plugins.potensi.terbit import diterbitkan

    pilihan = sorted(await diterbitkan())
    if pilihan:
        (folder / "terbit.toml").write_text(tulis_toml({"indikator": pilihan}), encoding="utf-8")

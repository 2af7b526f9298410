"""The `surat` section of a preset (folder ``<preset>/surat/``): the letter types a nagari uses, their wording, and
where the counters of this year start.

``jenis.toml``::

    [surat]
    bawaan = true                 # start from Balai's built-in types (plugins/surat/bawaan/); false: only [[jenis]]
    nonaktif = ["kuasa"]          # built-in types this nagari does not issue (kept, switched off)

    [[jenis]]                     # a type of the nagari's own, or a built-in one (same kode) with its own wording
    kode = "ranji"                # the keys of an entry of bawaan/jenis.toml (nama, kode_klasifikasi, subjek,
    nama = "Surat Keterangan Ranji"   # isian, peran, persyaratan, masa_berlaku_hari, kertas, margin,
    kode_klasifikasi = "400.12.3.7"   # persetujuan, orang_tua, pasangan, keluarga, semua_status, aktif);
    subjek = "penduduk"           # for a built-in kode only the keys given change; the body is <kode>.html here

``penomoran.toml`` (optional; the number's format, padding and sequences are the settings [pengaturan.surat] of
preset.toml)::

    [[mulai]]                     # carrying on paper numbering: the next letter of this sequence gets `nomor`
    urutan = "domisili"           # a type's kode, or "semua" when one sequence serves every type
    nomor = 58
    tahun = 0                     # relative to the day the preset is applied: 0 this year (the default)

`terapkan` checks every file before writing anything; a bad one is refused naming the file and the entry.
`ekspor` writes the types that differ from the built-in ones and the switched-off built-ins; counters are the
office's running state, not configuration, and are not exported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from plugin_sdk import dokumen
from plugin_sdk.preset import BagianPreset, GalatPreset, KonteksPreset, baca_toml, tulis_toml

from plugins.surat import jenis as jenis_mod
from plugins.surat import penomoran
from plugins.surat.tables import JenisSurat

KODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
KLASIFIKASI = re.compile(r"^[0-9A-Za-z./-]{1,40}$")
KUNCI_JENIS = {"kode", "nama", "kode_klasifikasi", "subjek", "isian", "peran", "persyaratan", "masa_berlaku_hari",
               "kertas", "margin", "persetujuan", "orang_tua", "pasangan", "keluarga", "semua_status", "aktif"}
BOOLEAN = ("persetujuan", "orang_tua", "pasangan", "keluarga", "semua_status", "aktif")
MAKS_MULAI = 999_999


def _toml(path: Path) -> dict:
    return baca_toml(path, f"surat/{path.name}")


def _periksa_isian(isian: object, tempat: str) -> list[dict]:
    if not isinstance(isian, list):
        raise GalatPreset(f"{tempat}: 'isian' harus daftar.")
    kunci = set()
    for field in isian:
        if not isinstance(field, dict) or not jenis_mod.KEY.match(str(field.get("kunci", ""))):
            raise GalatPreset(f"{tempat}: setiap isian perlu 'kunci' huruf kecil, angka atau _.")
        if field["kunci"] in kunci or field["kunci"] == "keperluan":
            raise GalatPreset(f"{tempat}: kunci isian {field['kunci']!r} dipakai lebih dari sekali.")
        kunci.add(field["kunci"])
        if field.get("jenis", "teks") not in jenis_mod.KINDS:
            raise GalatPreset(f"{tempat}: jenis isian {field.get('jenis')!r} tidak dikenal "
                              f"({', '.join(jenis_mod.KINDS)}).")
        if field.get("jenis") == "pilihan" and len(field.get("pilihan") or []) < 2:
            raise GalatPreset(f"{tempat}: isian {field['kunci']} perlu paling sedikit dua pilihan.")
    return isian


def _periksa_jenis(entry: dict, ke: int, folder: Path, bawaan: dict[str, dict]) -> dict:
    """One [[jenis]] entry as a table row (a built-in's row with the entry's keys over it)."""
    tempat = f"surat/jenis.toml [[jenis]] ke-{ke}"
    if not isinstance(entry, dict):
        raise GalatPreset(f"{tempat}: harus tabel.")
    kode = str(entry.get("kode", ""))
    if not KODE.match(kode):
        raise GalatPreset(f"{tempat}: kode {kode!r} harus huruf kecil, angka atau _, diawali huruf.")
    tempat = f"surat/jenis.toml jenis {kode!r}"
    if unknown := sorted(set(entry) - KUNCI_JENIS):
        raise GalatPreset(f"{tempat}: kunci tidak dikenal: {', '.join(unknown)}.")
    templat = folder / f"{kode}.html"
    if kode in bawaan:
        row = dict(bawaan[kode])
    else:
        if missing := [k for k in ("nama", "kode_klasifikasi", "subjek") if not entry.get(k)]:
            raise GalatPreset(f"{tempat}: jenis baru perlu {', '.join(missing)}.")
        if not templat.is_file():
            raise GalatPreset(f"{tempat}: badan suratnya tidak ada (surat/{kode}.html).")
        row = jenis_mod.row({**entry, "kode_klasifikasi": str(entry["kode_klasifikasi"])}, "")
    row.setdefault("margin", "15,20,15,25")
    row.setdefault("aktif", True)
    for key in ("nama", "subjek", "kertas", "margin"):
        if key in entry:
            row[key] = str(entry[key])
    if "kode_klasifikasi" in entry:
        row["kode_klasifikasi"] = str(entry["kode_klasifikasi"])
    if not row["nama"] or len(row["nama"]) > 120:
        raise GalatPreset(f"{tempat}: nama wajib diisi, paling panjang 120 huruf.")
    if not KLASIFIKASI.match(row["kode_klasifikasi"]):
        raise GalatPreset(f"{tempat}: kode_klasifikasi berisi angka, huruf, titik atau garis miring.")
    if row["subjek"] not in jenis_mod.SUBJECTS:
        raise GalatPreset(f"{tempat}: subjek harus salah satu dari {', '.join(jenis_mod.SUBJECTS)}.")
    for key in BOOLEAN:
        if key in entry:
            if not isinstance(entry[key], bool):
                raise GalatPreset(f"{tempat}: {key} harus true atau false.")
            row[key] = entry[key]
    if "masa_berlaku_hari" in entry:
        if not isinstance(entry["masa_berlaku_hari"], int) or not 0 <= entry["masa_berlaku_hari"] <= 3650:
            raise GalatPreset(f"{tempat}: masa_berlaku_hari berupa jumlah hari, 0 sampai 3650.")
        row["masa_berlaku_hari"] = entry["masa_berlaku_hari"]
    try:
        margin = tuple(int(x) for x in (row.get("margin") or "15,20,15,25").split(","))
        dokumen.Halaman(kertas=row["kertas"], margin=margin)
    except ValueError:
        raise GalatPreset(f"{tempat}: kertas ({', '.join(dokumen.PAPER)}) atau margin (empat angka "
                          "0 sampai 60 mm, dipisah koma) tidak sah.") from None
    if "isian" in entry:
        row["isian"] = json.dumps(_periksa_isian(entry["isian"], tempat))
    if "peran" in entry:
        teks = "\n".join("; ".join([str(r.get("kunci", "")), str(r.get("label", "")),
                                    *(["wajib"] if r.get("wajib") else []),
                                    *(["orang tua"] if r.get("orang_tua") else [])])
                         for r in entry["peran"] if isinstance(r, dict))
        peran, masalah = jenis_mod.parse_roles(teks)
        if masalah:
            raise GalatPreset(f"{tempat}: {masalah}")
        row["peran"] = json.dumps(peran)
    if "persyaratan" in entry:
        row["persyaratan"] = "\n".join(str(p) for p in entry["persyaratan"])
    if templat.is_file():
        row["template"] = templat.read_text(encoding="utf-8")
        row["_berkas"] = True  # rendered once before anything is written, as the editor does before saving
    try:
        dokumen.check_syntax(row["template"])
    except dokumen.TemplateProblem as exc:
        raise GalatPreset(f"surat/{kode}.html: {exc}") from None
    return row


def baca(folder: Path, tahun_ini: int) -> tuple[bool, set[str], list[dict], list[tuple[str, int, int]]]:
    """The section's files, checked: (built-ins wanted, switched-off built-ins, type rows, counter starts)."""
    data = _toml(folder / "jenis.toml") if (folder / "jenis.toml").is_file() else {}
    if unknown := sorted(set(data) - {"surat", "jenis"}):
        raise GalatPreset(f"surat/jenis.toml: bagian tidak dikenal: {', '.join(unknown)}.")
    umum = data.get("surat", {})
    pakai_bawaan = umum.get("bawaan", True)
    bawaan = {r["kode"]: r for r in jenis_mod.builtin()}
    nonaktif = set(umum.get("nonaktif", []))
    if unknown := sorted(nonaktif - set(bawaan)):
        raise GalatPreset(f"surat/jenis.toml: 'nonaktif' memuat kode yang bukan jenis surat bawaan: "
                          f"{', '.join(unknown)}.")
    rows, kode = [], set()
    for ke, entry in enumerate(data.get("jenis", []), start=1):
        row = _periksa_jenis(entry, ke, folder, bawaan)
        if row["kode"] in kode:
            raise GalatPreset(f"surat/jenis.toml: jenis {row['kode']!r} ditulis lebih dari sekali.")
        kode.add(row["kode"])
        rows.append(row)
    kode |= set(bawaan) if pakai_bawaan else set()
    mulai = []
    nomor = _toml(folder / "penomoran.toml") if (folder / "penomoran.toml").is_file() else {}
    for ke, entry in enumerate(nomor.get("mulai", []), start=1):
        tempat = f"surat/penomoran.toml [[mulai]] ke-{ke}"
        urutan, angka, tahun = entry.get("urutan"), entry.get("nomor"), entry.get("tahun", 0)
        if urutan not in kode | {penomoran.SHARED}:
            raise GalatPreset(f"{tempat}: urutan {urutan!r} bukan kode jenis surat atau "
                              f"'{penomoran.SHARED}'.")
        if not isinstance(angka, int) or not 1 <= angka <= MAKS_MULAI or not isinstance(tahun, int) or tahun > 0:
            raise GalatPreset(f"{tempat}: nomor bilangan bulat 1 sampai {MAKS_MULAI}, tahun 0 atau "
                              "negatif (0 tahun ini).")
        mulai.append((urutan, tahun_ini + tahun, angka))
    return pakai_bawaan, nonaktif, rows, mulai


async def terapkan(konteks: KonteksPreset, folder: Path) -> None:
    pakai_bawaan, nonaktif, rows, mulai = baca(folder, konteks.hari_ini.year)
    from plugins.surat.contoh import sample_letter

    for row in rows:
        if row.pop("_berkas", False):
            try:
                await sample_letter(konteks.request, row)
            except (dokumen.TemplateProblem, dokumen.DocumentError) as exc:
                raise GalatPreset(f"surat/{row['kode']}.html: {exc}") from None
    if pakai_bawaan:
        await jenis_mod.seed_builtin()  # an emptied training room has none; a new one got them when migrated
    for row in rows:
        values = dict(row)
        if await JenisSurat.exists().where(JenisSurat.kode == row["kode"]).run():
            await JenisSurat.update({getattr(JenisSurat, k): v for k, v in values.items() if k != "kode"}).where(
                JenisSurat.kode == row["kode"]).run()
        else:
            await JenisSurat.insert(JenisSurat(**values)).run()
    if nonaktif:
        await JenisSurat.update({JenisSurat.aktif: False}).where(JenisSurat.kode.is_in(sorted(nonaktif))).run()
    for urutan, tahun, nomor in mulai:
        try:
            await penomoran.set_start(urutan, tahun, nomor)
        except ValueError as exc:
            raise GalatPreset(f"surat/penomoran.toml urutan {urutan!r}: {exc}") from None
    aktif = await JenisSurat.count().where(JenisSurat.aktif == True).run()  # noqa: E712
    konteks.catat(f"surat: {aktif} jenis surat aktif")



def _entri(row: dict) -> dict:
    return {"kode": row["kode"], "nama": row["nama"], "kode_klasifikasi": row["kode_klasifikasi"],
            "subjek": row["subjek"], "orang_tua": row["orang_tua"], "pasangan": row["pasangan"],
            "keluarga": row["keluarga"], "semua_status": row["semua_status"], "persetujuan": row["persetujuan"],
            "aktif": row["aktif"], "masa_berlaku_hari": row["masa_berlaku_hari"], "kertas": row["kertas"],
            "margin": row["margin"], "persyaratan": jenis_mod.requirements(row), "isian": jenis_mod.fields(row),
            "peran": jenis_mod.roles(row)}


async def ekspor(konteks: KonteksPreset, folder: Path) -> None:
    """The types that differ from the built-in ones (with their bodies) and the built-ins switched off."""
    bawaan = {r["kode"]: r for r in jenis_mod.builtin()}
    rows = await JenisSurat.select().order_by(JenisSurat.kode).run()
    # a built-in type never stored (an installation emptied without this section) is not "switched off"
    nonaktif = sorted(r["kode"] for r in rows if r["kode"] in bawaan and not r["aktif"])
    folder.mkdir(parents=True, exist_ok=True)
    daftar = []
    for row in rows:
        asli = bawaan.get(row["kode"])
        entri = _entri(row)
        if asli is not None:
            sama = _entri({**asli, "aktif": row["aktif"], "margin": asli.get("margin", "15,20,15,25")})
            if entri == sama and row["template"] == asli["template"]:
                continue
            if entri == {**sama, "aktif": False} and row["template"] == asli["template"]:
                continue  # only switched off: listed in `nonaktif`
        if asli is not None and not row["aktif"]:
            entri.pop("aktif")  # `nonaktif` says it
        daftar.append(entri)
        if asli is None or row["template"] != asli["template"]:
            (folder / f"{row['kode']}.html").write_text(row["template"], encoding="utf-8")
    isi = {"surat": {"bawaan": True, "nonaktif": nonaktif}, "jenis": daftar}
    judul = "Jenis surat nagari ini, diekspor dari Balai: yang berbeda dari jenis surat bawaan."
    (folder / "jenis.toml").write_text(tulis_toml(isi, judul), encoding="utf-8")


def bagian() -> list[BagianPreset]:
    return [BagianPreset("surat", terapkan, ekspor, urutan=300, judul="Jenis surat dan penomoran")]

"""`balai preset export`: this nagari's configuration written as a preset another nagari can apply.

Configuration only, without the nagari's identity or anyone's name: the profile's terms (sebutan_*, time zone,
theme; not its code, name, address, logo or data protection officer), the officials' posts and signing rights (each
name a placeholder the next nagari fills, no NIP), the regions, the roles, the enabled plugins with their settings
(not credentials nor a person's or the nagari's own contact and code, see `_boleh`), and every enabled plugin's own
`ekspor`. Never a resident (only their number, for a synthetic population in a training room), a key, a secret, a
token or a password hash: the accounts are not carried. Applied with `--nagari-baru` the preset gets one
administrator with a random password; in a training room, the trainees' password drawn here at random.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from pathlib import Path

from core import __version__
from core.penduduk.tables import Penduduk, Wilayah
from core.plugin_host.settings import declared_fields, get_values
from core.preset.berkas import NAMA, PresetError
from core.preset.jenis import KonteksPreset
from core.preset.mesin import bagian_plugin
from core.preset.permintaan import PermintaanPreset
from core.preset.toml import tulis_toml
from core.profil import waktu
from core.profil.profile import TERMS
from core.tables import Peran, Perangkat

# SettingField has no flag for a secret (its kinds are text, int, bool, choice), so a setting is left out when its
# name says it holds a credential, or a person's or this nagari's own contact or code, or when its kind is one a
# credential would get.
RAHASIA = re.compile(r"sandi|rahasia|token|kunci|secret|password|pin$|api_key", re.IGNORECASE)
IDENTITAS = re.compile(r"nama|kontak|email|surel|telepon|pengirim|pengguna|alamat|kode_(desa|nagari)", re.IGNORECASE)
JENIS_RAHASIA = {"password", "secret", "rahasia", "sandi"}
PROFIL = (*TERMS, "zona_waktu", "tema")  # the structure; the nagari's identity is its own
NAMA_KOSONG = "(isi nama pejabat)"  # an official's name the next nagari fills in on the Perangkat page


def _boleh(field) -> bool:
    return field.kind not in JENIS_RAHASIA and not RAHASIA.search(field.key) and not IDENTITAS.search(field.key)


def _rentang() -> str:
    major, minor = (__version__.split(".") + ["0"])[:2]
    return f">={major}.{minor},<{int(major) + 1}.0"


async def _pengaturan(host, plugins: list[str]) -> dict[str, dict]:
    keys = {f"{p}.{f.key}": (p, f.key) for p in plugins for f in declared_fields(host, p) if _boleh(f)}
    stored = await get_values(list(keys))
    result: dict[str, dict] = {}
    for full, value in sorted(stored.items()):
        plugin, key = keys[full]
        if value is not None:
            result.setdefault(plugin, {})[key] = value
    return result


async def _profil(balai) -> dict:
    profil = await balai.load_profile()
    data = {k: profil[k] for k in PROFIL if profil.get(k) not in (None, "")}
    rows = await Perangkat.select().where(Perangkat.aktif == True).order_by(Perangkat.urutan).order_by(  # noqa: E712
        Perangkat.id).run()
    jabatan = {r["id"]: r["jabatan"] for r in rows}
    perangkat = []
    for r in rows:
        item = {"nama": NAMA_KOSONG, "jabatan": r["jabatan"], "boleh_tanda_tangan": bool(r["boleh_tanda_tangan"]),
                "cara_tanda_tangan": r["cara_tanda_tangan"], "urutan": r["urutan"]}
        if r["atasan"] in jabatan:
            item["atasan"] = jabatan[r["atasan"]]
        perangkat.append(item)
    return {"profil": data, "perangkat": perangkat}


async def _wilayah() -> str:
    aktif = Wilayah.aktif == True  # noqa: E712
    rows = await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.induk).where(aktif).order_by(Wilayah.id).run()
    by_id = {r["id"]: r for r in rows}
    induk = {r["induk"] for r in rows if r["induk"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["jorong", "rw", "rt"])
    for r in rows:
        if r["id"] in induk:
            continue
        path, at = [], r
        while at is not None:
            path.insert(0, at["nama"])
            at = by_id.get(at["induk"]) if at["induk"] else None
        path = (path + ["", ""])[:3]
        writer.writerow(path)
    return out.getvalue()


async def _peran() -> list[dict]:
    rows = await Peran.select().order_by(Peran.id).run()
    return [{"kode": r["kode"], "nama": r["nama"], "keterangan": r["keterangan"], "semua_izin": bool(r["semua_izin"]),
             "izin": sorted(json.loads(r["izin"] or "[]"))} for r in rows]


async def ekspor(balai, nama: str, ke: Path) -> list[str]:
    """Write the preset `nama` into the new or empty folder `ke`; returns the files written (relative)."""
    if not NAMA.match(nama):
        raise PresetError("Nama preset: huruf kecil, angka, '-' atau '_'.")
    ke = Path(ke)
    if ke.exists() and (not ke.is_dir() or any(ke.iterdir())):
        raise PresetError(f"Folder {ke} sudah berisi berkas: pilih folder baru atau yang kosong.")
    enabled = sorted(await balai.enabled_names())
    ke.mkdir(parents=True, exist_ok=True)
    profil = await _profil(balai)
    asal = balai.profile().get("nama") or nama
    jumlah = await Penduduk.count().where(Penduduk.status_dasar == 1).run()
    hari_ini = waktu.today(balai.profile())
    preset = {
        "preset": {"nama": nama, "judul": f"Konfigurasi dari {asal}", "versi": "1",
                   "deskripsi": f"Diekspor dengan `balai preset export` pada {hari_ini.isoformat()}.",
                   "balai": _rentang(), "plugins": enabled},
        "pengaturan": await _pengaturan(balai.host, enabled),
        "latihan": {"peserta": 10, "sandi": secrets.token_urlsafe(9), "peran": "operator"},
        "penduduk": {"jumlah": jumlah, "benih": 1, "sejak": hari_ini.replace(year=hari_ini.year - 5, month=1, day=1)},
    }
    (ke / "preset.toml").write_text(tulis_toml(preset, "Konfigurasi nagari tanpa identitasnya, data penduduk, "
                                                       "kunci, rahasia atau kata sandi. Untuk nagari sungguhan: "
                                                       "balai preset apply FOLDER --nagari-baru."), "utf-8")
    (ke / "profil.toml").write_text(tulis_toml(profil, "Tanpa kode wilayah, nama, alamat, logo dan nama pejabat: "
                                                       "diisi nagari yang menerapkannya."), "utf-8")
    (ke / "wilayah.csv").write_text(await _wilayah(), "utf-8")
    pengguna = {"peran": await _peran(),
                "pengguna": [{"username": "admin", "nama": "Administrator", "peran": "administrator"}]}
    catatan = "Akun tidak ikut diekspor: satu administrator (dengan --nagari-baru kata sandinya acak, wajib diganti)."
    (ke / "pengguna.toml").write_text(tulis_toml(pengguna, catatan), "utf-8")
    konteks = KonteksPreset(request=PermintaanPreset(balai), hari_ini=hari_ini, benih=1, folder=ke)
    for section, (plugin, bagian) in sorted(bagian_plugin(balai.host, only=set(enabled)).items()):
        if bagian.ekspor is None:
            continue
        folder = ke / section
        folder.mkdir()
        await bagian.ekspor(konteks, folder)
        if not any(folder.iterdir()):
            folder.rmdir()
    return sorted(str(p.relative_to(ke)) for p in ke.rglob("*") if p.is_file())


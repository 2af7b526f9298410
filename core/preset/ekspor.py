"""`balai preset export`: this nagari's configuration written as a preset another nagari can apply.

Configuration only: the profile and logo, the officials, the regions, the roles, the enabled plugins with their
stored settings, and every enabled plugin's own `ekspor`. Never a resident (only their number, for the synthetic
population), a key, a secret, a token, a password hash or a TOTP secret: the accounts are not carried; the preset
gets one administrator and trainees with a training password written in the clear, as any training preset has.
"""

from __future__ import annotations

import json
import re
import shutil
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
from core.profil.profile import TEXT_FIELDS
from core.tables import Peran, Perangkat

# A setting whose name says it holds a credential is never written, whatever its plugin declares.
RAHASIA = re.compile(r"sandi|rahasia|token|kunci|secret|password|pin$|api_key", re.IGNORECASE)
PROFIL = ("kode", *TEXT_FIELDS, "zona_waktu", "lintang", "bujur", "tema")
SANDI_LATIHAN = "pelatihan-balai"  # the exported preset's training password (a training room's, not a secret)


def _rentang() -> str:
    major, minor = (__version__.split(".") + ["0"])[:2]
    return f">={major}.{minor},<{int(major) + 1}.0"


async def _pengaturan(host, plugins: list[str]) -> dict[str, dict]:
    keys = {f"{p}.{f.key}": (p, f.key) for p in plugins for f in declared_fields(host, p) if not RAHASIA.search(f.key)}
    stored = await get_values(list(keys))
    result: dict[str, dict] = {}
    for full, value in sorted(stored.items()):
        plugin, key = keys[full]
        if value is not None:
            result.setdefault(plugin, {})[key] = value
    return result


async def _profil(balai, ke: Path) -> dict:
    profil = await balai.load_profile()
    data = {k: profil[k] for k in PROFIL if profil.get(k) not in (None, "")}
    if profil.get("logo"):
        from core.files import stored_path

        path = stored_path(balai.settings.data_dir, "logo", profil["logo"])
        if path is not None:
            data["logo"] = f"logo{path.suffix}"
            shutil.copyfile(path, ke / data["logo"])
    rows = await Perangkat.select().where(Perangkat.aktif == True).order_by(Perangkat.urutan).order_by(  # noqa: E712
        Perangkat.id).run()
    jabatan = {r["id"]: r["jabatan"] for r in rows}
    perangkat = []
    for r in rows:
        item = {k: r[k] for k in ("nama", "jabatan", "nip", "nomor_staf") if r[k]}
        item.update(boleh_tanda_tangan=bool(r["boleh_tanda_tangan"]), cara_tanda_tangan=r["cara_tanda_tangan"],
                    urutan=r["urutan"])
        for k in ("masa_mulai", "masa_selesai"):
            if r[k]:
                item[k] = r[k].isoformat()
        if r["atasan"] in jabatan:
            item["atasan"] = jabatan[r["atasan"]]
        perangkat.append(item)
    return {"profil": data, "perangkat": perangkat}


async def _wilayah() -> str:
    aktif = Wilayah.aktif == True  # noqa: E712
    rows = await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.induk).where(aktif).order_by(Wilayah.id).run()
    by_id = {r["id"]: r for r in rows}
    induk = {r["induk"] for r in rows if r["induk"]}
    lines = ["jorong,rw,rt"]
    for r in rows:
        if r["id"] in induk:
            continue
        path, at = [], r
        while at is not None:
            path.insert(0, at["nama"])
            at = by_id.get(at["induk"]) if at["induk"] else None
        path = (path + ["", ""])[:3]
        lines.append(",".join(json.dumps(p, ensure_ascii=False) if ("," in p or '"' in p) else p for p in path))
    return "\n".join(lines) + "\n"


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
    profil = await _profil(balai, ke)
    jumlah = await Penduduk.count().where(Penduduk.status_dasar == 1).run()
    hari_ini = waktu.today(balai.profile())
    preset = {
        "preset": {"nama": nama, "judul": f"Konfigurasi {profil['profil'].get('nama', nama)}", "versi": "1",
                   "deskripsi": f"Diekspor dengan `balai preset export` pada {hari_ini.isoformat()}.",
                   "balai": _rentang(), "plugins": enabled},
        "pengaturan": await _pengaturan(balai.host, enabled),
        "latihan": {"peserta": 10, "sandi": SANDI_LATIHAN, "peran": "operator"},
        "penduduk": {"jumlah": jumlah, "benih": 1, "sejak": hari_ini.replace(year=hari_ini.year - 5, month=1, day=1)},
    }
    (ke / "preset.toml").write_text(tulis_toml(preset, "Preset diekspor dari konfigurasi nagari (tanpa data "
                                                       "penduduk, kunci, rahasia atau kata sandi)."), "utf-8")
    (ke / "profil.toml").write_text(tulis_toml(profil), "utf-8")
    (ke / "wilayah.csv").write_text(await _wilayah(), "utf-8")
    pengguna = {"peran": await _peran(),
                "pengguna": [{"username": "admin", "nama": "Administrator", "peran": "administrator"}]}
    (ke / "pengguna.toml").write_text(tulis_toml(pengguna, "Akun tidak ikut diekspor: satu administrator dengan "
                                                           "kata sandi latihan.sandi."), "utf-8")
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


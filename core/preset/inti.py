"""The kernel's sections of a preset: profile and officials, regions, residents, roles and users.

`periksa` checks everything these sections will write before the engine touches the database; the `terapkan_*`
functions then write, each inside the engine's transaction for that section.
"""

from __future__ import annotations

import json

from core.audit.log import log_change
from core.identity.passwords import hash_password, password_problem
from core.identity.permissions import BUILTIN_ROLES, all_permissions
from core.identity.users import USERNAME
from core.penduduk.tables import Wilayah
from core.preset.berkas import Preset, PresetError
from core.preset.penduduk import isi
from core.profil.perangkat import PerangkatError, clean_perangkat
from core.profil.profile import TERMS, ProfileError, clean_profile
from core.tables import Peran, Pengguna, Perangkat

BAWAAN = {kode for kode, *_ in BUILTIN_ROLES}
# A profile without a code (an exported configuration) carries only the nagari's terms: its identity is filled by
# the office that applies it, on the profile page.
STRUKTUR = (*TERMS, "zona_waktu", "tema")


def _struktur(preset: Preset) -> bool:
    return bool(preset.profil) and "kode" not in preset.profil


def _profil_form(preset: Preset) -> dict[str, str]:
    return {k: str(v) for k, v in preset.profil.items() if k not in ("logo", "tema")}


def _perangkat_form(row: dict) -> dict[str, str]:
    form = {k: str(v) for k, v in row.items() if k not in ("boleh_tanda_tangan", "atasan", "urutan", "aktif")}
    form["boleh_tanda_tangan"] = "1" if row.get("boleh_tanda_tangan") else ""
    form["aktif"] = "" if row.get("aktif") is False else "1"
    if row.get("atasan"):
        form["atasan"] = "1"  # resolved by jabatan once every official is in
    return form


def periksa(host, preset: Preset) -> None:
    """Refuse (PresetError naming the file and the field) what the kernel's sections could not write."""
    if _struktur(preset):
        if extra := sorted(set(preset.profil) - set(STRUKTUR)):
            raise PresetError(f"profil.toml: tanpa 'kode' [profil] hanya berisi sebutan_*, zona_waktu dan tema, "
                              f"bukan {', '.join(extra)}.")
        if preset.profil.get("zona_waktu", "WIB") not in ("WIB", "WITA", "WIT"):
            raise PresetError("profil.toml: 'zona_waktu' harus WIB, WITA atau WIT.")
    elif preset.profil:
        try:
            clean_profile(_profil_form(preset))
        except ProfileError as exc:
            raise PresetError(f"profil.toml: {'; '.join(f'{k}: {v}' for k, v in exc.errors.items())}") from None
    if logo := preset.profil.get("logo"):
        from core.files import image_kind

        if image_kind((preset.folder / str(logo)).read_bytes()) is None:
            raise PresetError(f"profil.toml: 'profil.logo' ({logo}) bukan gambar PNG, JPEG atau WebP.")
    jabatan = {str(row.get("jabatan", "")) for row in preset.perangkat}
    for i, row in enumerate(preset.perangkat, start=1):
        try:
            clean_perangkat(_perangkat_form(row))
        except PerangkatError as exc:
            raise PresetError(f"profil.toml [[perangkat]] ke-{i}: {exc}") from None
        if row.get("atasan") and row["atasan"] not in jabatan:
            raise PresetError(f"profil.toml [[perangkat]] ke-{i}: atasan {row['atasan']!r} bukan jabatan perangkat.")
    izin = set(all_permissions(host))
    peran = BAWAAN | {p["kode"] for p in preset.peran}
    for p in preset.peran:
        if unknown := sorted(set(p.get("izin", [])) - izin):
            raise PresetError(f"pengguna.toml: peran {p['kode']!r} memakai izin yang tidak dikenal: "
                              f"{', '.join(unknown)}.")
    usernames = [u["username"] for u in preset.pengguna] + preset.nama_peserta
    if len(set(usernames)) != len(usernames):
        raise PresetError("pengguna.toml: nama pengguna kembar (peserta01.. dibuat dari latihan.peserta).")
    for u in preset.pengguna:
        if not USERNAME.match(u["username"]):
            raise PresetError(f"pengguna.toml: nama pengguna {u['username']!r}: 2-64 huruf kecil, angka, titik atau "
                              "garis bawah.")
        if u["peran"] not in peran:
            raise PresetError(f"pengguna.toml: pengguna {u['username']!r} memakai peran yang tidak ada: "
                              f"{u['peran']!r}.")
        if problem := password_problem(str(u.get("sandi") or preset.sandi), u["username"]):
            raise PresetError(f"pengguna.toml: kata sandi pengguna {u['username']!r} (atau latihan.sandi): {problem}")
    if preset.peserta:
        if preset.peran_peserta not in peran:
            raise PresetError(f"preset.toml: 'latihan.peran' bukan peran yang ada: {preset.peran_peserta!r}.")
        if problem := password_problem(preset.sandi, "peserta01"):
            raise PresetError(f"preset.toml: 'latihan.sandi': {problem}")


async def terapkan_profil(balai, preset: Preset) -> None:
    """The nagari profile (with its logo) and the officials with their signing rights."""
    if _struktur(preset):
        await balai.load_profile()
        await balai.save_profile({k: str(preset.profil[k]) for k in STRUKTUR if k in preset.profil})
    elif preset.profil:
        from core.files import save_image

        data = clean_profile(_profil_form(preset))
        if "tema" in preset.profil:
            data["tema"] = str(preset.profil["tema"])
        if logo := preset.profil.get("logo"):
            data["logo"] = save_image(balai.settings.data_dir, "logo", (preset.folder / str(logo)).read_bytes())
        await balai.load_profile()
        await balai.save_profile(data)
    ids: dict[str, int] = {}
    for i, row in enumerate(preset.perangkat, start=1):
        data = clean_perangkat(_perangkat_form(row))
        data["atasan"] = None
        rows = await Perangkat.insert(Perangkat(**data, urutan=int(row.get("urutan", i)))).returning(
            Perangkat.id).run()
        ids.setdefault(str(row["jabatan"]), rows[0]["id"])
    for row in preset.perangkat:
        if row.get("atasan"):
            await Perangkat.update({Perangkat.atasan: ids[row["atasan"]]}).where(
                Perangkat.id == ids[str(row["jabatan"])]).run()


async def terapkan_wilayah(preset: Preset, sebutan_dusun: str) -> list[tuple[int, str]]:
    """Jorong, RW and RT in the file's order; returns the lowest regions with their address line."""
    ids: dict[tuple[str, ...], int] = {}
    anak: set[tuple[str, ...]] = set()

    async def tambah(kunci: tuple[str, ...], induk: int | None) -> int:
        if kunci not in ids:
            rows = await Wilayah.insert(Wilayah(nama=kunci[-1], tingkat=len(kunci), induk=induk)).returning(
                Wilayah.id).run()
            ids[kunci] = rows[0]["id"]
        return ids[kunci]

    for jorong, rw, rt in preset.wilayah:
        induk = await tambah((jorong,), None)
        if rw:
            anak.add((jorong,))
            induk = await tambah((jorong, rw), induk)
        if rt:
            anak.add((jorong, rw))
            await tambah((jorong, rw, rt), induk)
    tempat = []
    for kunci, wid in ids.items():
        if kunci in anak:
            continue
        alamat = f"{sebutan_dusun} {kunci[0]}"
        if len(kunci) == 3:
            alamat = f"RT {kunci[2]}/RW {kunci[1]}, {alamat}"
        elif len(kunci) == 2:
            alamat = f"RW {kunci[1]}, {alamat}"
        tempat.append((wid, alamat))
    return tempat


async def terapkan_penduduk(preset: Preset, tempat: list[tuple[int, str]], hari_ini, kode: str) -> int:
    if not preset.jumlah or not tempat:
        return 0
    region = kode[:6] if len(kode) == 10 and kode.isdigit() else "130705"
    return await isi(preset.jumlah, preset.benih, tempat, today=hari_ini, sejak=preset.sejak, region=region,
                     oleh=preset.nama)


async def terapkan_pengguna(preset: Preset, wajib_ganti: bool = False) -> dict[str, int]:
    """Roles with their permissions, the staff accounts, then the trainees (peserta01, ...); returns username ->
    id of every account made. `wajib_ganti`: every account must change its password at the first login."""
    for p in preset.peran:
        nilai = {"nama": p["nama"], "keterangan": str(p.get("keterangan", "")), "izin": json.dumps(sorted(p.get(
            "izin", []))), "semua_izin": bool(p.get("semua_izin", False))}
        if not await Peran.exists().where(Peran.kode == p["kode"]).run():
            await Peran.insert(Peran(kode=p["kode"], bawaan=False, **nilai)).run()
        else:
            await Peran.update({getattr(Peran, k): v for k, v in nilai.items()}).where(Peran.kode == p["kode"]).run()
    peran = {r["kode"]: r["id"] for r in await Peran.select(Peran.id, Peran.kode).run()}
    hashes: dict[str, str] = {}  # one hash per password (a room shares one): argon2 costs ~0.3 s a hash
    baris = [(u["username"], u["nama"], u["peran"], str(u.get("sandi") or preset.sandi)) for u in preset.pengguna]
    baris += [(n, f"Peserta {i:02d}", preset.peran_peserta, preset.sandi)
              for i, n in enumerate(preset.nama_peserta, start=1)]
    dibuat: dict[str, int] = {}
    for username, nama, kode, sandi in baris:
        if sandi not in hashes:
            hashes[sandi] = hash_password(sandi)
        rows = await Pengguna.insert(Pengguna(username=username, nama=nama, peran=peran[kode],
                                              password_hash=hashes[sandi],
                                              wajib_ganti_sandi=wajib_ganti)).returning(Pengguna.id).run()
        dibuat[username] = rows[0]["id"]
        await log_change(None, "buat", "pengguna", rows[0]["id"], {"username": username, "peran": peran[kode]})
    return dibuat

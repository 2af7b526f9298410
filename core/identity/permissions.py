"""Permissions and roles.

The kernel declares its own permissions here; plugins declare theirs in their
metadata (or the `balai_permissions` hook). A permission names the built-in roles
that receive it by default; that grant happens once, when the permission is first
seen, so an operator's later edits to a role are never undone.
"""

from __future__ import annotations

import json
import logging

from core.db.transaction import write_transaction
from core.plugin_host.host import PluginHost
from core.plugin_host.settings import get_value, set_values
from core.plugin_host.types import Permission
from core.tables import Peran

CORE_PERMISSIONS = (
    Permission("penduduk.lihat", "Melihat data penduduk dan keluarga", roles=("operator", "wali_nagari")),
    Permission("penduduk.ubah", "Mencatat dan mengubah data penduduk", roles=("operator",)),
    Permission("penduduk.dokumen", "Melihat, mengunggah dan menghapus foto dan dokumen penduduk (KTP, KK, akta)",
               roles=("operator",)),
    Permission("warga.pin", "Memberi dan mengatur ulang PIN layanan mandiri warga", roles=("operator",)),
    Permission("pengguna.kelola", "Mengelola pengguna dan peran"),
    Permission("audit.lihat", "Membaca log audit"),
    Permission("profil.ubah", "Mengubah profil nagari dan perangkat"),
    Permission("plugin.kelola", "Mengaktifkan, menonaktifkan dan mengatur plugin"),
    Permission("cadangan.kelola", "Membuat, mengunduh dan menjadwalkan cadangan seluruh data"),
)

BUILTIN_ROLES = (
    ("administrator", "Administrator", "Semua izin, termasuk izin plugin yang dipasang kemudian.", True),
    ("operator", "Operator", "Petugas pelayanan: mencatat penduduk dan menyiapkan surat.", False),
    ("wali_nagari", "Wali Nagari", "Menyetujui dan menandatangani surat.", False),
    ("redaksi", "Redaksi", "Mengelola isi situs web publik.", False),
    ("kaur_keuangan", "Kaur Keuangan", "Mengisi APB Desa dan realisasinya, mengimpor data Siskeudes.", False),
    ("ppid", "PPID Desa", "Mengelola informasi publik dan menjawab permohonan informasi warga.", False),
)
KNOWN_KEY = "_izin.dikenal"
log = logging.getLogger("balai.izin")


def all_permissions(host: PluginHost) -> dict[str, Permission]:
    """Every permission: the kernel's, then each loaded plugin's (metadata and hook)."""
    found = {p.code: p for p in CORE_PERMISSIONS}
    for record in host.loaded():
        for perm in record.meta.permissions:
            found.setdefault(perm.code, perm)
    for plugin, perm in host.collect("balai_permissions"):
        if not perm.code.startswith(plugin + "."):
            log.error("plugin %s: izin %r harus diawali '%s.'; diabaikan", plugin, perm.code, plugin)
            continue
        found.setdefault(perm.code, perm)
    return found


async def seed_roles(host: PluginHost) -> None:
    """Create the built-in roles, and grant newly seen permissions to their default roles."""
    async with write_transaction():
        existing = {r["kode"]: r for r in await Peran.select().run()}
        for kode, nama, keterangan, semua in BUILTIN_ROLES:
            if kode not in existing:
                await Peran.insert(Peran(kode=kode, nama=nama, keterangan=keterangan, semua_izin=semua,
                                         bawaan=True, izin="[]")).run()
        known = set(await get_value(KNOWN_KEY, []) or [])
        perms = all_permissions(host)
        new = [p for code, p in perms.items() if code not in known]
        if not new:
            return
        roles = {r["kode"]: r for r in await Peran.select().run()}
        for role_code, role in roles.items():
            grant = {p.code for p in new if role_code in p.roles}
            if grant:
                current = set(json.loads(role["izin"]))
                await Peran.update({Peran.izin: json.dumps(sorted(current | grant))}).where(
                    Peran.id == role["id"]).run()
        await set_values({KNOWN_KEY: sorted(known | set(perms))})


async def role_id(kode: str) -> int:
    row = await Peran.select(Peran.id).where(Peran.kode == kode).first().run()
    if row is None:
        raise ValueError(f"Peran {kode!r} tidak ada.")
    return row["id"]

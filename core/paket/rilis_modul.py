"""The nagari's own modules, carried into the new version's venv.

A module installed with `balai plugins install` lives in the venv of the version that installed it; the new version
gets a venv of its own, so the module's approved wheels (kept in the data folder by that install, with their
sha256 in its record) are installed there too, offline and hash-pinned, enabled or not. An enabled plugin that
cannot be carried (installed by hand, its wheel gone or changed, or its recorded core range leaving out the new
version) stops the upgrade before anything is changed: the new version would otherwise start without it. A disabled
one that cannot is named in the report and left behind.
"""

from __future__ import annotations

from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

from core.paket.indeks import sha256_berkas
from core.paket.pasang import KEPT
from core.paket.rilis import Bundel, RilisError


def _wheels(record: dict) -> dict[str, str]:
    return dict(record.get("roda") or ({record["berkas"]: record["sha256"]} if record.get("berkas") else {}))


async def modul_dibawa(balai, bundel: Bundel, lapor=print) -> dict[Path, str]:
    """Wheel path -> sha256 of every module to install beside the bundle, enabled or not. RilisError listing each
    enabled one that cannot come along; a disabled one that cannot is named through `lapor` and left behind."""
    from core.paket.catatan import semua
    from core.plugin_host.state import stored_enabled

    enabled = await stored_enabled()
    records = {canonicalize_name(name): record for name, record in (await semua()).items()}
    in_bundle = {canonicalize_name(e.nama) for e in bundel.entri}
    folder = Path(balai.settings.data_dir) / KEPT
    found: dict[Path, str] = {}
    problems, left = [], []
    for plugin in sorted(balai.host.records.values(), key=lambda r: r.name):
        dist = plugin.distribution or ""
        if plugin.builtin or canonicalize_name(dist or plugin.name) in in_bundle:
            continue
        record = (records.get(canonicalize_name(dist)) if dist else None) or {}
        wheels, why = _carry(plugin, dist, record, folder, bundel)
        if not why:
            found.update(wheels)
        elif plugin.name in enabled:
            problems.append(why)
        else:
            left.append(why)
    if problems:
        raise RilisError(f"Pembaruan ke Balai {bundel.versi} ditolak: modul aktif berikut tidak bisa dibawa ke versi "
                         "baru.\n- " + "\n- ".join(problems) + "\nTidak ada yang diubah.")
    if left:
        lapor("Modul NONAKTIF berikut TIDAK ikut ke versi baru (datanya tetap di basis data; pasang ulang dari "
              "flashdisk bila diperlukan lagi):\n- " + "\n- ".join(left))
    return found


def _carry(plugin, dist: str, record: dict, folder: Path, bundel: Bundel) -> tuple[dict[Path, str], str]:
    """The plugin's kept wheels, or why it cannot come along."""
    wheels = _wheels(record)
    if not wheels:
        return {}, (f"plugin {plugin.name} ({dist or 'tanpa distribusi'}) tidak dipasang dengan `balai plugins "
                    "install`, jadi wheel-nya tidak tersimpan; pasang ulang dengan perintah itu, atau nonaktifkan "
                    f"dulu (`balai plugins disable {plugin.name}`)")
    found = {}
    for name, digest in wheels.items():
        path = folder / name
        if not path.is_file() or sha256_berkas(path) != str(digest).lower():
            return {}, (f"wheel {name} milik plugin {plugin.name} tidak ada atau berubah di {folder}; pasang ulang "
                        "modul itu dari flashdisk-nya")
        found[path] = str(digest).lower()
    if not _supports(record.get("core", ""), bundel):
        return {}, (f"plugin {plugin.name} {record.get('versi', '')} hanya mendukung Balai {record['core']}; minta "
                    "versi modul yang mendukung Balai baru, atau nonaktifkan dulu")
    return found, ""


def _supports(spec: str, bundel: Bundel) -> bool:
    if not spec:
        return True
    try:
        return SpecifierSet(spec).contains(bundel.versi, prereleases=True)
    except InvalidSpecifier:
        return True  # the plugin host judges it when the new version loads it

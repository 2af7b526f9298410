"""Applying a preset: check everything first, empty the training room, then build the nagari section by section.

Every refusal (a broken preset, an option the preset cannot take, an installation that is not new nor a training
room) comes before the first write. The kernel's sections (profile and officials, regions, residents, users) come
first, then the sections of the plugins the preset enables, in `urutan` order, each in its own write transaction.
A training room is marked as soon as it is emptied, so a preset whose section failed can simply be applied again;
the message then says the room is incomplete. `nagari_baru` applies the configuration only, to a real nagari's new
installation: no synthetic resident, no trainee, one administrator with a random password, and no mark.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from packaging.specifiers import SpecifierSet

from core.db.migrations import migrate_forwards
from core.db.transaction import write_transaction
from core.plugin_host import state
from core.plugin_host.settings import declared_fields, set_values
from core.preset import inti, ruang
from core.preset.berkas import Preset, PresetError
from core.preset.jenis import BagianPreset, KonteksPreset
from core.preset.permintaan import PermintaanPreset
from core.profil import waktu
from core.tables import PluginState


@dataclass
class Hasil:
    """What applying a preset did: residents made, accounts made, seconds per step, progress lines."""

    penduduk: int = 0
    pengguna: dict[str, int] = field(default_factory=dict)
    langkah: list[tuple[str, float]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    dilewati: list[str] = field(default_factory=list)  # section folders of plugins the preset leaves disabled
    sandi_admin: str = ""  # with `nagari_baru`: the administrator's random password, shown once


def bagian_plugin(host, only: set[str] | None = None) -> dict[str, tuple[str, BagianPreset]]:
    """Section name -> (plugin, section) offered through `balai_preset_bagian` by the loaded plugins."""
    found: dict[str, tuple[str, BagianPreset]] = {}
    for plugin, bagian in host.collect("balai_preset_bagian", only=only):
        if isinstance(bagian, BagianPreset):
            found.setdefault(bagian.nama, (plugin, bagian))
    return found


def _pengaturan(host, preset: Preset) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for plugin, isian in preset.pengaturan.items():
        if plugin not in preset.plugins:
            raise PresetError(f"preset.toml: [pengaturan.{plugin}] untuk plugin yang tidak ada di 'preset.plugins'.")
        fields = {f.key: f for f in declared_fields(host, plugin)}
        for key, value in isian.items():
            if key not in fields:
                raise PresetError(f"preset.toml: pengaturan '{plugin}.{key}' tidak dikenal plugin {plugin}.")
            raw = ("1" if value else "") if isinstance(value, bool) else str(value)
            try:
                values[f"{plugin}.{key}"] = fields[key].parse(raw)
            except ValueError as exc:
                raise PresetError(f"preset.toml: pengaturan '{plugin}.{key}': {exc}") from None
    return values


def periksa(host, preset: Preset, lewati: frozenset[str] = frozenset()) -> tuple[list, dict[str, Any], list[str]]:
    """Everything that would stop the preset, raised as PresetError before anything is written. Returns the plugin
    sections to apply ((section, folder) in order), the plugin settings and the skipped section folders."""
    if preset.balai and not SpecifierSet(preset.balai).contains(host.core_version, prereleases=True):
        raise PresetError(f"Preset {preset.nama!r} butuh Balai {preset.balai}, yang terpasang {host.core_version}.")
    for name in preset.plugins:
        record = host.get(name)
        if record is None:
            raise PresetError(f"Preset memakai plugin {name!r}, yang tidak terpasang di sini.")
        if not record.loaded:
            raise PresetError(f"Preset memakai plugin {name!r}, yang gagal dimuat: {record.error}")
        if missing := [d for d in record.depends if d not in preset.plugins]:
            raise PresetError(f"Plugin {name!r} butuh {', '.join(missing)}: tambahkan ke 'preset.plugins'.")
    sections = bagian_plugin(host)
    todo, skipped = [], []
    for folder in preset.bagian():
        if folder not in sections:
            if host.get(folder) is None:
                raise PresetError(f"Bagian preset {folder!r} milik plugin yang tidak terpasang di sini.")
            raise PresetError(f"Bagian preset {folder!r}: plugin {folder!r} tidak menyediakan bagian preset itu.")
        plugin, bagian = sections[folder]
        if plugin not in preset.plugins or folder in lewati:
            skipped.append(folder)
            continue
        todo.append((bagian, preset.folder / folder))
    todo.sort(key=lambda item: (item[0].urutan, item[0].nama))
    settings = _pengaturan(host, preset)
    inti.periksa(host, preset)
    return todo, settings, skipped


async def _aktifkan(balai, preset: Preset, settings: dict[str, Any]) -> None:
    """Exactly the preset's plugins enabled (migrated), their settings stored, the installation marked. The kernel's
    tables first, then every plugin's state, then one migration pass: a plugin the preset leaves off is never
    migrated, and no app's migrations are looked at twice."""
    await migrate_forwards(balai.core_apps)
    wanted = set(preset.plugins)
    async with write_transaction():
        for record in balai.host.loaded():
            aktif = record.name in wanted
            updated = await PluginState.update({PluginState.aktif: aktif}).where(
                PluginState.nama == record.name).returning(PluginState.id).run()
            if not updated:
                await PluginState.insert(PluginState(nama=record.name, aktif=aktif)).run()
        await set_values({**settings, ruang.KUNCI_LATIHAN: True,
                          ruang.KUNCI_PRESET: {"nama": preset.nama, "versi": preset.versi, "benih": preset.benih,
                                               "penduduk": preset.jumlah,
                                               "tanggal": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"}})
        await state.bump_version()
    await balai.migrate()
    balai.enabled.version = -1
    await balai.enabled_names()


def _untuk_kantor(preset: Preset, nagari_baru: bool) -> tuple[Preset, str]:
    """The options checked against the preset; with `nagari_baru`, the preset reduced to its configuration and the
    administrator's random password."""
    if nagari_baru:
        if preset.minimum:
            raise PresetError(f"Preset {preset.nama!r} membuat data latihan yang butuh penduduk ('penduduk.minimum' = "
                              f"{preset.minimum}): --nagari-baru hanya untuk preset konfigurasi, mis. hasil "
                              f"`balai preset export`. {ruang.TIDAK_BERUBAH}")
        sandi = secrets.token_urlsafe(12)
        admin = {"username": "admin", "nama": "Administrator", "peran": "administrator", "sandi": sandi}
        return replace(preset, jumlah=0, peserta=0, pengguna=[admin]), sandi
    if preset.jumlah < preset.minimum:
        raise PresetError(f"Preset {preset.nama!r} butuh sedikitnya {preset.minimum} penduduk (bagian-bagiannya "
                          f"memakai penduduk): {preset.jumlah} terlalu sedikit. {ruang.TIDAK_BERUBAH}")
    return preset, ""


def _gagal(nama: str, exc: Exception, preset: Preset, nagari_baru: bool) -> PresetError:
    """A section failed after the room was emptied: say what, that the room is incomplete, and how to rebuild it."""
    if isinstance(exc, ValueError):  # a section's own refusal of its files: its message names the file and the row
        sebab = f"ditolak: {str(exc).rstrip('.')}"
    else:
        sebab = f"gagal: {type(exc).__name__}: {exc}"
    saran = " (bagian ini mungkin butuh penduduk: terapkan dengan --penduduk lebih dari 0)" if not preset.jumlah else ""
    ulang = f"balai preset apply {preset.folder}{' --nagari-baru' if nagari_baru else ''} --ya"
    return PresetError(f"Bagian {nama!r} {sebab}{saran}. Instalasi ini BELUM LENGKAP dan jangan dipakai: bagian "
                       f"sebelumnya sudah diterapkan, sisanya belum. Perbaiki penyebabnya lalu terapkan ulang "
                       f"dengan `{ulang}` (instalasi ini ditandai latihan sampai penerapan selesai).")


async def terapkan(balai, preset: Preset, lewati: frozenset[str] = frozenset(),
                   catat: Callable[[str], None] | None = None, nagari_baru: bool = False,
                   setuju: Callable[[dict], bool] | None = None) -> Hasil:
    """Apply `preset` to this installation (raises PresetError, with nothing changed, when it may not). Before a
    training room is emptied, `setuju` (when given) gets the mark ({"nama", "tanggal", ...} of the preset that made
    it) and must return True."""
    hasil = Hasil()
    sebelumnya = asyncio.all_tasks()
    preset, hasil.sandi_admin = _untuk_kantor(preset, nagari_baru)
    todo, settings, hasil.dilewati = periksa(balai.host, preset, lewati)
    try:
        tanda = await ruang.keterangan(balai)
        isi = await ruang.isi_kantor(balai)
    except Exception as exc:
        raise PresetError(f"Basis data tidak bisa dibaca ({type(exc).__name__}: {exc}). "
                          f"{ruang.TIDAK_BERUBAH}") from exc
    if isi and tanda is None:
        raise PresetError("Instalasi ini sudah berisi data (" + ", ".join(isi[:4]) + ("..." if len(isi) > 4 else "")
                          + ") dan bukan instalasi latihan: preset hanya diterapkan pada instalasi baru yang kosong "
                          "atau instalasi latihan. " + ruang.TIDAK_BERUBAH)
    if tanda is not None and setuju is not None and not setuju(tanda):
        raise PresetError("Dibatalkan: ruang latihan tidak dikosongkan. " + ruang.TIDAK_BERUBAH)
    mulai = time.perf_counter()

    def selesai(nama: str) -> None:
        nonlocal mulai
        now = time.perf_counter()
        hasil.langkah.append((nama, now - mulai))
        mulai = now
        if catat:
            catat(f"{nama}: {hasil.langkah[-1][1]:.1f} detik")

    if tanda is not None:
        await ruang.kosongkan(balai)
        selesai("mengosongkan ruang latihan")
    try:
        await _aktifkan(balai, preset, settings)
    except Exception as exc:
        raise _gagal("migrasi dan plugin", exc, preset, nagari_baru) from exc
    selesai("migrasi dan plugin")
    konteks = None

    async def inti_saja() -> None:
        nonlocal konteks
        async with write_transaction():
            await inti.terapkan_profil(balai, preset)
        profil = await balai.load_profile()
        hari_ini = waktu.today(profil)
        async with write_transaction():
            tempat = await inti.terapkan_wilayah(preset, profil.get("sebutan_dusun") or "Jorong")
        selesai("profil, perangkat dan wilayah")
        hasil.penduduk = await inti.terapkan_penduduk(preset, tempat, hari_ini, str(profil.get("kode", "")))
        selesai(f"penduduk ({hasil.penduduk})")
        async with write_transaction():
            hasil.pengguna = await inti.terapkan_pengguna(preset, wajib_ganti=nagari_baru)
        selesai("peran dan pengguna")
        konteks = KonteksPreset(request=PermintaanPreset(balai), hari_ini=hari_ini, benih=preset.benih,
                                folder=preset.folder, pengguna=dict(hasil.pengguna), peserta=preset.nama_peserta,
                                sandi_latihan=preset.sandi, catatan=hasil.catatan)

    try:
        await inti_saja()
    except Exception as exc:
        raise _gagal("inti (profil, perangkat, wilayah, penduduk, pengguna)", exc, preset, nagari_baru) from exc
    for bagian, folder in todo:
        try:
            async with write_transaction():
                await bagian.terapkan(konteks, Path(folder))
        except Exception as exc:
            raise _gagal(bagian.nama, exc, preset, nagari_baru) from exc
        selesai(f"bagian {bagian.judul or bagian.nama}")
    if nagari_baru:  # built whole: a real nagari from now on, which no preset may empty
        async with write_transaction():
            await set_values({ruang.KUNCI_LATIHAN: False})
    # what the sections started after their commits (a notification queued by an event) ends before the command
    # closes the database under it
    pending = asyncio.all_tasks() - sebelumnya - {asyncio.current_task()}
    if pending:
        await asyncio.wait(pending, timeout=30)
    return hasil

"""The office's backup routine: where backups go, the daily schedule, how many are kept, when to warn.

The schedule lives in the database like other operator settings. The backup is a periodic task like any plugin's
(`balai_jadwal`, registered with the kernel's own hook implementations): the worker starts the backup job once a day
at or after the chosen hour (a computer that was off at that hour catches up when it starts, once). Only files this
routine named are ever removed by retention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from core.cadangan import sandi
from core.cadangan.buat import LAST_KEY, make_backup
from core.hookspecs import hookimpl
from core.plugin_host.settings import get_value, get_values, set_values
from core.profil.waktu import zone
from core.cadangan.errors import CadanganError
from core.tugas import jadwal as periodic
from core.tugas.antrean import Job, JobContext, JobFailed

SCHEDULE_KEY = "_cadangan.jadwal"
JOB_KIND = "core.cadangan"
TASK = "core.cadangan.harian"
CLAIM_KEY = periodic.state_key(TASK)  # the day the scheduled run was claimed (a restore forgets it)
PERMISSION = "cadangan.kelola"
FOLDER = "cadangan"
NAME = re.compile(r"^cadangan-(?:[0-9A-Za-z.]+-)?(\d{8}-\d{6})(?:-(\d+))?\.balai$")


@dataclass(frozen=True)
class Jadwal:
    aktif: bool = True
    jam: str = "12:00"  # office hours: the computer is on (an office PC is off at night)
    simpan: int = 14
    batas_hari: int = 2

    @property
    def rule(self) -> str | None:
        """The periodic task's rule, None while switched off."""
        return f"harian {self.jam}" if self.aktif else None

    def due(self, now_local: datetime, claimed_day: str | None) -> bool:
        return self.rule is not None and periodic.due(self.rule, now_local, {"periode": claimed_day}) is not None


def parse_schedule(form: dict) -> Jadwal:
    """From the admin form; ValueError with the reason (nothing is saved then)."""
    jam = (form.get("jam") or "").strip()
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", jam):
        raise ValueError("Jam cadangan harus berbentuk JJ:MM, mis. 12:00.")
    try:
        simpan, batas = int(form.get("simpan", "")), int(form.get("batas_hari", ""))
    except ValueError:
        raise ValueError("Jumlah cadangan yang disimpan dan batas hari harus berupa angka.") from None
    if not 1 <= simpan <= 365:
        raise ValueError("Jumlah cadangan yang disimpan harus antara 1 dan 365.")
    if not 1 <= batas <= 60:
        raise ValueError("Batas umur cadangan harus antara 1 dan 60 hari.")
    return Jadwal(aktif=form.get("aktif") in ("1", "on", "ya"), jam=jam, simpan=simpan, batas_hari=batas)


def _jadwal(stored: dict | None) -> Jadwal:
    return Jadwal(**{k: v for k, v in (stored or {}).items() if k in Jadwal.__dataclass_fields__})


async def schedule() -> Jadwal:
    return _jadwal(await get_value(SCHEDULE_KEY))


async def save_schedule(jadwal: Jadwal) -> None:
    await set_values({SCHEDULE_KEY: jadwal.__dict__})


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def file_name(profile: dict, now: datetime, taken: Path | None = None) -> str:
    """`cadangan-<kode>-<date>-<time>.balai`, with `-2`, `-3` ... when that second is taken in `taken`."""
    kode = re.sub(r"[^0-9A-Za-z.]", "", profile.get("kode", ""))
    stem = f"cadangan-{kode + '-' if kode else ''}{now.strftime('%Y%m%d-%H%M%S')}"
    name, n = f"{stem}.balai", 1
    while taken is not None and (taken / name).exists():
        n += 1
        name = f"{stem}-{n}.balai"
    return name


def _age_key(name: str) -> tuple[str, int]:
    match = NAME.match(name)
    return match.group(1), int(match.group(2) or 1)


def listing(data_dir: Path) -> list[dict]:
    """Backups in the office's folder, newest first."""
    base = folder(data_dir)
    files = [p for p in base.iterdir() if p.is_file() and NAME.match(p.name)] if base.is_dir() else []
    files.sort(key=lambda p: _age_key(p.name), reverse=True)
    rows = [{"nama": p.name, "ukuran": p.stat().st_size, "disandikan": sandi.is_encrypted(p),
             "waktu": datetime.fromtimestamp(p.stat().st_mtime, timezone.utc)} for p in files]
    return rows


def prune(data_dir: Path, keep: int) -> list[str]:
    """Remove the oldest backups in the office folder beyond `keep`; return their names.

    Only files named like `cadangan-<kode>-<date>-<time>.balai` count: the schedule's, the page's, and those of
    `balai backup` without a file name. Anything else in the folder is never touched."""
    removed = [row["nama"] for row in listing(data_dir)[keep:]]
    for name in removed:
        (folder(data_dir) / name).unlink(missing_ok=True)
    return removed


async def backup_now(balai, ctx: JobContext | None = None, source: str = "jadwal", user: dict | None = None) -> dict:
    """One backup into the office folder, sealed with the office key when one is set, then retention."""
    profile = await balai.load_profile()
    base = folder(balai.settings.data_dir)
    target = base / file_name(profile, datetime.now(zone(profile)[1]), base)
    progress = ctx.progress if ctx is not None else None
    try:
        info = await make_backup(balai, target, sandi.office_key(balai.settings.data_dir), progress, source, user)
    except CadanganError as exc:
        raise JobFailed(str(exc)) from None
    except OSError as exc:
        raise JobFailed(f"Berkas cadangan tidak bisa ditulis: {exc.strerror or exc}.") from None
    info["dihapus"] = prune(balai.settings.data_dir, (await schedule()).simpan)
    return info


async def _run_job(ctx: JobContext, sumber: str = "manual", pengguna: dict | None = None) -> dict:
    info = await backup_now(ctx._balai, ctx, sumber, pengguna)
    return {"tautan": "/admin/cadangan", **{k: info[k] for k in ("berkas", "ukuran", "disandikan")}}


async def _rule() -> str | None:
    return (await schedule()).rule


async def _start(ctx: periodic.JadwalContext) -> str:
    return await ctx.start_job(JOB_KIND, "Cadangan harian", {"sumber": "jadwal"}, PERMISSION)


DAILY = periodic.Jadwal(TASK, _start, setiap=_rule, judul="Cadangan harian")


@hookimpl
def balai_jobs():
    return [Job(JOB_KIND, _run_job)]


@hookimpl
def balai_jadwal():
    return [DAILY]


async def warning(profile: dict) -> str:
    """The dashboard's warning when the last backup is older than the limit (or there is none); else ''."""
    return (await last_and_warning(profile))[1]


async def last_and_warning(profile: dict) -> tuple[dict | None, str]:
    """The last backup (as stored, or None) and `warning`'s text, from one query: the dashboard asks on every
    view, for its own warning and for the system card."""
    stored = await get_values([SCHEDULE_KEY, LAST_KEY])
    return stored.get(LAST_KEY), _warning_text(_jadwal(stored.get(SCHEDULE_KEY)), stored.get(LAST_KEY))


def _warning_text(jadwal: Jadwal, last: dict | None) -> str:
    if last is None:
        return "Belum pernah ada cadangan data. Buat cadangan sekarang dan simpan salinannya di luar kantor."
    age = datetime.now(timezone.utc) - datetime.fromisoformat(last["waktu"])
    if age > timedelta(days=jadwal.batas_hari):
        return (f"Cadangan terakhir dibuat {age.days} hari lalu (batas {jadwal.batas_hari} hari). "
                "Periksa apakah komputer kantor menyala pada jam cadangan, atau buat cadangan sekarang.")
    return ""


async def start_if_due(balai) -> str | None:
    """What the worker's scheduler does for this task: queue the day's backup when it is due; return the job's code."""
    now = datetime.now(zone(await balai.load_profile())[1])
    claimed, before = await periodic.claim(DAILY, now)
    if not claimed:
        return None
    return await _start(periodic.JadwalContext(TASK, balai, now, None, now.date()))

"""Child processes end with the process that started them.

`balai serve` starts the background worker, uvicorn's worker processes (with `--workers N`) and, in each web
process, a pool of PDF renderers. When the parent ends, however it ends (SIGTERM, SIGHUP, a crash, even SIGKILL),
none of these may stay behind: an orphaned worker keeps taking jobs and a restart would run two.

`exit_with_parent` is called in the child. On Linux it asks the kernel for a signal when the parent dies
(`prctl(PR_SET_PDEATHSIG)`); everywhere a watchdog thread notices the parent pid changing (the child was handed
to init) and does the same, in case the kernel's signal is missing or came from a thread that has since ended.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_EVERY = 0.5  # seconds between the watchdog's looks at the parent pid
GRACE = 5.0  # seconds the child gets to stop its own children after the signal before it is ended outright


def _pdeathsig(signum: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def exit_with_parent(parent_pid: int | None = None, signum: int = signal.SIGTERM, kernel: bool = True) -> None:
    """End this process when `parent_pid` (by default the current parent) ends.

    The process gets `signum` (its handler may stop its own children first) and, if it is still alive
    `GRACE` seconds later, exits. With `kernel=False` only the watchdog is used: PR_SET_PDEATHSIG fires when the
    parent *thread* that started this process ends, so it is only right when that thread lives as long as the parent.
    """
    parent = parent_pid if parent_pid is not None else os.getppid()
    if kernel:
        _pdeathsig(signum)

    def orphaned() -> None:
        os.kill(os.getpid(), signum)
        time.sleep(GRACE)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the kernel was asked to tell us
        threading.Thread(target=orphaned, daemon=True).start()
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_EVERY)
        orphaned()

    threading.Thread(target=watch, name="awasi-induk", daemon=True).start()


def web_app():
    """uvicorn's app factory for `balai serve`: a web worker process started by uvicorn's own supervisor
    (`--workers N`) ends with that supervisor."""
    if multiprocessing.parent_process() is not None:
        exit_with_parent()
    from core.web.app import create_app

    return create_app()

"""pip run by Balai, deaf to the office PC's own pip settings, and pinned to the copies that were checked.

Shared by a module install (core.paket.pasang) and a Balai upgrade (core.paket.rilis_pasang): a PIP_FIND_LINKS or a
pip.conf `find-links` on that PC is ADDED to ours, so pip could take an unchecked wheel from there; PYTHON* could
point the new interpreter at other code.
"""

from __future__ import annotations

import os
from pathlib import Path

from packaging.utils import parse_wheel_filename


def lingkungan(**extra: str) -> dict:
    """os.environ without PIP_* and PYTHON*, with no pip config file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def requirements(wheels: dict[Path, str]) -> str:
    """Wheels pinned by version and sha256, for pip's --require-hashes: pip installs these copies or nothing."""
    lines = []
    for path, digest in sorted(wheels.items()):
        name, version, _, _ = parse_wheel_filename(Path(path).name)
        lines.append(f"{name}=={version} --hash=sha256:{digest}\n")
    return "".join(lines)

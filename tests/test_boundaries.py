"""Boundaries that reviewers rely on, checked by tools rather than goodwill."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    """core never imports plugins/themes/examples; those reach the kernel only via plugin_sdk;
    plugins meet only through each other's api and events modules."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


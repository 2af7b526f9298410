"""Database access for the kernel: engines, binding tables, migrations, write helpers."""

import os

# Piccolo's Finder reads this module; Balai fills it at run time (see core.piccolo_conf).
os.environ.setdefault("PICCOLO_CONF", "core.piccolo_conf")

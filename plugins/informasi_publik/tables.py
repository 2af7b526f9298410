"""Tables of `informasi_publik`, one module per part: regulations (tabel_hukum.py), public information and
requests (tabel_ppid.py), letter registers (tabel_agenda.py)."""

from plugins.informasi_publik import tabel_agenda, tabel_hukum, tabel_ppid

TABLES = [*tabel_hukum.TABLES, *tabel_ppid.TABLES, *tabel_agenda.TABLES]

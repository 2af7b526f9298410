"""Read access to the population register for plugins: plain dicts, code labels decoded.

Writes go through the kernel's journal only. Reading a person is a view: log it with
``plugin_sdk.log_view`` where your page shows it.

``PendudukTable`` is the kernel's resident table, for
``ForeignKey(references=PendudukTable, on_delete=OnDelete.restrict)`` in a plugin's tables
only; read residents through the functions.
"""

from core.penduduk.baca import by_nik, find, parents, resident, spouse
from core.penduduk.tables import Penduduk as PendudukTable

__all__ = ["PendudukTable", "by_nik", "find", "parents", "resident", "spouse"]

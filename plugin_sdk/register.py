"""Read access to the population register for plugins: plain dicts, code labels decoded.

Writes go through the kernel's journal only. Reading a person is a view: log it with
``plugin_sdk.log_view`` where your page shows it.

``PendudukTable`` is the kernel's resident table, for
``ForeignKey(references=PendudukTable, on_delete=OnDelete.restrict)`` in a plugin's tables
only; read residents through the functions.


Bulk loading (an import) also goes through the journal: ``bulk_load(Muatan(...), actor, day)``
creates places, families and residents with ``pendataan_awal`` entries and applies corrections
with ``koreksi`` entries, in one transaction.
"""

from core.penduduk import kode as _kode
from core.penduduk.baca import by_nik, find, parents, resident, spouse
from core.penduduk.massal import Muatan, by_nik as residents_by_nik, load as bulk_load, wilayah_rows
from core.penduduk.nik import check_kk, check_nik
from core.penduduk.tables import Penduduk as PendudukTable

code_labels = _kode.labels  # code_labels("agama") -> {1: "Islam", ...}
code_rows = _kode.rows      # the code list's rows as in ../reference/kode, e.g. status_kawin's dari_kode_4

#: The register's own fields, in the order a lossless export writes them.
FIELDS = tuple(c._meta.name for c in PendudukTable._meta.columns if c._meta.name not in ("id", "keluarga",
                                                                                       "rumah_tangga", "wilayah",
                                                                                       "nama_cari", "dibuat"))

__all__ = ["PendudukTable", "by_nik", "find", "parents", "resident", "spouse", "Muatan", "bulk_load",
           "residents_by_nik", "wilayah_rows", "check_nik", "check_kk", "code_labels", "code_rows", "FIELDS"]

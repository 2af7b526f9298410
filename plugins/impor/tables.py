"""What the OpenSID format carries that the register does not keep (yet): kept beside it for a faithful export."""

from piccolo.columns import ForeignKey, Text
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from plugin_sdk.register import PendudukTable


class DataOpenSID(Table, tablename="impor_opensid"):
    """Passport, KITAS, marriage and divorce dates, ethnic group, card tag, insurance number, coordinates."""

    penduduk = ForeignKey(references=PendudukTable, on_delete=OnDelete.restrict, unique=True, index=True)
    data = Text(default="{}")  # JSON: {opensid column: value}

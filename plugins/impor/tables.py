"""What the OpenSID format carries that the register does not keep (yet): kept beside it for a faithful export."""

from piccolo.columns import Text
from piccolo.table import Table

from plugin_sdk.register import resident_fk


class DataOpenSID(Table, tablename="impor_opensid"):
    """Passport, KITAS, marriage and divorce dates, ethnic group, card tag, insurance number, coordinates."""

    penduduk = resident_fk(unique=True, index=True)
    data = Text(default="{}")  # JSON: {opensid column: value}

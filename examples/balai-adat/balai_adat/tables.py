from piccolo.columns import Text, Varchar
from piccolo.table import Table


class Suku(Table, tablename="adat_suku"):
    """A matrilineal clan of the nagari, e.g. Piliang or Chaniago."""

    nama = Varchar(length=80, unique=True)
    penghulu = Varchar(length=120, default="")  # the clan head's title, e.g. "Datuak Bandaro"
    keterangan = Text(default="")

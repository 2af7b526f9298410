"""The `aset` plugin: the inventory of the nagari's assets by KIB class (Permendagri 1/2016) with their mutations
kept as history, and the books A.3 Inventaris dan Kekayaan Desa and A.5 Tanah Kas Desa."""

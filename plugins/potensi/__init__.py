"""The `potensi` plugin: the nagari's yearly profile and potential (land use, commodities, water, facilities,
roads, electricity and signal per jorong, economic institutions, tourism), along the lines of Prodeskel and the
Indeks Desa, with its history per year and a public page "Potensi Nagari"."""

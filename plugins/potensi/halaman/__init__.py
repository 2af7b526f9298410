"""The office's pages for the nagari's potential: the years and their themes (tahun.py), a theme's form (tema.py),
an indicator's history (indikator.py), what is published (terbit.py) and the photos (foto.py)."""

from plugins.potensi.halaman import foto, indikator, tahun, tema, terbit

# the fixed paths (terbit, foto, indikator/...) before the year's "{tahun}/{tema}"
ROUTES: list = [*terbit.ROUTES, *foto.ROUTES, *indikator.ROUTES, *tahun.ROUTES, *tema.ROUTES]

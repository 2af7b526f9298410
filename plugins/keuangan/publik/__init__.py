"""The public side of the budget: the APB Desa infographic, its drill-down, CSV and banner PDF, and the home block."""

from plugins.keuangan.publik import infografis

ROUTES: list = [*infografis.ROUTES]

"""(to be written)"""

ROUTES: list = []

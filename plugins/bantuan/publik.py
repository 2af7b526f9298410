"""(to be written: the public list of recipients, opt-in per program)"""

ROUTES: list = []


def menu_publik(request) -> list:
    return []

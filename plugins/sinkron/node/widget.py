"""Dashboard warning (being written)."""


def widgets(request) -> list:
    return []

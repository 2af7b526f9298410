"""Sending (being written)."""


def jadwal() -> list:
    return []

"""Books A.3 Buku Inventaris dan Kekayaan Desa and A.5 Buku Tanah Kas Desa for `buku_administrasi`."""


def books() -> list:
    return []

"""(to be written: recipients by program and jorong as a statistics category)"""


def kategori() -> list:
    return []

"""Shared steps of the import tests: upload and check a file, apply a report, export the register."""

import csv
import io
import re

from plugin_sdk.testing import post_form
from tests.test_impor import count, finish, upload

__all__ = ["apply", "check", "count", "export", "figures", "finish", "opensid_table", "upload"]


def check(client, balai, path) -> str:
    """Upload `path` and run its dry run; returns the report's URL."""
    return finish(client, balai, upload(client, path))["tautan"]


def apply(client, balai, report: str) -> dict:
    return finish(client, balai, post_form(client, report + "/terapkan", follow_redirects=False).headers["location"])


def export(client, balai, fmt: str) -> bytes:
    job = post_form(client, "/admin/ekspor", {"format": fmt}, follow_redirects=False).headers["location"]
    return client.get(finish(client, balai, job)["tautan"]).content


def opensid_table(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def figures(page: str) -> dict[str, int]:
    """The report's summary as the operator reads it: new, updated, unchanged, refused."""
    found = {"baru": r'id="jumlah-baru">([\d.]+)<', "diubah": r'id="diubah"><th>[^<]*</th><td>([\d.]+)<',
             "sama": r'id="sama"><th>[^<]*</th><td>([\d.]+)<', "ditolak": r'id="jumlah-ditolak">([\d.]+)<'}
    # Shown as the clerk reads them: 1.000 is a thousand.
    return {name: int(re.search(pattern, page).group(1).replace(".", "")) for name, pattern in found.items()}

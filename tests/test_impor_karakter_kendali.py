"""Control characters: dropped from every imported cell, and never in an export's XML (a strict parser rejects it)."""

import io
import zipfile
from xml.etree import ElementTree

import pytest

from core.penduduk.tables import Penduduk
from plugin_sdk.testing import post_form, run_sync
from plugins.impor.contoh import rows, write_csv, write_xlsx
from plugins.impor.opensid import text
from tests.test_impor import finish, upload


@pytest.mark.parametrize("raw, clean", [
    ("Siti\x0bAminah", "Siti Aminah"), (" A\x01ni\x7f\x00 ", "Ani"), ("Budi\x1fSantoso\x07", "Budi Santoso"),
    ("a\tb\n c", "a b c"), ("a\r\nb", "a b"), ("Yusni\ufffedar", "Yusnidar"), ("Ani\xa0Budi", "Ani\xa0Budi"),
    ("biasa", "biasa"), (12.0, "12"),
])
def test_text_drops_control_characters(raw, clean):
    assert text(raw) == clean


def strict_parts(content: bytes) -> dict[str, ElementTree.Element]:
    """Every XML part of an xlsx, parsed by a strict parser (a forbidden character raises)."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {name: ElementTree.fromstring(book.read(name)) for name in book.namelist()}


def cell_texts(content: bytes) -> set[str]:
    sheet = strict_parts(content)["xl/worksheets/sheet1.xml"]
    return {t.text for t in sheet.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t") if t.text}


def export_xlsx(client, balai) -> bytes:
    job = post_form(client, "/admin/ekspor", {"format": "opensid-xlsx"}, follow_redirects=False).headers["location"]
    return client.get(finish(client, balai, job)["tautan"]).content


def test_control_characters_are_dropped_on_import_and_exports_stay_valid_xml(admin_client, balai, tmp_path):
    data = rows(6, seed=8)
    data[0]["nama"] = "Siti\x0bAminah\x01"
    data[1]["nama_ayah"], data[1]["tempatlahir"] = "Ayah\x1f\x02 Rustam", "Ta\x00ram\x1b"
    data[2]["nama"], data[2]["nik"] = "Ditolak\x0b\x03 Saja", "12345"  # refused: the refused-rows workbook has it raw
    state = finish(admin_client, balai, upload(admin_client, write_csv(tmp_path / "kendali.csv", data)))
    refused_book = admin_client.get(state["tautan"] + "/ditolak.xlsx").content
    assert {"Ditolak  Saja", "12345"} <= cell_texts(refused_book)  # the raw cell, as read, minus what XML forbids
    finish(admin_client, balai, post_form(admin_client, state["tautan"] + "/terapkan",
                                          follow_redirects=False).headers["location"])
    stored = {p["nik"]: p for p in run_sync(Penduduk.select().run())}
    assert stored[data[0]["nik"]]["nama"] == "Siti Aminah"
    assert (stored[data[1]["nik"]]["nama_ayah"], stored[data[1]["nik"]]["tempat_lahir"]) == ("Ayah Rustam", "Taram")
    assert {"Siti Aminah", "Ayah Rustam"} <= cell_texts(export_xlsx(admin_client, balai))


def test_a_control_character_already_in_the_register_exports_to_valid_xlsx(admin_client, balai, tmp_path):
    data = rows(4, seed=6)
    book = write_xlsx(tmp_path / "bersih.xlsx", data)
    state = finish(admin_client, balai, upload(admin_client, book))
    finish(admin_client, balai, post_form(admin_client, state["tautan"] + "/terapkan",
                                          follow_redirects=False).headers["location"])
    # Written past the import (an older version, a plugin, a hand edit): the export must still open.
    run_sync(Penduduk.update({Penduduk.nama: "Budi\x0bSantoso\x07", Penduduk.alamat: "Jorong\x1b Koto\x0c Tuo"}).where(
        Penduduk.nik == data[0]["nik"]).run())
    texts = cell_texts(export_xlsx(admin_client, balai))
    assert {"Budi Santoso", "Jorong Koto  Tuo"} <= texts, texts

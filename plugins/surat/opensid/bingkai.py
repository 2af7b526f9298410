"""OpenSID's letter frame, taken out of an imported template: Balai's layout prints it itself.

Every OpenSID template carries its own title (``<h4>[JUdul_surat]</h4>``), number line (``Nomor : [Format_nomor_suraT]``),
signature table (place and date, ``[Atas_namA]``, ``[Nama_pamonG]``, ``[SEbutan_nip_desa] : [nip_pamong]``) and QR
(``[qr_code]``). Balai's layout (core/dokumen/tata_letak/surat.html) prints the letterhead, title, number,
signature block and signed QR around the body, so these would print twice:

- a paragraph, heading or division holding nothing but such codes (and words like "Nomor", punctuation) goes;
- the innermost table holding a signature code (``atas_nama``, ``nip_pamong`` ...) or both the signatory's name and
  the letter's date goes whole; whatever else it held (a "Pemegang Surat" column, a camat's "Mengetahui") is named
  in the report, since it goes with it.

Codes of the frame used inside the letter's own sentences ("... di bawah ini [JaBatan] [NaMa_desa] ...") stay and
are mapped like any other.
"""

from __future__ import annotations

import re

from plugins.surat.opensid.pohon import Elemen

CODE = re.compile(r"\[([A-Za-z][^\[\]<>&]{0,60}?)\]")
SIGNATURE = {"atas_nama", "nip_pamong", "sebutan_nip_desa", "form_nip_pamong", "simbol_an", "simbol_ub",
             "jabatan_an", "jabatan_ub"}
STRONG = SIGNATURE | {"judul_surat", "format_nomor_surat", "nomer_surat", "nama_pamong", "tgl_surat", "qr_code",
                      "logo", "qr_bsre", "logo_bsre"}
FRAME = STRONG | {"kode_surat", "kode_desa", "bulan_romawi", "bulan_romawi_surat", "tahun", "tahun_surat", "nama_desa",
                  "jabatan"}
LEFTOVER_WORDS = re.compile(r"\b(nomor|no)\b|[\s:/.,\-\u00a0]+", re.I)
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6"}


def codes_in(text: str) -> set[str]:
    return {m.group(1).strip().lower() for m in CODE.finditer(text)}


def _frame_only(node: Elemen) -> bool:
    text = node.text()
    found = codes_in(text)
    if not found & STRONG or not found <= FRAME:
        return False
    return not LEFTOVER_WORDS.sub("", CODE.sub("", text))


def _signature_table(node: Elemen) -> bool:
    found = codes_in(node.text())
    return bool(found & SIGNATURE) or {"nama_pamong", "tgl_surat"} <= found


def remove(root: Elemen) -> list[str]:
    """Drop the frame from the tree; return notes naming what else went with it."""
    notes = []
    tables = [n for n in root.elements() if n.tag == "table" and _signature_table(n)]
    for table in tables:
        if any(other is not table and other in tables for other in table.elements()):
            continue  # a table around the signature table: only the innermost one goes
        rest = " ".join(CODE.sub(" ", table.text()).split()).strip(" :,.-")
        table.drop()
        note = ("Blok tanda tangan OpenSID dihapus: Balai mencetak tempat, tanggal, tanda tangan, nama penanda "
                "tangan dan kode QR sendiri.")
        if rest:
            note += f" Ikut terhapus dari blok itu: \"{rest[:160]}\"; tambahkan lagi di templat bila perlu."
        notes.append(note)
    for node in [n for n in root.elements() if n.tag in BLOCKS and _frame_only(n)]:
        node.drop()
    return notes

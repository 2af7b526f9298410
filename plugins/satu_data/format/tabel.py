"""One dataset as a table file: CSV, JSON (metadata and rows) and XLSX (a data sheet and a metadata sheet).

Every format holds every published period's rows (`Paket.baris`), columns in `Dataset.kolom_penuh()` order. CSV
is UTF-8 with a header of the column names, booleans as true/false and an empty cell for a missing value (the
data package declares exactly that); a text cell that a spreadsheet would run as a formula gets the house's
leading apostrophe (plugin_sdk.dokumen.csv_cell; `read_cell` takes it off). JSON and XLSX keep every value as is.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import xlsxwriter

from plugin_sdk.dokumen import csv_cell

from plugins.satu_data.dataset import FREKUENSI, GRUP
from plugins.satu_data.format.konteks import Konteks, cakupan, iso, nama_nagari, sensor, teks_kode
from plugins.satu_data.katalog import Katalog, Paket


def nama_kolom(p: Paket) -> list[str]:
    return [k.nama for k in p.ds.kolom_penuh()]


def _sel_csv(nilai):
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "true" if nilai else "false"
    if isinstance(nilai, str):
        return csv_cell(nilai)
    return nilai


def csv_bytes(p: Paket) -> bytes:
    """The dataset's rows as CSV (RFC 4180: comma, double quotes, CRLF)."""
    kolom = nama_kolom(p)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(kolom)
    w.writerows([_sel_csv(row.get(n)) for n in kolom] for row in p.baris)
    return out.getvalue().encode("utf-8")


def metadata(p: Paket, k: Katalog, kx: Konteks) -> dict:
    """The dataset's metadata (Satu Data principles) as the JSON download carries it."""
    ds = p.ds
    mulai, akhir = cakupan(p)
    return {
        "name": ds.nama,
        "id": p.id,
        "title": ds.judul,
        "description": ds.deskripsi,
        "group": {"name": ds.grup, "title": GRUP.get(ds.grup, ds.grup)},
        "keywords": list(ds.tag),
        "frequency": {"name": ds.frekuensi, "title": FREKUENSI.get(ds.frekuensi, ds.frekuensi)},
        "periods": list(p.periode),
        "provisional_period": p.periode[-1] if p.sementara else None,
        "versions": dict(p.versi),
        "temporal": {"start": mulai.isoformat(), "end": akhir.isoformat()},
        "region": {"code": k.kode_wilayah, "name": nama_nagari(k.profil)},
        "producer": {"name": kx.produsen.nama, "contact": kx.produsen.kontak, "email": kx.produsen.email,
                     "phone": kx.produsen.telepon, "address": kx.produsen.alamat},
        "license": {"id": kx.lisensi.id, "name": kx.lisensi.spdx, "title": kx.lisensi.judul,
                    "path": kx.lisensi.url},
        "source": ds.sumber,
        "counts_people": ds.hitungan_orang,
        "suppression": sensor(p),
        "issued": iso(p.dibuat),
        "modified": iso(p.diubah),
        "landing_page": kx.halaman(ds.nama),
        "variables": [{
            "name": kol.nama, "title": kol.judul, "type": kol.tipe, "definition": kol.definisi,
            "unit": kol.satuan, "key": kol.kunci,
            "code_list": [{"code": kode, "label": label} for kode, label in kol.kode],
            "code_list_source": kol.daftar_kode,
        } for kol in ds.kolom_penuh()],
    }


def json_bytes(p: Paket, k: Katalog, kx: Konteks) -> bytes:
    """{"dataset": metadata, "data": rows}."""
    return json.dumps({"dataset": metadata(p, k, kx), "data": p.baris}, ensure_ascii=False).encode("utf-8")


def xlsx_bytes(p: Paket, k: Katalog, kx: Konteks) -> bytes:
    """Sheet "data": a header row and typed cells; sheet "metadata": the dataset's metadata and its variables."""
    out = io.BytesIO()
    # in_memory: no temporary files; nan_inf_to_errors: a stray NaN becomes #NUM! rather than a failed file
    book = xlsxwriter.Workbook(out, {"in_memory": True, "nan_inf_to_errors": True})
    tebal = book.add_format({"bold": True})
    tanggal = book.add_format({"num_format": "yyyy-mm-dd"})
    _lembar_data(book.add_worksheet("data"), p, tebal, tanggal)
    _lembar_metadata(book.add_worksheet("metadata"), p, k, kx, tebal)
    book.close()
    return out.getvalue()


def _lembar_data(ws, p: Paket, tebal, tanggal) -> None:
    kolom = p.ds.kolom_penuh()
    for c, kol in enumerate(kolom):
        ws.write_string(0, c, kol.nama, tebal)
        ws.set_column(c, c, min(max(len(kol.nama), len(kol.judul), 10) + 2, 40))
    # one writer per column type: xlsxwriter's generic write() would take a text cell "=..." for a formula
    penulis = [_penulis(ws, kol.tipe, tanggal) for kol in kolom]
    nama = [kol.nama for kol in kolom]
    for r, row in enumerate(p.baris, start=1):
        for c, n in enumerate(nama):
            nilai = row.get(n)
            if nilai is not None:
                penulis[c](r, c, nilai)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(p.baris), 1), len(kolom) - 1)


def _penulis(ws, tipe: str, tanggal):
    if tipe in ("integer", "number"):
        return ws.write_number
    if tipe == "boolean":
        return ws.write_boolean
    if tipe == "date":
        return lambda r, c, v: ws.write_datetime(r, c, date.fromisoformat(v), tanggal)
    return ws.write_string


def _lembar_metadata(ws, p: Paket, k: Katalog, kx: Konteks, tebal) -> None:
    m = metadata(p, k, kx)
    baris = [
        ("Nama dataset", m["name"]), ("Judul", m["title"]), ("Deskripsi", m["description"]),
        ("Kelompok", m["group"]["title"]), ("Tag", ", ".join(m["keywords"])),
        ("Frekuensi", m["frequency"]["title"]), ("Periode", ", ".join(m["periods"])),
        ("Periode sementara", m["provisional_period"] or "-"),
        ("Wilayah", f"{m['region']['name']} ({m['region']['code']})"),
        ("Produsen data", m["producer"]["name"]), ("Kontak", m["producer"]["contact"]),
        ("Email", m["producer"]["email"]), ("Telepon", m["producer"]["phone"]),
        ("Lisensi", f"{m['license']['title']} ({m['license']['name']}), {m['license']['path']}"),
        ("Sumber data", m["source"]), ("Metode penyembunyian", m["suppression"]),
        ("Pertama diterbitkan", kx.setempat(p.dibuat)),
        ("Terakhir diperbarui", kx.setempat(p.diubah)),
        ("Halaman dataset", m["landing_page"]),
    ]
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 7, 24)
    for r, (label, nilai) in enumerate(baris):
        ws.write_string(r, 0, label, tebal)
        ws.write_string(r, 1, str(nilai or ""))
    mulai = len(baris) + 1
    judul = ("Variabel", "Judul", "Tipe", "Definisi", "Satuan", "Kunci", "Daftar kode", "Sumber daftar kode")
    for c, teks in enumerate(judul):
        ws.write_string(mulai, c, teks, tebal)
    for r, kol in enumerate(p.ds.kolom_penuh(), start=mulai + 1):
        sel = (kol.nama, kol.judul, kol.tipe, kol.definisi, kol.satuan, "ya" if kol.kunci else "tidak",
               teks_kode(kol), kol.daftar_kode)
        for c, teks in enumerate(sel):
            ws.write_string(r, c, teks)

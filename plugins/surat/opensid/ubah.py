"""One OpenSID template into one Balai letter type, with what the operator needs to know about it.

A template is, in the report:

- "siap": every code has a Balai value; it is imported (active, unless OpenSID had it locked);
- "perlu_perhatian": some codes have no Balai value. They are listed, each with what to do; such a template is
  imported only when the operator accepts it, then as an inactive type with those codes left visible in its text
  (``[Kode]``), so it cannot be issued until someone fixes it in the editor and switches it on;
- "ditolak": it cannot be imported at all (an RTF letter, an empty one, HTML reaching outside the letter).

Safety: the HTML is checked and sanitised first (``aman``); then every ``{`` and ``}`` of the office's text becomes
a character reference, so Jinja syntax typed in OpenSID (``{{ ... }}``, ``{% ... %}``) prints as text and never
runs. The only template code in the result is what this module writes for the codes it knows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from plugin_sdk import dokumen

from plugins.surat.opensid import aman, atribut, bingkai, isian, kode, pohon
from plugins.surat.opensid.berkas import TINYMCE, Templat

SIAP, PERHATIAN, DITOLAK = "siap", "perlu_perhatian", "ditolak"
TOKEN = re.compile(r"\[(?P<tw>(?i:terbilang))\]\[(?P<inner>\[[A-Za-z][A-Za-z0-9_]*\]|[^\[\]<>&]*)\]"
                   r"|\[(?P<code>[A-Za-z][^\[\]<>&]{0,60}?)\]")
PLAIN = re.compile(r"[a-z][a-z0-9_]*")
RT_RW = ["replace('Rt ', 'RT ')", "replace('Rw ', 'RW ')"]  # as OpenSID does after capitalising an address


@dataclass
class Hasil:
    """A converted template and its report."""

    nomor: int
    nama: str
    url: str
    kode: str = ""
    status: str = SIAP
    alasan: str = ""  # why it was refused
    tertinggal: list[dict] = field(default_factory=list)  # codes without a Balai value: {kode, pesan}
    catatan: list[str] = field(default_factory=list)
    baris: dict = field(default_factory=dict)  # the JenisSurat row to insert

    def ringkas(self) -> dict:
        """The report as plain data (pages, the CLI, tests)."""
        return {"nomor": self.nomor, "nama": self.nama, "url": self.url, "kode": self.kode, "status": self.status,
                "alasan": self.alasan, "tertinggal": self.tertinggal, "catatan": self.catatan}


def _literal(text: str) -> str:
    """The office's own text: braces as character references, so Jinja never reads them as code."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _cased(text: str, name: str) -> str:
    return {"upper": text.upper, "lower": text.lower, "title": text.title, "capitalize": text.capitalize}.get(
        name, lambda: text)()


def _output(expr: str, filters: list[str]) -> str:
    """`{{ expr | filters }}`; a fixed word (a quoted literal) is written as text in its case instead."""
    applied = [f for f in filters if f]
    if re.fullmatch(r"'[^'{}]*'", expr) and applied[:1] != ["terbilang"]:
        text = expr[1:-1]
        for name in applied:
            text = _cased(text, name)
        return _literal(text)
    if not applied:
        return "{{ " + expr + " }}"
    grouped = expr if " " not in expr or (expr.startswith("(") and expr.endswith(")")) else f"({expr})"
    return "{{ " + grouped + " | " + " | ".join(applied) + " }}"


class _Rewriter:
    """Rewrites the text runs of one template, noting what it used and what it could not fill."""

    def __init__(self, fields: dict[str, str], roles: dict[str, str]):
        self.fields, self.roles = fields, roles
        self.perlu: set[str] = set()
        self.tertinggal: dict[str, dict] = {}
        self.dropped: set[str] = set()

    def _missing(self, written: str) -> None:
        code = written.strip().lower()
        self.tertinggal.setdefault(code, {"kode": f"[{written.strip()}]", "pesan": kode.hint(code)})

    def _resolve(self, written: str) -> kode.Peta | None:
        code = written.strip().lower()
        found = kode.resolve(code, self.fields, self.roles) if PLAIN.fullmatch(code) else None
        if found is None:
            self._missing(written)
        else:
            self.perlu |= found.perlu
        return found

    def _terbilang(self, match: re.Match) -> str:
        inner, case = match["inner"], kode.case_filter(match["tw"])
        if inner.startswith("["):
            found = self._resolve(inner[1:-1])
            if found is None or not found.expr:
                return _literal(match[0])
            return _output(found.expr, ["terbilang", case])
        digits = re.sub(r"[^0-9]", "", inner)
        if not digits:
            self._missing(match["tw"])
            return _literal(match[0])
        words = dokumen.terbilang(int(digits)) + (" rupiah" if re.search(r"rp", inner, re.I) else "")
        return _literal(_cased(words, case))

    def text(self, run: str) -> str:
        out, position = [], 0
        for match in TOKEN.finditer(run):
            out.append(_literal(run[position:match.start()]))
            position = match.end()
            if match["tw"]:
                out.append(self._terbilang(match))
                continue
            found = self._resolve(match["code"])
            if found is None:
                out.append(_literal(match[0]))
            elif not found.expr:
                self.dropped.add(match["code"].strip().lower())
            else:
                case = kode.case_filter(match["code"].strip())
                fixes = RT_RW if case in ("title", "capitalize") and "alamat" in match["code"].lower() else []
                out.append(_output(found.expr, [case, *fixes]))
        out.append(_literal(run[position:]))
        return "".join(out)


def _refused(t: Templat, why: str) -> Hasil:
    return Hasil(nomor=t.nomor, nama=atribut.name(t), url=t.url, status=DITOLAK, alasan=why)


def convert(t: Templat, code: str) -> Hasil:
    """The Balai letter type for OpenSID template `t`, to be stored under `code`."""
    if t.jenis not in TINYMCE:
        return _refused(t, "Surat RTF OpenSID tidak punya templat HTML: hanya surat TinyMCE yang dapat diimpor.")
    if not t.html.strip():
        return _refused(t, "Templat surat ini kosong.")
    try:
        html, pictures = aman.check(t.html)
    except aman.TemplatBerbahaya as exc:
        return _refused(t, str(exc))
    notes: list[str] = []
    if pictures:
        notes.append("Gambar yang ditempel di templat dibuang: Balai mencetak logo di kop surat.")
    if "<!-- pagebreak -->" in html:
        notes.append("Pemisah halaman TinyMCE diabaikan: Balai menyambung isinya; halaman baru dibuat sendiri bila "
                     "isinya panjang.")
    fields, by_code, field_notes = isian.fields(t.kode_isian)
    roles, by_category = isian.roles(t.form_isian)
    root = pohon.parse(aman.sanitise(html))
    notes += bingkai.remove(root)
    rewriter = _Rewriter(by_code, by_category)
    template = pohon.write(root, rewriter.text, _literal).strip()
    for dropped in sorted(rewriter.dropped):
        notes.append(f"Kode [{dropped}] dihapus: Balai mencetak {kode.DROPPED[dropped]} sendiri.")
    try:
        dokumen.check_syntax(template)
    except dokumen.TemplateProblem as exc:
        return _refused(t, f"Hasil ubahan tidak dapat dipakai: {exc}")
    subjek, semua_status = atribut.subject(t)
    tertinggal = list(rewriter.tertinggal.values())
    status = PERHATIAN if tertinggal else SIAP
    row = {
        "kode": code, "nama": atribut.name(t), "kode_klasifikasi": atribut.classification(t, notes),
        "subjek": subjek, "semua_status": semua_status,
        "orang_tua": "orang_tua" in rewriter.perlu or atribut.wants(t, "data_orang_tua"),
        "pasangan": "pasangan" in rewriter.perlu or atribut.wants(t, "data_pasangan"),
        "keluarga": "keluarga" in rewriter.perlu, "isian": json.dumps(fields), "peran": json.dumps(roles),
        "persyaratan": atribut.requirements(t, notes), "template": template,
        "masa_berlaku_hari": atribut.validity_days(t, notes), "kertas": atribut.paper(t, notes),
        "margin": atribut.margin(t, notes), "persetujuan": False, "aktif": status == SIAP and not t.kunci,
    }
    atribut.other_notes(t, notes)
    return Hasil(nomor=t.nomor, nama=row["nama"], url=t.url, kode=code, status=status, tertinggal=tertinggal,
                 catatan=notes + field_notes, baris=row)

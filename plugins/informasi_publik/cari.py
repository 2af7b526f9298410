"""Regulations and incoming letters in the office's search box.

A regulation is found by its number ("5", "5/2026", "nomor 5 tahun 2026") or by words of its title and subject; an
incoming letter by a piece of its number, its sender or its subject, or by its agenda number ("12/2026"). Each kind
only for those who may read its register: a regulation opens on the office's form for a HUKUM holder and on its
public page for a reader (LIHAT); letters only for LIHAT holders, since their page needs it.
"""

from __future__ import annotations

import re

from plugin_sdk import SearchResult, current_user, has_permission, nagari_profile

from plugins.informasi_publik import agenda, hukum
from plugins.informasi_publik.plugin import HUKUM, LIHAT
from plugins.informasi_publik.tabel_agenda import SuratMasuk
from plugins.informasi_publik.tabel_hukum import STATUS, ProdukHukum

LIMIT = 10
# "5", "no. 5", "nomor 5 tahun 2026", "5/2026", "5 th 2026": a regulation's number, optionally with its year.
NOMOR = re.compile(r"^(?:no(?:mor)?\.?\s*)?(\d{1,4})(?:\s*(?:/|\s|tahun|th\.?)\s*(\d{4}))?$")
AGENDA_NOMOR = re.compile(r"^(\d{1,5})/(\d{4})$")
STATUS_TEKS = {s: s.capitalize() for s in STATUS}


async def search(request, q: str) -> list[SearchResult]:
    user = await current_user(request)
    pembuat, pembaca = has_permission(user, HUKUM), has_permission(user, LIHAT)
    regulations = await _peraturan(request, q, pembuat) if pembuat or pembaca else []
    letters = await _surat_masuk(q) if pembaca else []
    # Half the places for each kind, the rest to whichever has more, so neither hides the other.
    n_reg = min(len(regulations), max(LIMIT // 2, LIMIT - len(letters)))
    return [*regulations[:n_reg], *letters[:LIMIT - n_reg]]


async def _peraturan(request, q: str, pembuat: bool) -> list[SearchResult]:
    rows = []
    if m := NOMOR.match(q.lower()):
        angka, tahun = int(m.group(1)), m.group(2)
        kondisi = ProdukHukum.nomor == angka
        if tahun:
            kondisi = kondisi & (ProdukHukum.tahun == int(tahun))
        elif len(m.group(1)) == 4:  # "2026" alone is more likely the year
            kondisi = kondisi | (ProdukHukum.tahun == angka)
        rows = await ProdukHukum.select().where(kondisi).order_by(ProdukHukum.tahun, ascending=False).order_by(
            ProdukHukum.nomor, ascending=False).limit(LIMIT).run()
    if len(rows) < LIMIT:
        found, _ = await hukum.daftar(cari=q, batas=LIMIT)
        seen = {r["id"] for r in rows}
        rows += [r for r in found if r["id"] not in seen][:LIMIT - len(rows)]
    profil = nagari_profile(request)
    return [SearchResult("Produk hukum", f"{hukum.sebutan(r, profil)} tentang {r['judul']}",
                         f"/admin/hukum/{r['id']}" if pembuat else f"/produk-hukum/{hukum.slug(r)}",
                         STATUS_TEKS.get(r["status"], r["status"])) for r in rows]


async def _surat_masuk(q: str) -> list[dict]:
    rows = []
    if m := AGENDA_NOMOR.match(q):
        rows = await SuratMasuk.select().where(SuratMasuk.nomor_agenda == int(m.group(1)),
                                               SuratMasuk.tahun == int(m.group(2))).run()
    found, _ = await agenda.daftar_masuk(cari=q, batas=LIMIT)
    seen = {r["id"] for r in rows}
    rows += [r for r in found if r["id"] not in seen]
    return [SearchResult("Surat masuk", f"{r['pengirim']}: {r['isi']}", f"/admin/agenda/masuk/{r['id']}",
                         f"Agenda {r['nomor_agenda']}/{r['tahun']} · Nomor {r['nomor_surat']}")
            for r in rows[:LIMIT]]

"""A request's statuses (DOMAIN.md: Layanan Mandiri) and who may move it where."""

from __future__ import annotations

BELUM_LENGKAP = "draf"
DIPERIKSA = "diperiksa"
MENUNGGU_TTD = "menunggu_ttd"
SIAP = "siap"
DIAMBIL = "diambil"
DITOLAK = "ditolak"
DIBATALKAN = "dibatalkan"

LABEL = {
    BELUM_LENGKAP: "Belum lengkap",
    DIPERIKSA: "Sedang diperiksa",
    MENUNGGU_TTD: "Menunggu tanda tangan",
    SIAP: "Siap diambil",
    DIAMBIL: "Sudah diambil",
    DITOLAK: "Ditolak",
    DIBATALKAN: "Dibatalkan",
}
# What the resident may still change; a refused request can be fixed and sent again.
EDITABLE = {BELUM_LENGKAP, DITOLAK}
CANCELLABLE = {BELUM_LENGKAP, DIPERIKSA, DITOLAK}
WITH_LETTER = {SIAP, DIAMBIL}
OPEN = {DIPERIKSA, MENUNGGU_TTD, SIAP}  # the office still has something to do

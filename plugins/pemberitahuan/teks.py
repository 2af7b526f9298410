"""What a notice says: a title and one or two plain sentences in Indonesian that name the letter and say what to
do, for a resident reading it on a cheap phone. Never a NIK or KK number: staff write the refusal reasons, so any
16-digit number that slips into a text is masked here, the one place every text passes through."""

from __future__ import annotations

import re

# The request statuses of `layanan_mandiri` (plugins/layanan_mandiri/status.py) that the office causes; the
# resident's own steps (a draft, sending it, cancelling it) need no telling.
MENUNGGU_TTD, SIAP, DITOLAK, DIBATALKAN = "menunggu_ttd", "siap", "ditolak", "dibatalkan"
WITH_LETTER = {MENUNGGU_TTD, SIAP, "diambil"}  # a cancellation from these came from the office (the letter)

LONG_NUMBER = re.compile(r"(?:\d[ .-]?){15}\d")
HIDDEN = "[nomor disembunyikan]"


def scrub(text: str) -> str:
    """The text with every run of 16 or more digits (a NIK or KK number, however spaced) masked."""
    return LONG_NUMBER.sub(HIDDEN, text or "")


def office(profile: dict) -> str:
    return f"kantor {profile.get('sebutan_desa') or 'Nagari'} {profile.get('nama') or ''}".strip()


def sender(profile: dict) -> str:
    """Who the message is from, e.g. "Kantor Nagari Taram"."""
    return office(profile)[:1].upper() + office(profile)[1:]


def _notice(judul: str, teks: str, tautan: str) -> dict:
    return {"judul": scrub(judul)[:120], "teks": scrub(" ".join(teks.split())), "tautan": tautan[:300]}


def worth_telling(permohonan: dict) -> bool:
    """Whether a request's new status is the office's doing, which the resident hears about."""
    status = permohonan["status"]
    return status in (SIAP, MENUNGGU_TTD, DITOLAK) or (
        status == DIBATALKAN and permohonan.get("status_sebelumnya") in WITH_LETTER)


def for_request(permohonan: dict, jenis_nama: str, profile: dict, base: str) -> dict | None:
    """The notice for a request's new status (event ``permohonan_berubah``), or None when there is none to give."""
    status, before = permohonan["status"], permohonan.get("status_sebelumnya")
    surat = jenis_nama or "Surat"
    alasan = (permohonan.get("alasan") or "").strip().rstrip(".")
    link = f"{base}/warga/surat/{permohonan['id']}" if base else ""
    if status == SIAP:
        return _notice("Surat Anda siap diambil",
                       f"{surat} yang Anda ajukan sudah terbit dan siap diambil di {office(profile)}. Bawa KTP "
                       "saat mengambil, atau unduh suratnya di layanan mandiri.", link)
    if status == MENUNGGU_TTD:
        kepala = profile.get("sebutan_kepala") or "pimpinan"
        return _notice("Permohonan surat disetujui",
                       f"Permohonan {surat} Anda sudah diperiksa dan disetujui petugas. Surat menunggu tanda tangan "
                       f"{kepala}; Anda diberi tahu lagi bila surat siap diambil.", link)
    if status == DITOLAK:
        why = f" dengan alasan: {alasan}." if alasan else "."
        return _notice("Permohonan surat perlu diperbaiki",
                       f"Permohonan {surat} Anda dikembalikan petugas{why} Perbaiki permohonan itu lalu kirim lagi "
                       "di layanan mandiri.", link)
    if status == DIBATALKAN and before in WITH_LETTER:
        why = f": {alasan}." if alasan else "."
        return _notice("Permohonan surat dibatalkan",
                       f"Permohonan {surat} Anda dibatalkan oleh kantor{why} Bila ada pertanyaan, hubungi "
                       f"{office(profile)}.", link)
    return None


def for_letter(surat: dict, profile: dict, base: str) -> dict:
    """The notice for a letter issued for a resident at the counter (event ``surat_terbit``)."""
    judul = surat.get("judul") or "Surat"
    nomor = f" dengan nomor {surat['nomor']}" if surat.get("nomor") else ""
    return _notice("Surat Anda sudah terbit",
                   f"{judul} untuk Anda sudah terbit{nomor} dan dapat diambil di {office(profile)}. Bawa KTP saat "
                   "mengambil.", f"{base}/warga" if base else "")


def for_test(profile: dict, base: str) -> dict:
    """The test message a resident sends themselves."""
    return _notice("Pesan uji pemberitahuan",
                   f"Ini pesan uji dari layanan mandiri {office(profile)}. Pesan ini sampai, jadi kabar tentang "
                   "permohonan dan surat Anda akan dikirim ke sini.", f"{base}/warga/pemberitahuan" if base else "")

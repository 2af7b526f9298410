"""Notices written where the change happens: inside the transaction of `permohonan_berubah` and `surat_terbit`.

A notice lands with the change it reports or not at all; the delivery job is queued once that transaction has
committed (antar.hand_over). One letter is told once: a request that became ready and the letter issued with it
fire both events in one transaction, in either order, and share the key ``surat:<id>``; the request's words win.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from plugin_sdk import nagari_profile, public_url, register, write_transaction

from plugins.pemberitahuan import antar, pilihan, teks
from plugins.pemberitahuan.tables import Kiriman

HIDUP = 1
TEST_EVERY = timedelta(minutes=5)  # a test message costs the office an SMS; a finger on the button should not


async def _profile(request) -> dict:
    return nagari_profile(request) if request is not None else await register.stored_profile()


def _base(request) -> str:
    # Without a request (a job or a command fired the event) the public address is not known here: no link.
    return public_url(request).rstrip("/") if request is not None else ""


async def _reachable(request, penduduk_id: int | None) -> bool:
    """Only a living resident with an active self-service account is told (a death certificate is not news
    for the deceased's mailbox, and a baby has no account), and only while the residents' realm is open, where
    they can change their mind."""
    from plugins.akun_warga import api as warga  # enhanced, not required: imported where it is used

    if not penduduk_id or (request is not None and not await warga.in_use(request)):
        return False
    account = await warga.account(penduduk_id)
    if account is None or not account["aktif"]:
        return False
    person = await register.resident(penduduk_id)
    return person is not None and person["kode_status_dasar"] == HIDUP


async def _insert(penduduk_id: int, jenis: str, peristiwa: str, sumber_id: int | None, kunci: str,
                  isi: dict) -> str:
    choice = await pilihan.of(penduduk_id)
    kode = secrets.token_urlsafe(16)
    await Kiriman.insert(Kiriman(kode=kode, penduduk=penduduk_id, jenis=jenis, peristiwa=peristiwa,
                                 sumber_id=sumber_id, kunci=kunci, judul=isi["judul"], teks=isi["teks"],
                                 tautan=isi["tautan"], saluran=choice["saluran"], alamat=choice["alamat"],
                                 status=antar.BARU)).run()
    return kode


async def _same_letter(penduduk_id: int, kunci: str) -> dict | None:
    return await Kiriman.select(Kiriman.id, Kiriman.status).where(
        (Kiriman.kunci == kunci) & (Kiriman.penduduk == penduduk_id)).first().run()


async def request_changed(request, permohonan: dict) -> None:
    """Event ``permohonan_berubah``: tell the resident what the office did with their request."""
    if not teks.worth_telling(permohonan):
        return
    from plugins.surat import api as surat  # layanan_mandiri, which fired this, depends on it: surat is there

    letter_type = await surat.letter_type(permohonan["jenis_kode"], active_only=False) \
        if permohonan.get("jenis_kode") else None
    isi = teks.for_request(permohonan, (letter_type or {}).get("nama", ""), await _profile(request), _base(request))
    penduduk_id = permohonan["penduduk_id"]
    if isi is None or not await _reachable(request, penduduk_id):
        return
    kunci = f"surat:{permohonan['surat_id']}" if permohonan["status"] == teks.SIAP and permohonan.get("surat_id") \
        else ""
    if kunci and (told := await _same_letter(penduduk_id, kunci)) is not None:
        if told["status"] == antar.BARU:  # the letter's own notice, not sent yet: say it the request's way
            await Kiriman.update({Kiriman.jenis: "permohonan", Kiriman.peristiwa: permohonan["status"],
                                  Kiriman.sumber_id: permohonan["id"], Kiriman.judul: isi["judul"],
                                  Kiriman.teks: isi["teks"], Kiriman.tautan: isi["tautan"]}).where(
                Kiriman.id == told["id"]).run()
        return
    kode = await _insert(penduduk_id, "permohonan", permohonan["status"], permohonan["id"], kunci, isi)
    antar.hand_over(request, [kode])


async def letter_issued(request, letter: dict) -> None:
    """Event ``surat_terbit``: a letter for a resident (at the counter, or a request's) has its number."""
    penduduk_id = letter.get("penduduk_id")
    kunci = f"surat:{letter['id']}"
    if not penduduk_id or await _same_letter(penduduk_id, kunci) is not None:
        return
    if not await _reachable(request, penduduk_id):
        return
    isi = teks.for_letter(letter, await _profile(request), _base(request))
    kode = await _insert(penduduk_id, "surat", "terbit", letter["id"], kunci, isi)
    antar.hand_over(request, [kode])


async def test_message(request, resident: dict) -> None:
    """The resident's own test message to the channel they chose; ValueError says why not."""
    penduduk_id = resident["penduduk_id"]
    choice = await pilihan.of(penduduk_id)
    if not choice["saluran"]:
        raise ValueError("Pilih dulu cara Anda diberi tahu dan simpan, lalu kirim pesan uji.")
    since = datetime.now(timezone.utc) - TEST_EVERY
    async with write_transaction():
        if await Kiriman.exists().where((Kiriman.penduduk == penduduk_id) & (Kiriman.jenis == "uji")
                                        & (Kiriman.dibuat > since)).run():
            raise ValueError("Pesan uji baru saja dikirim. Tunggu beberapa menit sebelum mengirim lagi.")
        kode = await _insert(penduduk_id, "uji", "uji", None, "", teks.for_test(await _profile(request),
                                                                              _base(request)))
    antar.hand_over(request, [kode])

"""Marriage and divorce as journal events (`perkawinan`, `perceraian`), with the family change that follows.

Plain arguments in, `FormErrors` ({field: message in Bahasa Indonesia}) out, so a page and an API endpoint
call the same functions. Each runs in one write transaction: statuses, journal entries, family change and
audit entries all land, or nothing does.

- ``record_marriage(penduduk_id, pasangan_id, tanggal, *, no_akta, tanggal_akta, tanggal_lapor, keluarga,
  kepala, ikut, no_kk, kk_sementara, izin_poligami, no_izin, actor)``: both become Kawin Tercatat (2) with a
  certificate number, else Kawin Belum Tercatat (3); one `perkawinan` entry per person. `keluarga`:
  ``"tetap"`` (no change), ``"baru"`` (a new KK with `kepala` as head, the husband when not given; `no_kk`
  or `kk_sementara`), ``"gabung"`` (`ikut` joins the other's KK). Returns the entry ids.
- ``record_divorce(penduduk_id, pasangan_id, tanggal, *, no_akta, ..., keluarga, keluar, keluarga_id,
  hubungan, no_kk, kk_sementara, actor)``: Cerai Hidup Tercatat (4) with an akta cerai, else Belum Tercatat
  (5). `pasangan_id` None: the spouse the register knows (none: the resident alone). `keluar` leaves for a
  new KK (``"baru"``) or joins family `keluarga_id` as `hubungan` (``"gabung"``).
- ``spouses(penduduk_id)``: the living, married spouses the register knows.
- ``widow_spouses(...)``: called by `jurnal.record_leaving` for a death, in its transaction.

Error keys: umum, pasangan, tanggal_peristiwa, tanggal_akta, tanggal_lapor, no_akta, izin_poligami, no_izin,
keluarga, kepala, ikut, keluar, keluarga_id, hubungan, no_kk (and nik: no village code for a temporary KK).
Entries carry `sebelum`/`sesudah` of the person's own fields, so `jurnal.cancel` undoes one person's entry.
"""

from __future__ import annotations

import json
from datetime import date

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk import kode
from core.penduduk.formulir import FormErrors
from core.penduduk.jurnal import write_entry
from core.penduduk.keluarga import change_head, move_to_family
from core.penduduk.susunan import FEMALE, HEAD, HUSBAND, MALE, WIFE
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa
from core.profil.waktu import today as nagari_today

BELUM_KAWIN, KAWIN_TERCATAT, KAWIN_BELUM_TERCATAT = 1, 2, 3
CERAI_HIDUP_TERCATAT, CERAI_HIDUP_BELUM_TERCATAT, CERAI_MATI = 4, 5, 6
MARRIED = (KAWIN_TERCATAT, KAWIN_BELUM_TERCATAT)
MENANTU = 5  # SHDK: a spouse joining a KK whose head is not their spouse (a son's wife) is the head's Menantu
FAMILY_CHOICES = ("tetap", "baru", "gabung")
EVENTS = ("perkawinan", "perceraian")


async def _person(penduduk_id: int | None, field: str, what: str = "Penduduk") -> dict:
    row = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run() if penduduk_id else None
    if row is None:
        raise FormErrors({field: f"{what} tidak ditemukan di register."})
    if row["status_dasar"] != 1:
        status = kode.label("status_dasar", row["status_dasar"]).lower()
        raise FormErrors({field: f"{row['nama']} berstatus {status}; peristiwa ini hanya untuk penduduk yang "
                                 f"hidup dan tinggal di sini."})
    return row


def _check_dates(tanggal: date, people: list[dict], no_akta: str, tanggal_akta: date | None,
                 tanggal_lapor: date | None) -> None:
    today, errors = nagari_today(), {}
    if tanggal > today:
        errors["tanggal_peristiwa"] = "Tanggal peristiwa tidak boleh di masa depan."
    elif any(tanggal < p["tanggal_lahir"] for p in people):
        errors["tanggal_peristiwa"] = "Tanggal peristiwa sebelum tanggal lahir."
    if len(no_akta) > 40:
        errors["no_akta"] = "Nomor akta paling panjang 40 huruf."
    if tanggal_akta is not None and not no_akta:
        errors["no_akta"] = "Isi nomor akta, atau kosongkan tanggal aktanya."
    elif no_akta and tanggal_akta is None:
        errors["tanggal_akta"] = "Tanggal akta wajib diisi bila nomor akta diisi."
    elif tanggal_akta is not None and (tanggal_akta > today or tanggal_akta < tanggal):
        # an akta records the event: it is issued on or after that day, never before it
        errors["tanggal_akta"] = "Tanggal akta tidak boleh di masa depan atau sebelum tanggal peristiwa."
    if tanggal_lapor is not None and (tanggal_lapor > today or tanggal_lapor < tanggal):
        errors["tanggal_lapor"] = "Tanggal lapor tidak boleh di masa depan atau sebelum tanggal peristiwa."
    if errors:
        raise FormErrors(errors)


async def _journal_partners(penduduk_id: int) -> tuple[dict[int, date], set[int]]:
    """From this person's own entries: {spouse id: wedding date} still married, and the ids a divorce ended."""
    rows = await Peristiwa.select(Peristiwa.jenis, Peristiwa.rincian, Peristiwa.tanggal_peristiwa).where(
        (Peristiwa.penduduk == penduduk_id) & Peristiwa.jenis.is_in(list(EVENTS))
        & (Peristiwa.dibatalkan == False)).order_by(Peristiwa.id).run()  # noqa: E712
    current: dict[int, date] = {}
    ended: set[int] = set()
    for row in rows:
        partner = json.loads(row["rincian"]).get("pasangan_id")
        if partner is None:
            continue
        if row["jenis"] == "perkawinan":
            current[partner] = row["tanggal_peristiwa"]
            ended.discard(partner)
        else:
            current.pop(partner, None)
            ended.add(partner)
    return current, ended


async def spouses(penduduk_id: int) -> list[dict]:
    """Living, married spouses: from marriage entries, else (records older than them) from the KK's positions:
    the head and a Suami/Istri of the opposite sex. A divorce on the journal ends either."""
    person = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run()
    if person is None:
        return []
    current, ended = await _journal_partners(penduduk_id)
    ids = set(current)
    if person["keluarga"] and person["hubungan"] in (HEAD, HUSBAND, WIFE):
        positions = [HUSBAND, WIFE] if person["hubungan"] == HEAD else [HEAD]
        rows = await Penduduk.select(Penduduk.id).where(
            (Penduduk.keluarga == person["keluarga"]) & Penduduk.hubungan.is_in(positions)).run()
        ids |= {r["id"] for r in rows} - ended
    ids.discard(penduduk_id)
    if not ids:
        return []
    return await Penduduk.select().where(
        Penduduk.id.is_in(sorted(ids)) & (Penduduk.status_dasar == 1) & Penduduk.status_kawin.is_in(list(MARRIED))
        & (Penduduk.jenis_kelamin != person["jenis_kelamin"])).order_by(Penduduk.id).run()


async def _set_status(jenis: str, person: dict, partner: dict | None, status: int, tanggal: date, rincian: dict, *,
                      tanggal_lapor: date | None, actor: dict, connection, akta_kawin: str | None = None) -> int:
    """One person's half of the event: their status (and marriage certificate), the entry, the audit line."""
    before, after = {"status_kawin": person["status_kawin"]}, {"status_kawin": status}
    if akta_kawin is not None and akta_kawin != person["no_akta_kawin"]:
        before["no_akta_kawin"], after["no_akta_kawin"] = person["no_akta_kawin"], akta_kawin
    await Penduduk.update(after).where(Penduduk.id == person["id"]).run()
    who = {"pasangan_id": partner["id"], "pasangan_nik": partner["nik"], "pasangan_nama": partner["nama"]} \
        if partner else {}
    entry = await write_entry(jenis, person, tanggal, tanggal_lapor=tanggal_lapor, actor=actor,
                              rincian={**who, **rincian, "sebelum": before, "sesudah": after})
    await log_change(connection, jenis, "penduduk", person["id"],
                     {"peristiwa": entry, "pasangan": who.get("pasangan_id"), "status_kawin": [
                         person["status_kawin"], status]}, user=actor)
    return entry


def _akta(no_akta: str, tanggal_akta: date | None) -> dict:
    return {"no_akta": no_akta, "tanggal_akta": tanggal_akta.isoformat()} if no_akta else {}


async def record_marriage(penduduk_id: int, pasangan_id: int | None, tanggal: date, *, no_akta: str = "",
                          tanggal_akta: date | None = None, tanggal_lapor: date | None = None,
                          keluarga: str = "tetap", kepala: int | None = None, ikut: int | None = None,
                          no_kk: str = "", kk_sementara: bool = False, izin_poligami: bool = False,
                          no_izin: str = "", actor: dict, connection=None) -> list[int]:
    """Record a marriage between two living residents; see the module docstring. Returns the new entry ids."""
    no_akta, no_izin = no_akta.strip(), no_izin.strip()
    if keluarga not in FAMILY_CHOICES:
        raise FormErrors({"keluarga": "Pilih perubahan KK sesudah perkawinan."})
    async with write_transaction():
        first = await _person(penduduk_id, "umum")
        if pasangan_id == penduduk_id:
            raise FormErrors({"pasangan": "Pasangan tidak boleh orang yang sama."})
        second = await _person(pasangan_id, "pasangan", "Pasangan")
        # DOMAIN.md is silent on this; UU 1/1974 pasal 1 defines marriage as between a man and a woman.
        if {first["jenis_kelamin"], second["jenis_kelamin"]} != {MALE, FEMALE}:
            raise FormErrors({"pasangan": "Perkawinan hanya dapat dicatat antara seorang laki-laki dan seorang "
                                          "perempuan (UU 1/1974 pasal 1)."})
        husband, wife = (first, second) if first["jenis_kelamin"] == MALE else (second, first)
        _check_dates(tanggal, [first, second], no_akta, tanggal_akta, tanggal_lapor)
        # UU 1/1974 pasal 3, 4 and 9: a wife cannot be married to two men; a husband takes a second wife
        # only with the court's permit, so the clerk confirms it and types the permit's number.
        if wife["status_kawin"] in MARRIED:
            raise FormErrors({"pasangan" if wife is second else "umum": (
                f"{wife['nama']} masih berstatus kawin; perempuan yang masih terikat perkawinan tidak dapat "
                f"menikah lagi. Catat perceraiannya dulu.")})
        permit = {}
        if husband["status_kawin"] in MARRIED:
            if not izin_poligami:
                raise FormErrors({"izin_poligami": (
                    f"{husband['nama']} masih berstatus kawin. Beristri lebih dari seorang hanya boleh dengan izin "
                    f"Pengadilan (UU 1/1974 pasal 3-5): centang konfirmasinya dan isi nomor izinnya.")})
            if not no_izin or len(no_izin) > 60:
                raise FormErrors({"no_izin": "Nomor izin pengadilan wajib diisi (paling panjang 60 huruf)."})
            permit = {"izin_pengadilan": no_izin}
        status = KAWIN_TERCATAT if no_akta else KAWIN_BELUM_TERCATAT
        rincian = {**_akta(no_akta, tanggal_akta), **permit, "keluarga": keluarga}
        entries = []
        for person, partner in ((first, second), (second, first)):
            entries.append(await _set_status("perkawinan", person, partner, status, tanggal, rincian,
                                             tanggal_lapor=tanggal_lapor, actor=actor, connection=connection,
                                             akta_kawin=no_akta or None))
        await _marriage_family(keluarga, husband, wife, kepala=kepala, ikut=ikut, no_kk=no_kk,
                               kk_sementara=kk_sementara, actor=actor, connection=connection)
    return entries


def _spouse_position(person: dict) -> int:
    return HUSBAND if person["jenis_kelamin"] == MALE else WIFE


async def _marriage_family(keluarga: str, husband: dict, wife: dict, *, kepala: int | None, ikut: int | None,
                           no_kk: str, kk_sementara: bool, actor: dict, connection) -> None:
    """The family change chosen with the marriage, through the register's own family functions."""
    pair = {husband["id"]: husband, wife["id"]: wife}
    if keluarga == "baru":
        if kepala is not None and kepala not in pair:
            raise FormErrors({"kepala": "Kepala keluarga KK baru harus salah satu dari pasangan ini."})
        head = pair[kepala] if kepala is not None else husband
        other = wife if head is husband else husband
        new = await move_to_family(head["id"], HEAD, no_kk=no_kk, kk_sementara=kk_sementara, actor=actor,
                                   connection=connection)
        await move_to_family(other["id"], _spouse_position(other), keluarga_id=new, actor=actor,
                             connection=connection)
    elif keluarga == "gabung":
        if ikut not in pair:
            raise FormErrors({"ikut": "Pilih siapa yang masuk ke KK pasangannya."})
        mover = pair[ikut]
        host = wife if mover is husband else husband
        if host["keluarga"] is None:
            raise FormErrors({"ikut": f"{host['nama']} belum masuk KK; pilih pilihan KK yang lain."})
        if host["keluarga"] == mover["keluarga"]:
            raise FormErrors({"ikut": "Keduanya sudah dalam satu KK; pilih 'tanpa perubahan KK'."})
        position = _spouse_position(mover) if host["hubungan"] == HEAD else MENANTU
        await move_to_family(mover["id"], position, keluarga_id=host["keluarga"], actor=actor,
                             connection=connection)


async def record_divorce(penduduk_id: int, pasangan_id: int | None, tanggal: date, *, no_akta: str = "",
                         tanggal_akta: date | None = None, tanggal_lapor: date | None = None,
                         keluarga: str = "tetap", keluar: int | None = None, keluarga_id: int | None = None,
                         hubungan: int | None = None, no_kk: str = "", kk_sementara: bool = False,
                         actor: dict, connection=None) -> list[int]:
    """Record a divorce (cerai hidup); see the module docstring. Returns the new entry ids."""
    no_akta = no_akta.strip()
    if keluarga not in FAMILY_CHOICES:
        raise FormErrors({"keluarga": "Pilih perubahan KK sesudah perceraian."})
    async with write_transaction():
        person = await _person(penduduk_id, "umum")
        if person["status_kawin"] not in MARRIED:
            raise FormErrors({"umum": f"{person['nama']} tidak berstatus kawin; perceraian tidak dapat dicatat."})
        known = await spouses(penduduk_id)
        if pasangan_id == penduduk_id:
            raise FormErrors({"pasangan": "Pasangan tidak boleh orang yang sama."})
        if pasangan_id is None:
            if len(known) > 1:
                raise FormErrors({"pasangan": f"{person['nama']} tercatat punya lebih dari satu pasangan; pilih "
                                              f"pasangan yang bercerai."})
            partner = known[0] if known else None
        else:
            partner = await _person(pasangan_id, "pasangan", "Pasangan")
            if known and partner["id"] not in {k["id"] for k in known}:
                raise FormErrors({"pasangan": f"{partner['nama']} tidak tercatat sebagai pasangan "
                                              f"{person['nama']}."})
            if partner["status_kawin"] not in MARRIED or partner["jenis_kelamin"] == person["jenis_kelamin"]:
                raise FormErrors({"pasangan": f"{partner['nama']} tidak tercatat sebagai pasangan "
                                              f"{person['nama']}."})
        pair = [person, partner] if partner else [person]
        _check_dates(tanggal, pair, no_akta, tanggal_akta, tanggal_lapor)
        married_on = partner and (await _journal_partners(penduduk_id))[0].get(partner["id"])
        if married_on and tanggal < married_on:
            raise FormErrors({"tanggal_peristiwa": f"Tanggal perceraian sebelum tanggal perkawinannya "
                                                   f"({married_on.isoformat()})."})
        # A registered marriage ends only by a court's decision, which the akta cerai records.
        if not no_akta and any(p["status_kawin"] == KAWIN_TERCATAT for p in pair):
            raise FormErrors({"no_akta": "Perkawinan tercatat hanya putus dengan putusan pengadilan: isi nomor "
                                         "akta cerai."})
        status = CERAI_HIDUP_TERCATAT if no_akta else CERAI_HIDUP_BELUM_TERCATAT
        rincian = {**_akta(no_akta, tanggal_akta), "jenis_cerai": "cerai hidup", "keluarga": keluarga}
        entries = [await _set_status("perceraian", p, partner if p is person else person, status, tanggal, rincian,
                                     tanggal_lapor=tanggal_lapor, actor=actor, connection=connection)
                   for p in pair]
        await _divorce_family(keluarga, pair, keluar=keluar, keluarga_id=keluarga_id, hubungan=hubungan,
                              no_kk=no_kk, kk_sementara=kk_sementara, actor=actor, connection=connection)
    return entries


async def _divorce_family(keluarga: str, pair: list[dict], *, keluar: int | None, keluarga_id: int | None,
                          hubungan: int | None, no_kk: str, kk_sementara: bool, actor: dict, connection) -> None:
    if keluarga == "tetap":
        return
    by_id = {p["id"]: p for p in pair}
    if keluar not in by_id:
        raise FormErrors({"keluar": "Pilih siapa yang keluar dari KK."})
    leaver = by_id[keluar]
    stays = next((p for p in pair if p is not leaver), None)
    if keluarga == "gabung":
        if keluarga_id is None or not await Keluarga.exists().where(Keluarga.id == keluarga_id).run():
            raise FormErrors({"keluarga_id": "Tidak ada keluarga dengan nomor KK itu."})
        if hubungan is None or hubungan == HEAD:
            raise FormErrors({"hubungan": "Pilih hubungan dalam keluarga tujuan (bukan kepala keluarga)."})
    # A head leaving the ex-spouse and children behind hands the KK to the ex-spouse first, who stays in it.
    if (leaver["hubungan"] == HEAD and stays is not None and stays["keluarga"] == leaver["keluarga"]
            and leaver["keluarga"] is not None):
        await change_head(leaver["keluarga"], stays["id"], _spouse_position(leaver), actor=actor,
                          connection=connection)
    if keluarga == "baru":
        await move_to_family(leaver["id"], HEAD, no_kk=no_kk, kk_sementara=kk_sementara, actor=actor,
                             connection=connection)
    else:
        await move_to_family(leaver["id"], hubungan, keluarga_id=keluarga_id, actor=actor, connection=connection)


async def widow_spouses(deceased: dict, tanggal: date, *, death_entry: int, actor: dict, connection=None,
                        tanggal_lapor: date | None = None) -> list[int]:
    """A married resident died: each living spouse becomes Cerai Mati, in the caller's transaction.

    The entry is a `perceraian` ("jenis_cerai": "cerai mati"): the marriage ended, by death, which is what the
    status says; a `koreksi` would claim the old value was wrong, and it was not."""
    if deceased["status_kawin"] not in MARRIED:
        return []
    entries = []
    for spouse in await spouses(deceased["id"]):
        entries.append(await _set_status(
            "perceraian", spouse, deceased, CERAI_MATI, tanggal,
            {"jenis_cerai": "cerai mati", "peristiwa_mati": death_entry},
            tanggal_lapor=tanggal_lapor, actor=actor, connection=connection))
    return entries

"""The demo nagari's social assistance, written through the plugin's own services so that every step passes the
checks a clerk's would: the families' DTSEN data, a BLT Dana Desa program whose first list an operator prepared
and the Wali Nagari approved (with its distributions) and whose second list is being prepared with a recipient
who died since, a PKH list kept by hand, and seed aid for farmer groups.

Two demo staff accounts make the maker-checker visible: `operator` prepares, `walinagari` approves (password as
the administrator's). Dates follow today, so the demo reads the same on any day of the year; the figures are
plausible for a nagari, not official data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

STAF = (("operator", "Operator Demo", "operator"), ("walinagari", "Wali Nagari Demo", "wali_nagari"))
DASAR_BLT = ("Ketentuan pengelolaan Dana Desa: daftar keluarga penerima BLT Dana Desa ditetapkan dalam musyawarah "
             "nagari khusus dan diumumkan di kantor nagari dan tempat umum.")
KELOMPOK = ("Kelompok Tani Saiyo Sakato", "Kelompok Tani Gambir Bukik Limau", "KWT Bundo Kanduang")


async def _staf(password: str, permintaan):
    """The demo's operator and Wali Nagari accounts, and a request acting as each."""
    from core.identity.users import create_user
    from core.tables import Pengguna
    from core.web.auth import load_user

    hasil = []
    for username, nama, peran in STAF:
        row = await Pengguna.select(Pengguna.id).where(Pengguna.username == username).first().run()
        if row is None:
            row = {"id": (await create_user(username, nama, password, peran))["id"]}
        req = permintaan()
        req.state["user"] = await load_user(row["id"])
        hasil.append(req)
    return hasil


async def _dtks(operator, hari_ini: date) -> None:
    """DTSEN data for about two families in five, poorer desil for the poorer welfare classes (seeded)."""
    from plugin_sdk import register
    from plugins.bantuan import dtks

    acak = random.Random(25)
    kepala = [p async for p in register.stream_residents(("keluarga", "no_kk", "nik", "nama", "kelas_sosial"),
                                                           {"hubungan": 1})]
    baris = [[dtks.JUDUL[k] for k in dtks.KOLOM]]
    for i, p in enumerate(kepala):
        miskin = p["kelas_sosial"] in (1, 2)
        if not p["no_kk"] or not (miskin or acak.random() < 0.3):
            continue
        desil = acak.randint(1, 4) if miskin else acak.randint(3, 10)
        baris.append([p["no_kk"], p["nik"], p["nama"], "Terdaftar", desil, f"DTSEN-{1307052001:010d}-{i:05d}",
                      hari_ini.year - 1])
    if len(baris) > 1:
        await dtks.terapkan(operator, {"DTSEN": baris}, sumber="Data DTSEN dari Dinas Sosial (demo)",
                            hari_ini=hari_ini)


def _program(nama: str, sumber: str, sasaran: str, mulai: date, **lain) -> dict:
    return {"nama": nama, "sumber": sumber, "sumber_lain": "", "sasaran": sasaran, "mulai": mulai.isoformat(),
            "selesai": (mulai + timedelta(days=364)).isoformat(), "kuota": "", "bentuk": "uang", "nilai": "",
            "barang": "", "status": "aktif", "keterangan": "", "publik": "", "dasar_hukum": "", "nama_utuh": "",
            **lain}


async def _siklus(req, program_id: int, nama: str, mulai: date, hari: int, hari_ini: date) -> int:
    from plugins.bantuan import siklus

    return await siklus.buat_siklus(req, program_id, {"nama": nama, "periode_mulai": mulai.isoformat(),
                                                      "periode_selesai": (mulai + timedelta(days=hari)).isoformat()},
                                    hari_ini=hari_ini)


async def _setujui(operator, wali, siklus_id: int, hari_ini: date) -> None:
    from plugins.bantuan import siklus

    await siklus.ajukan(operator, siklus_id)
    await siklus.setujui(wali, siklus_id, hari_ini=hari_ini)


async def _salurkan(operator, siklus_id: int, tanggal: date, hari_ini: date, barang: str = "") -> None:
    """A handing-over to every recipient of an approved list, received by the person on the list."""
    from plugins.bantuan import penyaluran, siklus

    rows, _ = await siklus.peserta(siklus_id, keluar=False, batas=10_000)
    for r in rows:
        penerima = r["data"].get("nama") or r["kelompok"] or "Penerima"
        await penyaluran.catat(operator, r["id"], {"tanggal": tanggal.isoformat(), "jumlah": "", "barang": barang,
                                                   "diterima_oleh": penerima, "keterangan": ""}, hari_ini=hari_ini)


async def _blt(operator, wali, mulai: date, hari_ini: date) -> None:
    """BLT Dana Desa for poor families (rules), the list above the quota trimmed by hand in the musyawarah; the
    first stage approved and paid; the second being prepared after one recipient's death."""
    from plugins.bantuan import aturan, program, siklus

    kuota = 40
    pid = await program.simpan_program(operator, _program(
        f"BLT Dana Desa {mulai.year}", "blt_dd", "keluarga", mulai, kuota=str(kuota), nilai="900.000",
        keterangan="Bantuan langsung tunai Rp300.000 per bulan, dibayarkan per tiga bulan.", publik="1",
        dasar_hukum=DASAR_BLT))
    await program.simpan_aturan(operator, pid, aturan.baca({"syarat": [
        {"kolom": "kelas_sosial", "op": "salah_satu", "nilai": [1, 2]}]}))
    pertama = await _siklus(operator, pid, "Tahap 1", mulai, 89, hari_ini)
    rows, _ = await siklus.peserta(pertama, keluar=False, batas=10_000)
    for r in rows[kuota:]:  # the musyawarah kept the poorest within the quota; the rest wait as reserves
        await siklus.keluarkan(operator, r["id"], "Melebihi kuota BLT; masuk daftar cadangan hasil musyawarah nagari "
                                                  "khusus.")
    if not rows:  # a register too small for any poor family: the first list stays open
        return
    await _setujui(operator, wali, pertama, hari_ini)
    await _salurkan(operator, pertama, mulai + timedelta(days=20), hari_ini)
    await _meninggal(operator, rows[0], hari_ini)
    await _siklus(operator, pid, "Tahap 2", mulai + timedelta(days=90), 89, hari_ini)


async def _meninggal(operator, entri: dict, hari_ini: date) -> None:
    """One recipient's death recorded in the register after the first stage, so the second stage's list shows
    the flag a clerk must decide on."""
    from core.penduduk.jurnal import record_leaving

    orang = entri["penduduk"]
    if orang:
        await record_leaving(orang, "mati", hari_ini - timedelta(days=3), {"sebab": "Sakit"},
                             actor=operator.state["user"], tanggal_lapor=hari_ini - timedelta(days=2))


async def _pkh(operator, wali, mulai: date, hari_ini: date) -> None:
    """PKH: the recipients come from the Ministry's list, entered by hand from the PKH facilitator's data."""
    from plugin_sdk import register
    from plugins.bantuan import program, siklus

    pid = await program.simpan_program(operator, _program(
        f"PKH {mulai.year}", "pkh", "keluarga", mulai, nilai="750.000",
        keterangan="Data keluarga penerima dari pendamping PKH kecamatan."))
    sid = await _siklus(operator, pid, "Tahap 1", mulai, 89, hari_ini)
    kepala = [p async for p in register.stream_residents(("no_kk", "kelas_sosial"), {"hubungan": 1})]
    calon = [p["no_kk"] for p in kepala if p["kelas_sosial"] == 1 and p["no_kk"]][-5:]
    if not calon:
        return
    await siklus.tambah_banyak(operator, sid, [
        {"nik_atau_kk": kk, "kelompok": "", "alasan": "Terdaftar sebagai KPM PKH menurut data pendamping PKH",
         "no_kartu": f"KKS-{i + 1:04d}"} for i, kk in enumerate(calon)], sumber="Data pendamping PKH",
        hari_ini=hari_ini)
    await _setujui(operator, wali, sid, hari_ini)
    await _salurkan(operator, sid, mulai + timedelta(days=25), hari_ini)


async def _kelompok(operator, wali, mulai: date, hari_ini: date) -> None:
    """Seed aid from the kabupaten to farmer groups: goods, a list of groups, no rules."""
    from plugins.bantuan import program, siklus

    pid = await program.simpan_program(operator, _program(
        f"Bantuan Bibit Gambir {mulai.year}", "kabupaten", "kelompok", mulai, bentuk="barang",
        barang="Bibit gambir unggul 2.000 batang per kelompok",
        keterangan="Dari Dinas Pertanian Kabupaten Lima Puluh Kota."))
    sid = await _siklus(operator, pid, "Penyaluran", mulai, 60, hari_ini)
    await siklus.tambah_banyak(operator, sid, [
        {"nik_atau_kk": "", "kelompok": nama, "alasan": "Diusulkan penyuluh pertanian BPP Harau", "no_kartu": ""}
        for nama in KELOMPOK], sumber="Usulan penyuluh pertanian", hari_ini=hari_ini)
    await _setujui(operator, wali, sid, hari_ini)
    await _salurkan(operator, sid, mulai + timedelta(days=30), hari_ini, barang="Bibit gambir 2.000 batang")


async def buat_bantuan(permintaan, password: str) -> None:
    """The demo's social assistance; `permintaan()` makes a request-like object for code without a web request."""
    from plugin_sdk import register, today

    hari_ini = today(await register.stored_profile())
    mulai = hari_ini - timedelta(days=120)  # the programs started four months ago: one stage paid, one next
    operator, wali = await _staf(password, permintaan)
    await _dtks(operator, hari_ini)
    await _blt(operator, wali, mulai, hari_ini)
    await _pkh(operator, wali, mulai, hari_ini)
    await _kelompok(operator, wali, mulai, hari_ini)

"""Publishing: a dataset's figures for one period are computed, checked and stored as a release, atomically.

A release is keyed on (dataset, periode). Publishing again the same period with other figures is a revision
(`versi` + 1: this month's provisional figures, then the closed month's final ones); the same figures again change
nothing. Each dataset's release is one write transaction; the `satu_data_terbit` event is fired inside it (a
handler that fails is logged and its own writes undone, the release stands); a dataset that fails is reported on
the admin page and the others go on. A count of people below the threshold is refused whole (`periksa_sensor`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from plugin_sdk import emit, public_changed, register, today, write_transaction

from plugins.satu_data import registri
from plugins.satu_data.dataset import KODE_WILAYAH, PERIODE, Dataset, Terbitan, akhir_bulan
from plugins.satu_data.metadata import kode_wilayah
from plugins.satu_data.tables import CatatanTerbit, PerubahanDataset, PilihanDataset, TerbitanDataset

log = logging.getLogger(__name__)
PERIODE_SAH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


class TerbitError(ValueError):
    """Publishing cannot start (bad input, a scoped user); the message is in Bahasa Indonesia."""


@dataclass(frozen=True)
class Hasil:
    """What happened to one dataset: `status` is "baru", "revisi", "tetap", "kosong" or "gagal"."""

    dataset: str
    status: str
    periode: str = ""
    versi: int = 0
    pesan: str = ""


def bulan_lalu(hari: date) -> date:
    """The last day of the month before `hari`'s: what the monthly release publishes."""
    return hari.replace(day=1) - timedelta(days=1)


def _nilai(value, tipe: str, kolom: str):
    """A cell as JSON keeps it, checked against its column's type."""
    if value is None:
        return None
    if tipe == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tipe == "number" and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else (
            float(value) if isinstance(value, Decimal) else value)
    if tipe == "string" and isinstance(value, str):
        return value
    if tipe == "boolean" and isinstance(value, bool):
        return value
    if tipe == "date" and isinstance(value, date):
        return value.isoformat()
    raise ValueError(f"kolom {kolom!r}: nilai {value!r} bukan {tipe}")


def baris_terbit(ds: Dataset, t: Terbitan, kode: str) -> list[dict]:
    """The release's rows: periode and kode_wilayah first, then the dataset's columns in their order; a row with
    a missing or unknown column, or a value of the wrong type, fails the whole release."""
    if not PERIODE_SAH.match(t.periode or ""):
        raise ValueError(f"periode {t.periode!r} harus TTTT-BB atau TTTT")
    nama = [k.nama for k in ds.kolom]
    hasil = []
    for i, row in enumerate(t.baris):
        if set(row) != set(nama):
            lebih, kurang = set(row) - set(nama), set(nama) - set(row)
            raise ValueError(f"baris {i + 1}: kolom tidak cocok (lebih {sorted(lebih)}, kurang {sorted(kurang)})")
        hasil.append({PERIODE: t.periode, KODE_WILAYAH: kode,
                      **{k.nama: _nilai(row[k.nama], k.tipe, k.nama) for k in ds.kolom}})
    return hasil


def alasan_tidak_boleh() -> str | None:
    """Why the current user may not publish (their figures would be partial), or None."""
    if register.current_scope() is not None:
        return ("Hanya akun yang melihat seluruh nagari yang dapat menerbitkan data terbuka; akun ini dibatasi pada "
                "satu wilayah, sehingga angkanya tidak lengkap.")
    return None


async def terbitkan(ctx, *, nama: list[str] | None = None, per: date | None = None, oleh: str = "") -> list[Hasil]:
    """Publish `nama` (default: every dataset the office publishes) with the figures as of the end of `per`
    (default: today, in the nagari's time). Returns one `Hasil` per dataset. Raises TerbitError before writing
    anything when a name is unknown or the user sees only part of the nagari."""
    if alasan := alasan_tidak_boleh():
        raise TerbitError(alasan)
    profil = await register.stored_profile()
    if per is None:
        per = today(profil)
    elif per > today(profil):
        raise TerbitError("Tanggal data tidak boleh di masa depan.")
    elif per != today(profil) and not akhir_bulan(per):
        # a release is "now" or a closed month's: a past mid-month day would turn a final month provisional again
        raise TerbitError("Tanggal data harus hari ini atau hari terakhir suatu bulan.")
    datasets = {d.nama: d for d in await registri.semua(ctx)}
    if nama is None:
        dipilih = {r["dataset"] for r in await PilihanDataset.select(PilihanDataset.dataset).where(
            PilihanDataset.terbit == True).run()}  # noqa: E712 (Piccolo builds SQL from ==)
        nama = [n for n in datasets if n in dipilih]
    tidak_dikenal = [n for n in nama if n not in datasets]
    if tidak_dikenal:
        raise TerbitError(f"Dataset tidak dikenal: {', '.join(tidak_dikenal)}.")
    ambang = await ambang_sensor()
    hasil = [await _satu(ctx, datasets[n], per, kode_wilayah(profil), ambang) for n in nama]
    if any(h.status in ("baru", "revisi") for h in hasil):
        await public_changed()
    return hasil


async def ambang_sensor() -> int:
    """The public statistics' suppression threshold (statistik's setting): below it, no count of people is shown."""
    try:
        from plugins.statistik import api as statistik  # satu_data runs without statistik: then the default
    except ImportError:
        return 3
    return await statistik.threshold()


def periksa_sensor(ds: Dataset, baris: list[dict], ambang: int) -> None:
    """A dataset counting people must show no count below the threshold: a plugin that forgot `suppress` fails
    here, before anything is stored (the LP audit in the tests checks the complementary cells too)."""
    if not ds.hitungan_orang:
        return
    nama = {k.nama for k in ds.kolom}
    if not {"jumlah", "disembunyikan"} <= nama:
        raise ValueError("dataset hitungan orang harus punya kolom jumlah dan disembunyikan (keluaran fungsi sensor)")
    for i, row in enumerate(baris):
        n = row["jumlah"]
        if n is not None and 0 < n < ambang:
            raise ValueError(f"baris {i + 1}: angka {n} di bawah ambang sensor {ambang} ditampilkan; hitungan orang "
                             "harus disensor dengan fungsi sensor statistik")
        if row["disembunyikan"] != (n is None):
            raise ValueError(f"baris {i + 1}: kolom disembunyikan tidak sesuai dengan jumlah")


async def _satu(ctx, ds: Dataset, per: date, kode: str, ambang: int) -> Hasil:
    try:
        t = await (ds.hitung(per, ctx) if ds.dengan_konteks() else ds.hitung(per))
        if t is None:
            return await _catat(Hasil(ds.nama, "kosong", pesan="Belum ada data untuk diterbitkan."))
        baris = baris_terbit(ds, t, kode)
        periksa_sensor(ds, baris, ambang)
        mentah = baris if t.mentah is None else baris_terbit(ds, Terbitan(t.periode, t.mentah), kode)
    except Exception as exc:  # a plugin's computation or rows: reported, never a half-stored release
        log.exception("satu_data: dataset %s gagal dihitung", ds.nama)
        return await _catat(Hasil(ds.nama, "gagal", pesan=f"Gagal dihitung: {exc}"))
    teks = json.dumps(baris, ensure_ascii=False, separators=(",", ":"))
    teks_mentah = "" if mentah is baris else json.dumps(mentah, ensure_ascii=False, separators=(",", ":"))
    # both: a change that only moves hidden cells changes nothing public, but the hub's exact sums
    sidik = hashlib.sha256((teks + "\n" + teks_mentah).encode()).hexdigest()
    now = datetime.now(timezone.utc)
    async with write_transaction():
        lama = await TerbitanDataset.select(TerbitanDataset.id, TerbitanDataset.sidik, TerbitanDataset.versi,
                                            TerbitanDataset.sementara).where(
            TerbitanDataset.dataset == ds.nama, TerbitanDataset.periode == t.periode).first().run()
        if lama is not None and lama["sidik"] == sidik and lama["sementara"] == t.sementara:
            hasil = Hasil(ds.nama, "tetap", t.periode, lama["versi"], "Angkanya sama dengan terbitan sebelumnya.")
        else:
            nilai = {TerbitanDataset.baris: teks, TerbitanDataset.jumlah_baris: len(baris),
                     TerbitanDataset.sidik: sidik, TerbitanDataset.sementara: t.sementara,
                     TerbitanDataset.catatan: (t.catatan or "")[:300], TerbitanDataset.diubah: now,
                     TerbitanDataset.mentah: teks_mentah}
            if lama is None:
                await TerbitanDataset.insert(TerbitanDataset(dataset=ds.nama, periode=t.periode, versi=1, dibuat=now,
                                                             **{c._meta.name: v for c, v in nilai.items()})).run()
                hasil = Hasil(ds.nama, "baru", t.periode, 1)
            else:
                await TerbitanDataset.update({**nilai, TerbitanDataset.versi: lama["versi"] + 1}).where(
                    TerbitanDataset.id == lama["id"]).run()
                hasil = Hasil(ds.nama, "revisi", t.periode, lama["versi"] + 1)
            await PerubahanDataset.insert(PerubahanDataset(dataset=ds.nama, periode=t.periode, versi=hasil.versi,
                                                           dibuat=now)).run()
            await emit(ctx, "satu_data_terbit", terbitan={
                "dataset": ds.nama, "periode": t.periode, "versi": hasil.versi, "sementara": t.sementara,
                "baris": baris})
        await _simpan_catatan(hasil)
    return hasil


async def _catat(hasil: Hasil) -> Hasil:
    async with write_transaction():
        await _simpan_catatan(hasil)
    return hasil


async def _simpan_catatan(hasil: Hasil) -> None:
    berhasil = hasil.status != "gagal"
    pesan = hasil.pesan or {"baru": f"Periode {hasil.periode} diterbitkan.",
                            "revisi": f"Periode {hasil.periode} direvisi (versi {hasil.versi})."}.get(hasil.status, "")
    now = datetime.now(timezone.utc)
    ada = await CatatanTerbit.update({CatatanTerbit.pada: now, CatatanTerbit.berhasil: berhasil,
                                      CatatanTerbit.pesan: pesan[:500]}).where(
        CatatanTerbit.dataset == hasil.dataset).returning(CatatanTerbit.id).run()
    if not ada:
        await CatatanTerbit.insert(CatatanTerbit(dataset=hasil.dataset, pada=now, berhasil=berhasil,
                                                 pesan=pesan[:500])).run()

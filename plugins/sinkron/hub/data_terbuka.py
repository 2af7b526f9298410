"""The hub's own open data (event `satu_data_dataset`, role hub only): one kabupaten dataset per dataset the nagari
sent, its rows the kabupaten, each kecamatan and each nagari from dasbor.jumlah (the dashboard's own sums, people
counts already suppressed there), so the kabupaten's Satu Data portal reads them through satu_data's CKAN API and
data package like any nagari's.

    @hookimpl(optionalhook=True)
    def satu_data_dataset():
        from plugins.sinkron.hub.data_terbuka import datasets
        return datasets()
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from plugin_sdk import role

from plugins.sinkron.hub import dasbor

AWALAN = "kabupaten-"
BULANAN = re.compile(r"^\d{4}-\d{2}$")


def _peran(ctx) -> str:
    if ctx is None:  # satu_data's event: the settings say (balai serve --role hub sets BALAI_ROLE)
        return role()
    try:
        return role(ctx)
    except AttributeError:  # a job's context without the app
        return role()


async def _diterima() -> dict[str, list[str]]:
    """Dataset name -> the periods received for it."""
    from plugins.sinkron.hub.tables import RilisHub as R

    per: dict[str, set] = {}
    for r in await R.select(R.dataset, R.periode).distinct().run():
        per.setdefault(r["dataset"], set()).add(r["periode"])
    return {k: sorted(v, reverse=True) for k, v in per.items()}


async def datasets(ctx=None) -> list:
    """The answer to `satu_data_dataset` on the hub; nothing on a nagari (nor while the dashboard itself asks the
    plugins for their definitions). Each dataset's rows are shaped by the definitions it was declared with."""
    if dasbor.sedang_bertanya() or _peran(ctx) != "hub":
        return []
    from plugins.satu_data.api import Dataset

    w = dasbor.wilayah()
    defs = await dasbor.definisi(ctx)
    out = []
    for nama, periode in sorted((await _diterima()).items()):
        contoh = await dasbor.jumlah(ctx, nama, periode[0], defs)
        if contoh is None:
            continue
        b, asli = contoh.bentuk, defs.get(nama)
        bulanan = any(BULANAN.match(p) for p in periode)
        out.append(Dataset(
            f"{AWALAN}{nama}"[:100], f"{b.judul}: {w.kabupaten.nama}",
            f"Jumlah dari data terbuka nagari \"{b.judul}\" ({nama}) yang dikirim ke hub kabupaten, untuk "
            f"{w.kabupaten.nama}, setiap kecamatan dan setiap nagari yang mengirim. Angka dijumlahkan dari angka "
            "nagari apa adanya; nagari yang belum mengirim periode itu tidak termasuk.",
            _kolom(b, asli), _hitung(nama, bulanan, defs), grup=getattr(asli, "grup", "lainnya"),
            tag=(*getattr(asli, "tag", ()), "kabupaten"), frekuensi="bulanan" if bulanan else "tahunan",
            hitungan_orang=b.orang, sensor=await _sensor() if b.orang else "",
            sumber=f"Data terbuka nagari di {w.kabupaten.nama}, dikirim lewat Balai sinkron"))
    return out


async def _sensor() -> str:
    from plugins.statistik.api import teks_sensor

    return teks_sensor(await dasbor.ambang(), tambahan=(
        "Di hub kabupaten, angka dijumlahkan sebelum disensor, lalu disensor sekali dengan kecamatan sebagai "
        "wilayah dan sekali per kecamatan dengan nagarinya; sel yang disembunyikan untuk satu kecamatan juga "
        "disembunyikan untuk setiap nagarinya."))


def _kolom(b: dasbor.Bentuk, asli) -> tuple:
    from plugins.satu_data.api import Kolom

    per_nama = {k.nama: k for k in getattr(asli, "kolom", ())}
    tempat = (Kolom(dasbor.TINGKAT_DAERAH, "Tingkat daerah", "string", "Kabupaten, kecamatan atau nagari.",
                    kode=tuple(dasbor.TINGKAT.items()), kunci=True),
              Kolom("kode_daerah", "Kode daerah", "string", "Kode wilayah kabupaten, kecamatan atau nagari menurut "
                    "Kemendagri.", daftar_kode="Kemendagri: kode dan data wilayah administrasi pemerintahan",
                    kunci=True),
              Kolom("daerah", "Daerah", "string", "Nama kabupaten, kecamatan atau nagari."))
    kunci = {*b.kunci, "jenis_kelamin"}
    lain = []
    for nama in b.kolom[3:]:
        if nama in per_nama:
            lain.append(dataclasses.replace(per_nama[nama], kunci=nama in kunci))
        else:
            tipe = "boolean" if nama == "disembunyikan" else "number" if nama in b.ukuran else "string"
            lain.append(Kolom(nama, nama, tipe, f"Kolom {nama} dari dataset nagari.", kunci=nama in kunci))
    return (*tempat, *lain)


def _hitung(nama: str, bulanan: bool, defs: dict):
    async def hitung(per: date, ctx):
        from plugins.satu_data.api import Terbitan, periode_bulan, periode_tahun

        periode, sementara = await (periode_bulan(per) if bulanan else periode_tahun(per))
        r = await dasbor.jumlah(ctx, nama, periode, defs)
        if r is None:
            return None
        kolom = r.bentuk.kolom
        return Terbitan(periode, baris=[{k: b.get(k) for k in kolom} for b in r.baris],
                        sementara=sementara or r.sementara)

    return hitung

"""What the asset pages share: the form body types, reading a form's text fields, the choices of the selects
(jorong, code kinds, APB Desa activities), the address of a linked APB Desa activity, and how an amount in sen is
written for a clerk."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body

from plugin_sdk import current_user, enabled_plugins, has_permission, today

from plugins.aset.plugin import KELOLA

BASE = "/admin/aset"
# keuangan's permission to open the APB Desa pages (a string, not an import: keuangan may not be installed)
KEUANGAN_LIHAT = "keuangan.lihat"
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


def teks(data: dict, batas: int = 400) -> dict[str, str]:
    """The text fields of a posted form (uploads left out), trimmed and cut to a sane length, NUL removed."""
    return {k: str(v).replace("\x00", "").strip()[:batas] for k, v in data.items() if isinstance(v, str)}


def rupiah(sen: int | None) -> str:
    """12.500.000,50 sen-exact, without a trailing ",00": how a clerk types an amount back into the form."""
    sen = int(sen or 0)
    tanda, sen = ("-" if sen < 0 else ""), abs(sen)
    utuh = f"{sen // 100:,}".replace(",", ".")
    return f"{tanda}{utuh}" + (f",{sen % 100:02d}" if sen % 100 else "")


def rp(sen: int | None) -> str:
    """ "Rp 12.500.000" as the books print it (whole rupiah)."""
    from plugins.aset.teks import rupiah as rupiah_utuh

    return rupiah_utuh(sen)


def angka(nilai: Any) -> str:
    """A number (area, coordinate) as typed into the form and read back: a decimal comma (so "1250,125" is never
    taken for thousands), no exponent, no trailing zeros."""
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, float):
        return (f"{nilai:.6f}".rstrip("0").rstrip(".") or "0").replace(".", ",")
    return str(nilai)


async def boleh_kelola(request: Request) -> bool:
    return has_permission(await current_user(request), KELOLA)


async def daftar_jorong() -> list[tuple[int, str]]:
    """The nagari's jorong by name, for the select and for naming an asset's place."""
    from plugins.aset import layanan

    return list((await layanan.jorong_nagari()).items())


async def aset_atau_404(aset_id: int) -> dict:
    from plugins.aset import layanan

    row = await layanan.baca(aset_id)
    if row is None:
        raise NotFoundException("Aset tidak ditemukan.")
    return row


async def kegiatan_anggaran(request: Request) -> list[tuple[int, list[tuple[str, str]]]]:
    """[(year, [(kode, nama), ...]), ...] for this year and the five before it that have an APB Desa (in force or
    draft); [] when keuangan is not enabled. The select offers every such year because the form works without
    script: the year of acquisition is typed in the same form (the service checks the two agree)."""
    if "keuangan" not in await enabled_plugins(request):
        return []
    from plugins.aset import layanan

    tahun_ini = today(request).year
    keluar = []
    for tahun in range(tahun_ini, tahun_ini - 6, -1):  # an asset is never acquired in a future year
        kegiatan = await layanan.kegiatan_anggaran(request, tahun)
        if kegiatan:
            keluar.append((tahun, list(kegiatan.items())))
    return keluar


async def alamat_kegiatan(request: Request, tahun: int | None, kode: str) -> str:
    """The office page of a linked APB Desa activity, for who may open it; "" when keuangan is off or the user may
    not see it. Keuangan has no page per activity (nor an address helper in its contract yet): its APB Desa page of
    that year, which lists every activity, is the nearest. Not `?bidang=`: an activity without budget lines has no
    bidang in the tree, and that page would answer 404."""
    if not tahun or not kode or "keuangan" not in await enabled_plugins(request):
        return ""
    if not has_permission(await current_user(request), KEUANGAN_LIHAT):
        return ""
    return f"/admin/keuangan/{tahun}"

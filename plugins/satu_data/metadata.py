"""The catalogue-wide metadata every door repeats (CKAN, DCAT, data package, pages): licence, producer, contact.

One place, so a licence chosen on the plugin's settings page reads the same in a harvested CKAN package, the
DCAT record and datapackage.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugin_sdk import SettingField, get_setting

#: Licences an office may choose (CKAN's licence ids; SPDX ids for the data package; their pages).
LISENSI = {
    "cc-by": ("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-zero": ("CC0-1.0", "Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "odc-by": ("ODC-By-1.0", "Open Data Commons Attribution License",
               "https://opendatacommons.org/licenses/by/1-0/"),
}
BAWAAN = "cc-by"


@dataclass(frozen=True)
class Lisensi:
    id: str      # CKAN's license_id
    spdx: str    # the data package's licence name
    judul: str
    url: str


@dataclass(frozen=True)
class Produsen:
    """The producer (the nagari office) and whom to ask about the data."""

    nama: str
    kontak: str
    email: str
    telepon: str
    alamat: str


def settings() -> list[SettingField]:
    return [
        SettingField("lisensi", "Lisensi data terbuka", kind="choice", default=BAWAAN,
                     choices=tuple((k, v[1]) for k, v in LISENSI.items()),
                     help="Lisensi yang tercantum di setiap dataset. CC-BY 4.0: siapa pun boleh memakai data dengan "
                          "menyebut sumbernya."),
        SettingField("kontak_nama", "Nama petugas data (walidata nagari)", default="",
                     help="Kosong: kantor nagari."),
        SettingField("kontak_email", "Email untuk pertanyaan tentang data", default="",
                     help="Kosong: email kantor dari profil nagari."),
    ]


def kode_wilayah(profil: dict) -> str:
    """The Kemendagri code as published, dotted: a nagari's ten digits ("13.07.05.2001"), a kabupaten hub's four
    ("13.07"); the profile keeps the digits."""
    kode = "".join(c for c in (profil.get("kode") or "") if c.isdigit())
    if len(kode) not in (4, 10):
        return kode
    return ".".join(kode[i:j] for i, j in ((0, 2), (2, 4), (4, 6), (6, 10)) if kode[i:j])


async def lisensi() -> Lisensi:
    kode = await get_setting("satu_data", "lisensi") or BAWAAN
    spdx, judul, url = LISENSI.get(kode, LISENSI[BAWAAN])
    return Lisensi(kode if kode in LISENSI else BAWAAN, spdx, judul, url)


async def produsen(profil: dict) -> Produsen:
    sebutan = profil.get("sebutan_desa") or "Nagari"
    nama = f"Pemerintah {sebutan} {profil.get('nama') or ''}".strip()
    kontak = (await get_setting("satu_data", "kontak_nama") or "").strip() or f"Kantor {sebutan}"
    email = (await get_setting("satu_data", "kontak_email") or "").strip() or (profil.get("email") or "")
    return Produsen(nama=nama, kontak=kontak, email=email, telepon=profil.get("telepon") or "",
                    alamat=profil.get("alamat") or "")

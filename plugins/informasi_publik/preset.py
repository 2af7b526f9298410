"""The `informasi_publik` section of a preset (folder ``<preset>/informasi_publik/``): regulations, the PPID's
documents and requests, the holiday calendar, and the letter registers. Every date is relative to the day the
preset is applied; each file is optional.

``hukum.toml``::

    [[produk]]
    jenis = "perdes"              # perdes | perkades | kepkades | perber
    nomor = 1
    tahun = 0                     # 0: this year, -1: last year
    ditetapkan = "01-15"          # month-day in that year
    judul = "Pungutan Pasar Nagari"
    pokok = "..."
    disepakati = true             # agreed with the Bamus on that day (a Peraturan Nagari)
    diundangkan = true            # promulgated that day, in the Lembaran/Berita numbered like the regulation
    mencabut = { jenis = "perdes", nomor = 1 }   # or mengubah = {...}; tahun relative, default the same year
    naskah = "contoh"             # a one-page PDF drawn from the title, or a PDF of this folder ("naskah/x.pdf")

``ppid.toml``::

    [[dokumen]]
    kategori = "berkala"          # berkala | serta_merta | setiap_saat | dikecualikan
    judul = "Ringkasan APB Nagari"
    uraian = "..."
    tahun = 0
    penanggung_jawab = "Sekretaris Nagari"
    naskah = "contoh"             # as in hukum.toml; or tautan = "https://..."

    [[permohonan]]                # requests for information (invented requesters, never residents)
    nama = "..."; alamat = "..."; kontak = "nama@contoh.id"; informasi = "..."; tujuan = "..."
    cara = "softcopy"; kirim = "email"
    hari = -8                     # received this many days before
    jawaban = { status = "ditolak", hari = -2, pasal = "17h", catatan = "..." }   # optional

    [[libur]]                     # local holidays, besides the national ones Balai carries (added when missing)
    tanggal = "08-20"; tahun = 0; nama = "Alek nagari"; cuti_bersama = false

``agenda.toml``::

    [[masuk]]                     # letters received; "{tahun}" in a number is the year of its date
    hari = -40; pengirim = "Camat Harau"; nomor = "005/112/KEC-HR/{tahun}"; isi = "..."
    disposisi = { jabatan = "Wali Nagari", isi = "Hadiri" }   # to the official holding that post (optional)

    [[keluar]]                    # letters sent that Balai's letter service did not issue
    hari = -30; nomor = "005/41/TRM/{tahun}"; kepada = "Camat Harau"; isi = "..."
    ekspedisi = { cara = "Diantar langsung", penerima = "Staf Kantor Camat" }   # its dispatch (optional)

A refused entry names its file and entry; the engine's transaction then leaves the database unchanged.
`ekspor` writes the local holidays (the office's calendar), the one part that is configuration: regulations,
documents, requests and registers belong to one nagari and are not carried to another.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from plugin_sdk import save_pdf
from plugin_sdk.preset import (BagianPreset, GalatPreset, KonteksPreset, baca_toml, bulan_hari, daftar_tabel,
                               hari_relatif, tahun_relatif)

from plugins.informasi_publik import agenda, hari_kerja, hukum, ppid
from plugins.informasi_publik.publik.ppid import FOLDER as FOLDER_PPID
from plugins.informasi_publik.tabel_ppid import HariLibur, PermohonanInformasi

BERKAS = {"hukum.toml": {"produk"}, "ppid.toml": {"dokumen", "permohonan", "libur"},
          "agenda.toml": {"masuk", "keluar"}}


def _baca(folder: Path) -> dict[str, dict]:
    data = {}
    for nama, bagian in BERKAS.items():
        data[nama] = baca_toml(folder / nama, f"informasi_publik/{nama}")
        if unknown := sorted(set(data[nama]) - bagian):
            raise GalatPreset(f"informasi_publik/{nama}: bagian tidak dikenal: {', '.join(unknown)}.")
        for key in bagian:
            daftar_tabel(data[nama], key, f"informasi_publik/{nama}")
    return data


def _pesan(exc: Exception) -> str:
    galat = getattr(exc, "galat", None)
    return " ".join(galat.values()) if isinstance(galat, dict) else str(exc)


def _hari(entry: dict, kunci: str, hari_ini: date, tempat: str, bawaan: int | None = None) -> date:
    return hari_relatif(entry.get(kunci, bawaan), hari_ini, tempat, kunci)


def _tanggal_tahun(entry: dict, kunci: str, hari_ini: date, tempat: str) -> date:
    """"bb-hh" in the year `tahun` (relative) of the entry; the message names the key, the entry's own word."""
    try:
        return bulan_hari(tahun_relatif(entry.get("tahun", 0), hari_ini, tempat), entry.get(kunci, ""), tempat)
    except GalatPreset:
        raise GalatPreset(f"{tempat}: {kunci} ditulis \"bb-hh\" (mis. \"01-15\"), tahun relatif "
                          "(0 tahun ini, -1 tahun lalu).") from None


def _naskah(folder: Path, entry: dict, tempat: str, judul: str, baris: tuple[str, ...]) -> bytes:
    naskah = entry.get("naskah")
    if not naskah:
        return b""
    if naskah == "contoh":
        from plugins.informasi_publik.contoh_hukum import pdf_contoh

        return pdf_contoh(judul, baris)
    path = (folder / str(naskah)).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        raise GalatPreset(f"{tempat}: naskah {naskah!r} tidak ada di folder informasi_publik/.")
    return path.read_bytes()


async def _hukum(konteks: KonteksPreset, folder: Path, rows: list[dict]) -> int:
    ids: dict[tuple[str, int, int], int] = {}
    for ke, entry in enumerate(rows, start=1):
        tempat = f"informasi_publik/hukum.toml [[produk]] ke-{ke}"
        ditetapkan = _tanggal_tahun(entry, "ditetapkan", konteks.hari_ini, tempat)
        jenis, nomor, judul = str(entry.get("jenis", "")), entry.get("nomor"), str(entry.get("judul", ""))
        data = {"jenis": jenis, "nomor": str(nomor), "tahun": str(ditetapkan.year), "judul": judul,
                "pokok": str(entry.get("pokok", "")), "ditetapkan": ditetapkan.isoformat(),
                "disepakati": ditetapkan.isoformat() if entry.get("disepakati") else "",
                "diundangkan": ditetapkan.isoformat() if entry.get("diundangkan") else "",
                "nomor_lembaran": str(nomor) if entry.get("diundangkan") else "",
                "keterangan": str(entry.get("keterangan", ""))}
        for tindakan in (hukum.MENGUBAH, hukum.MENCABUT):
            if target := entry.get(tindakan):
                if not isinstance(target, dict):
                    raise GalatPreset(f"{tempat}: {tindakan} ditulis {{ jenis = ..., nomor = ... }}.")
                kunci = (str(target.get("jenis")), target.get("nomor"), ditetapkan.year + target.get("tahun", 0)
                         if "tahun" in target else ditetapkan.year)
                if kunci not in ids:
                    raise GalatPreset(f"{tempat}: {tindakan} {kunci[0]} nomor {kunci[1]} tahun {kunci[2]}, "
                                      "yang tidak ada di atasnya dalam berkas ini.")
                data.update(tindakan=tindakan, mengubah_id=str(ids[kunci]))
        pdf = _naskah(folder, entry, tempat, judul.upper(), (f"Nomor {nomor} Tahun {ditetapkan.year}",
                                                             data["pokok"][:90]))
        try:
            ids[(jenis, nomor, ditetapkan.year)] = await hukum.simpan(konteks.request, data, pdf)
        except hukum.HukumError as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None
    return len(ids)


async def _libur(konteks: KonteksPreset, rows: list[dict]) -> None:
    ada = {r["tanggal"] for r in await HariLibur.select(HariLibur.tanggal).run()}
    baru = [HariLibur(tanggal=t, nama=n, cuti_bersama=c) for t, n, c in hari_kerja.libur_bawaan() if t not in ada]
    if baru:  # an emptied training room has lost the calendar a new installation gets when migrated
        await HariLibur.insert(*baru).run()
    for ke, entry in enumerate(rows, start=1):
        tempat = f"informasi_publik/ppid.toml [[libur]] ke-{ke}"
        tanggal = _tanggal_tahun(entry, "tanggal", konteks.hari_ini, tempat)
        try:
            await ppid.tambah_libur(konteks.request, tanggal, str(entry.get("nama", "")),
                                    entry.get("cuti_bersama") is True)
        except ppid.PpidError as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None


async def _ppid(konteks: KonteksPreset, folder: Path, data: dict) -> None:
    request, hari_ini = konteks.request, konteks.hari_ini
    await _libur(konteks, data.get("libur", []))
    for ke, entry in enumerate(data.get("dokumen", []), start=1):
        tempat = f"informasi_publik/ppid.toml [[dokumen]] ke-{ke}"
        judul = str(entry.get("judul", ""))
        isian = {"judul": judul, "uraian": str(entry.get("uraian", "")), "kategori": str(entry.get("kategori", "")),
                 "tahun": str(hari_ini.year + int(entry.get("tahun", 0))),
                 "penanggung_jawab": str(entry.get("penanggung_jawab", "")), "tautan": str(entry.get("tautan", ""))}
        pdf = _naskah(folder, entry, tempat, judul, ())
        try:
            if galat := ppid.cek_dokumen(isian, bool(pdf)):  # checked before its PDF is stored
                raise ppid.PpidError(galat)
            await ppid.simpan_dokumen(request, isian, save_pdf(request, FOLDER_PPID, pdf) if pdf else "")
        except (ppid.PpidError, ValueError) as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None
    for ke, entry in enumerate(data.get("permohonan", []), start=1):
        tempat = f"informasi_publik/ppid.toml [[permohonan]] ke-{ke}"
        diterima = _hari(entry, "hari", hari_ini, tempat, 0)
        try:
            await ppid.ajukan(request, ppid.baca_isian(entry), "", diterima=diterima)
            if jawaban := entry.get("jawaban"):
                row = await PermohonanInformasi.select(PermohonanInformasi.id).order_by(
                    PermohonanInformasi.id, ascending=False).first().run()
                await ppid.jawab(request, row["id"], str(jawaban.get("status", "")),
                                 _hari(jawaban, "hari", hari_ini, tempat, 0), str(jawaban.get("pasal", "")),
                                 str(jawaban.get("catatan", "")))
        except ppid.PpidError as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None


async def _agenda(konteks: KonteksPreset, data: dict) -> None:
    from plugin_sdk.dokumen import officials

    hari_ini = konteks.hari_ini
    per_jabatan = {p["jabatan"]: p["id"] for p in await officials() if p.get("aktif")}
    for ke, entry in enumerate(data.get("masuk", []), start=1):
        tempat = f"informasi_publik/agenda.toml [[masuk]] ke-{ke}"
        diterima = _hari(entry, "hari", hari_ini, tempat)
        isian = {"tanggal_terima": diterima.isoformat(),
                 "tanggal_surat": (diterima - timedelta(days=int(entry.get("surat_sebelum", 2)))).isoformat(),
                 "nomor_surat": str(entry.get("nomor", "")).replace("{tahun}", str(diterima.year)),
                 "pengirim": str(entry.get("pengirim", "")), "isi": str(entry.get("isi", "")),
                 "keterangan": str(entry.get("keterangan", ""))}
        if disposisi := entry.get("disposisi"):
            if disposisi.get("jabatan") not in per_jabatan:
                raise GalatPreset(f"{tempat}: disposisi kepada {disposisi.get('jabatan')!r}, jabatan yang "
                                  "tidak dipegang perangkat mana pun (profil.toml).")
            isian.update(disposisi_kepada=str(per_jabatan[disposisi["jabatan"]]),
                         disposisi_isi=str(disposisi.get("isi", "")),
                         disposisi_tanggal=min(diterima + timedelta(days=1), hari_ini).isoformat())
        try:
            await agenda.catat_masuk(konteks.request, isian, hari_ini=hari_ini)
        except agenda.AgendaError as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None
    for ke, entry in enumerate(data.get("keluar", []), start=1):
        tempat = f"informasi_publik/agenda.toml [[keluar]] ke-{ke}"
        tanggal = _hari(entry, "hari", hari_ini, tempat)
        kepada = str(entry.get("kepada", ""))
        try:
            keluar_id = await agenda.simpan_keluar(konteks.request, {
                "nomor": str(entry.get("nomor", "")).replace("{tahun}", str(tanggal.year)),
                "tanggal": tanggal.isoformat(), "kepada": kepada, "isi": str(entry.get("isi", ""))},
                hari_ini=hari_ini)
            if kirim := entry.get("ekspedisi"):
                surat = await agenda.surat_keluar_untuk(konteks.request, keluar_id=keluar_id)
                await agenda.simpan_ekspedisi(konteks.request, {
                    "tanggal_kirim": _hari(kirim, "hari", hari_ini, tempat, entry["hari"]).isoformat(),
                    "kepada": str(kirim.get("kepada", kepada)), "cara": str(kirim.get("cara", "")),
                    "penerima": str(kirim.get("penerima", ""))}, hari_ini=hari_ini, surat=surat)
        except agenda.AgendaError as exc:
            raise GalatPreset(f"{tempat}: {_pesan(exc)}") from None


async def terapkan(konteks: KonteksPreset, folder: Path) -> None:
    data = _baca(folder)
    produk = await _hukum(konteks, folder, data["hukum.toml"].get("produk", []))
    await _ppid(konteks, folder, data["ppid.toml"])
    await _agenda(konteks, data["agenda.toml"])
    konteks.catat(f"informasi_publik: {produk} produk hukum, {len(data['ppid.toml'].get('dokumen', []))} dokumen "
                  f"informasi publik, {len(data['agenda.toml'].get('masuk', []))} surat masuk")


async def ekspor(konteks: KonteksPreset, folder: Path) -> None:
    """The office's own holidays (those not in Balai's national calendar), as dates of the years around now."""
    bawaan = {t for t, _, _ in hari_kerja.libur_bawaan()}
    rows = await HariLibur.select().order_by(HariLibur.tanggal).run()
    lines = ["# Hari libur setempat kantor nagari, diekspor dari Balai (libur nasional dibawa Balai sendiri)."]
    for row in rows:
        if row["tanggal"] in bawaan:
            continue
        nama = row["nama"].replace("\\", "\\\\").replace('"', '\\"')
        lines += ["", "[[libur]]", f"tanggal = \"{row['tanggal']:%m-%d}\"",
                  f"tahun = {row['tanggal'].year - konteks.hari_ini.year}", f"nama = \"{nama}\"",
                  f"cuti_bersama = {'true' if row['cuti_bersama'] else 'false'}"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ppid.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def bagian() -> list[BagianPreset]:
    return [BagianPreset("informasi_publik", terapkan, ekspor, urutan=450, judul="Sekretariat dan informasi publik")]

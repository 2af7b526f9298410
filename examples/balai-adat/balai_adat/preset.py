"""The `adat` section of a preset (<preset>/adat/): the suku, kaum and penghulu, the residents' suku, tanah ulayat.

``suku.toml``::

    [warga]                                   # optional: which suku the families belong to (weights, any scale)
    bagian = { Piliang = 22, Chaniago = 20 }  # a family's mother and children share one; a husband has his own

    [[suku]]
    nama = "Piliang"
    [[suku.kaum]]
    nama = "Koto Gadang"
    [[suku.penghulu]]
    gelar = "Datuak Bandaro Kayo"
    kaum = ""            # the kaum it leads by name; empty: the penghulu of the suku as a whole
    jabatan_kan = "ketua"  # "", anggota, ketua, wakil_ketua, sekretaris, bendahara
    sejak_tahun = -9     # optional, years before the day the preset is applied
    pemegang = "warga"   # optional rule: a living man of the suku aged 40 or more, drawn with the seed

A holder is never named by NIK: the register is synthetic and a preset carries no person.

``ulayat.toml``: ``[[tanah]]`` nama, jorong (its NAME; empty across jorong), luas (hectares as a clerk types
them, "12,5"), status (nagari, suku, kaum), suku and kaum (names, as the status asks), penggunaan, batas,
keterangan; ``[[sengketa]]`` tanah (the parcel's name), hari (days before the day applied, <= 0), pihak, uraian,
status (terbuka, mediasi, selesai), hasil.

Both files are checked whole before the first write; a bad entry is refused with its file and entry. The export
writes the registry's configuration: suku, kaum, titles and KAN roles, and the parcels; never a holder, a
resident or a dispute's parties.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plugin_sdk import register
from plugin_sdk.preset import GalatPreset, baca_toml, daftar_tabel, hari_relatif, tahun_relatif, tulis_toml

from balai_adat import layanan
from balai_adat.layanan import JABATAN_KAN, TUNGGAL, GalatIsian
from balai_adat.tables import Kaum, Penghulu, Suku, SukuWarga
from balai_adat.ulayat import layanan as ulayat
from balai_adat.ulayat import periksa
from balai_adat.ulayat.kode import STATUS

KUNCI = {"suku": {"nama", "keterangan", "kaum", "penghulu"}, "kaum": {"nama", "keterangan"},
         "penghulu": {"gelar", "kaum", "jabatan_kan", "sejak_tahun", "pemegang"},
         "tanah": {"nama", "jorong", "luas", "status", "suku", "kaum", "penggunaan", "batas", "keterangan"},
         "sengketa": {"tanah", "hari", "pihak", "uraian", "status", "hasil"}}
UMUR_PENGHULU = 40
SUAMI, ISTRI, ANAK, KEPALA = 2, 3, 4, 1


def _teks(entri: dict, kunci: str) -> str:
    return " ".join(str(entri.get(kunci) or "").split())


def _entri(data: dict, jenis: str, tempat: str) -> list[dict]:
    """The [[jenis]] entries of `data`, each with only known keys; a NIK anywhere is refused outright."""
    daftar = daftar_tabel(data, jenis, tempat)
    for n, e in enumerate(daftar, start=1):
        if "nik" in e or "penduduk" in e:
            raise GalatPreset(f"{tempat} [[{jenis}]] ke-{n}: preset tidak memuat penduduk (NIK); "
                              "gunakan pemegang = \"warga\".")
        if asing := sorted(set(e) - KUNCI[jenis]):
            raise GalatPreset(f"{tempat} [[{jenis}]] ke-{n}: kunci {', '.join(asing)} tidak dikenal.")
    return daftar


def _sejak(nilai, hari_ini: date, tempat: str) -> date | None:
    if nilai is None:
        return None
    tahun = tahun_relatif(nilai, hari_ini, f"{tempat}, sejak_tahun", paling_awal=-80)
    try:
        return hari_ini.replace(year=tahun)
    except ValueError:  # 29 February in a common year
        return hari_ini.replace(year=tahun, day=28)


def _suku(data: dict, hari_ini: date) -> list[dict]:
    """suku.toml's [[suku]] checked: names unique, titles unique within a suku, one penghulu a kaum, KAN roles."""
    hasil, nama_suku, tunggal = [], set(), {}
    for n, s in enumerate(_entri(data, "suku", "adat/suku.toml"), start=1):
        nama = _teks(s, "nama")
        tempat = f"adat/suku.toml, suku {nama or f'ke-{n}'}"
        if not nama or len(nama) > 80:
            raise GalatPreset(f"{tempat}: nama suku wajib diisi (paling banyak 80 huruf).")
        if nama.lower() in nama_suku:
            raise GalatPreset(f"{tempat}: suku {nama} tertulis dua kali.")
        nama_suku.add(nama.lower())
        kaum = {}
        for k in _entri(s, "kaum", tempat):
            nk = _teks(k, "nama")
            if not nk or len(nk) > 80 or nk.lower() in kaum:
                raise GalatPreset(f"{tempat}, kaum {nk!r}: nama kaum wajib diisi, unik di sukunya, <= 80 huruf.")
            kaum[nk.lower()] = {"nama": nk, "keterangan": _teks(k, "keterangan")}
        penghulu, gelar, dipimpin = [], set(), set()
        for p in _entri(s, "penghulu", tempat):
            g = _teks(p, "gelar")
            di = f"{tempat}, penghulu {g or '(tanpa gelar)'}"
            if not g or len(g) > 120 or g.lower() in gelar:
                raise GalatPreset(f"{di}: gelar wajib diisi, unik di sukunya, paling banyak 120 huruf.")
            gelar.add(g.lower())
            nk = _teks(p, "kaum").lower()
            if nk and nk not in kaum:
                raise GalatPreset(f"{di}: kaum {p['kaum']!r} tidak ada di suku {nama}.")
            if nk and nk in dipimpin:
                raise GalatPreset(f"{di}: kaum {kaum[nk]['nama']} sudah punya penghulu.")
            if nk:
                dipimpin.add(nk)
            jabatan = _teks(p, "jabatan_kan")
            if jabatan not in JABATAN_KAN:
                raise GalatPreset(f"{di}: jabatan_kan {jabatan!r} tidak dikenal ({', '.join(JABATAN_KAN)}).")
            if jabatan in TUNGGAL and jabatan in tunggal:
                raise GalatPreset(f"{di}: {JABATAN_KAN[jabatan]} KAN sudah dijabat {tunggal[jabatan]}.")
            if jabatan in TUNGGAL:
                tunggal[jabatan] = g
            if p.get("pemegang", "") not in ("", "warga"):
                raise GalatPreset(f"{di}: pemegang hanya boleh \"warga\" (diundi dari register) atau kosong.")
            penghulu.append({"gelar": g, "kaum": kaum[nk]["nama"] if nk else "", "jabatan_kan": jabatan,
                             "sejak": _sejak(p.get("sejak_tahun"), hari_ini, di), "pemegang": bool(p.get("pemegang"))})
        hasil.append({"nama": nama, "keterangan": _teks(s, "keterangan"), "kaum": list(kaum.values()),
                      "penghulu": penghulu})
    return hasil


def _bagian(data: dict, suku: set[str]) -> dict[str, float]:
    warga = data.get("warga") or {}
    if set(warga) - {"bagian"}:
        raise GalatPreset("adat/suku.toml [warga]: hanya kunci 'bagian' yang dikenal.")
    bagian = warga.get("bagian") or {}
    for nama, bobot in bagian.items():
        if nama.lower() not in suku:
            raise GalatPreset(f"adat/suku.toml [warga] bagian: suku {nama!r} tidak ada di [[suku]].")
        if not isinstance(bobot, (int, float)) or bobot < 0:
            raise GalatPreset(f"adat/suku.toml [warga] bagian: bobot suku {nama} harus angka 0 atau lebih.")
    if bagian and not sum(bagian.values()):
        raise GalatPreset("adat/suku.toml [warga] bagian: jumlah bobot tidak boleh 0.")
    return bagian


async def _ulayat(data: dict, suku: dict[str, set[str]], jorong: dict[str, int], hari_ini: date) -> tuple[list, list]:
    """ulayat.toml checked against the suku and kaum (by name) and the nagari's jorong (by name)."""
    tanah, nama_tanah = [], {}
    for n, t in enumerate(_entri(data, "tanah", "adat/ulayat.toml"), start=1):
        tempat = f"adat/ulayat.toml, tanah {_teks(t, 'nama') or f'ke-{n}'}"
        j = _teks(t, "jorong")
        if j and j.lower() not in jorong:
            raise GalatPreset(f"{tempat}: jorong {j!r} tidak ada di nagari ini.")
        form = {**t, "luas": str(t.get("luas") or ""), "jorong": str(jorong.get(j.lower(), 0))}
        # the holder is checked by name below (ids exist only after writing): the form check sees the nagari
        nilai, galat = await periksa.tanah({**form, "status": "nagari"}, {i: n for n, i in jorong.items()})
        status, ns, nk = _teks(t, "status"), _teks(t, "suku"), _teks(t, "kaum")
        if status not in STATUS:
            galat["status"] = f"status {status!r} harus nagari, suku atau kaum"
        elif status != "nagari" and ns.lower() not in suku:
            galat["suku"] = f"suku {ns!r} tidak ada di adat/suku.toml"
        elif status == "kaum" and nk.lower() not in suku[ns.lower()]:
            galat["kaum"] = f"kaum {nk!r} tidak ada di suku {ns}"
        if nilai.get("nama", "").lower() in nama_tanah:
            galat["nama"] = "nama tanah tertulis dua kali"
        if galat:
            raise GalatPreset(f"{tempat}: {' '.join(galat.values())}")
        nama_tanah[nilai["nama"].lower()] = len(tanah)
        tanah.append({**nilai, "status": status, "suku": ns if status != "nagari" else "",
                      "kaum": nk if status == "kaum" else ""})
    sengketa = []
    for n, s in enumerate(_entri(data, "sengketa", "adat/ulayat.toml"), start=1):
        tempat = f"adat/ulayat.toml, sengketa ke-{n}"
        if _teks(s, "tanah").lower() not in nama_tanah:
            raise GalatPreset(f"{tempat}: tanah {s.get('tanah')!r} tidak ada di [[tanah]].")
        tanggal = hari_relatif(s.get("hari", 0), hari_ini, tempat)
        nilai, galat = periksa.sengketa({**s, "tanggal": tanggal.isoformat()}, hari_ini)
        if galat:
            raise GalatPreset(f"{tempat}: {' '.join(galat.values())}")
        sengketa.append((nama_tanah[_teks(s, "tanah").lower()], nilai))
    return tanah, sengketa


def _toml(folder: Path, nama: str) -> dict:
    return baca_toml(folder / nama, f"adat/{nama}")


async def _warga(konteks, suku_ids: dict[str, int], kaum_ids: dict[str, list[int]], bagian: dict) -> int:
    """Each family a suku drawn by weight (and a kaum of it): the wife or a woman head and the children share it;
    a husband and the other members draw their own. Returns how many residents were given a suku."""
    if not bagian:
        return 0
    rng = konteks.rng("adat")
    nama, bobot = list(bagian), list(bagian.values())

    def undi() -> tuple[int, int | None]:
        s = rng.choices(nama, bobot)[0]
        return suku_ids[s.lower()], (rng.choice(kaum_ids[s.lower()]) if kaum_ids[s.lower()] else None)

    keluarga: dict[int, tuple] = {}
    baris = []
    async for p in register.stream_residents(("id", "keluarga", "hubungan", "jenis_kelamin")):
        garis = (p["hubungan"] in (ISTRI, ANAK) or (p["hubungan"] == KEPALA and p["jenis_kelamin"] == 2))
        if garis and p["keluarga"]:
            suku_kaum = keluarga.setdefault(p["keluarga"], undi())
        else:
            suku_kaum = undi()
        baris.append(SukuWarga(penduduk=p["id"], suku=suku_kaum[0], kaum=suku_kaum[1]))
    for awal in range(0, len(baris), 500):
        await SukuWarga.insert(*baris[awal:awal + 500]).run()
    return len(baris)


async def _calon_pemegang(konteks) -> dict[int, list[int]]:
    """suku id -> living men of the suku aged UMUR_PENGHULU or more, in id order."""
    batas = konteks.hari_ini.replace(year=konteks.hari_ini.year - UMUR_PENGHULU, day=min(konteks.hari_ini.day, 28))
    suku_dari = {r["penduduk"]: r["suku"] for r in await SukuWarga.select(SukuWarga.penduduk, SukuWarga.suku).run()}
    calon: dict[int, list[int]] = {}
    async for p in register.stream_residents(("id", "jenis_kelamin", "tanggal_lahir")):
        if p["jenis_kelamin"] == 1 and p["tanggal_lahir"] and p["tanggal_lahir"] <= batas and p["id"] in suku_dari:
            calon.setdefault(suku_dari[p["id"]], []).append(p["id"])
    return calon


async def terapkan(konteks, folder: Path) -> None:
    """Check suku.toml and ulayat.toml whole, then write through the plugin's own services."""
    data_suku, data_ulayat = _toml(folder, "suku.toml"), _toml(folder, "ulayat.toml")
    if asing := sorted(set(data_suku) - {"suku", "warga"}) + sorted(set(data_ulayat) - {"tanah", "sengketa"}):
        raise GalatPreset(f"adat: bagian {', '.join(asing)} tidak dikenal (suku.toml: [warga], [[suku]]; "
                          "ulayat.toml: [[tanah]], [[sengketa]]).")
    suku = _suku(data_suku, konteks.hari_ini)
    ada = {r["nama"].lower(): r["id"] for r in await Suku.select(Suku.id, Suku.nama).run()}
    if dobel := [s["nama"] for s in suku if s["nama"].lower() in ada]:
        raise GalatPreset(f"adat/suku.toml: suku {', '.join(dobel)} sudah tercatat di nagari ini.")
    kaum_ada: dict[str, set[str]] = {n: set() for n in ada}
    for k in await Kaum.select(Kaum.nama, Kaum.suku.nama.as_alias("suku")).run():
        kaum_ada[k["suku"].lower()].add(k["nama"].lower())
    nama_kaum = {**kaum_ada, **{s["nama"].lower(): {k["nama"].lower() for k in s["kaum"]} for s in suku}}
    bagian = _bagian(data_suku, {s["nama"].lower() for s in suku})
    jorong = {n.lower(): i for i, n in (await ulayat.jorong_nagari()).items()}
    tanah, sengketa = await _ulayat(data_ulayat, nama_kaum, jorong, konteks.hari_ini)

    suku_ids, kaum_ids = dict(ada), {}
    for s in suku:
        try:
            sid = suku_ids[s["nama"].lower()] = await layanan.simpan_suku(
                konteks.request, {"nama": s["nama"], "keterangan": s["keterangan"]})
            kaum_ids[s["nama"].lower()] = {k["nama"].lower(): await layanan.simpan_kaum(konteks.request, sid, k)
                                           for k in s["kaum"]}
        except GalatIsian as exc:
            raise GalatPreset(f"adat/suku.toml, suku {s['nama']}: {exc}") from None
    warga = await _warga(konteks, suku_ids, {n: list(k.values()) for n, k in kaum_ids.items()}, bagian)
    calon, rng, dipakai = await _calon_pemegang(konteks), konteks.rng("adat.pemegang"), set()
    for s in suku:
        sid = suku_ids[s["nama"].lower()]
        for p in s["penghulu"]:
            bebas = [i for i in calon.get(sid, []) if i not in dipakai]
            pemegang = rng.choice(bebas) if p["pemegang"] and bebas else None
            dipakai.add(pemegang)
            form = {"gelar": p["gelar"], "jabatan_kan": p["jabatan_kan"],
                    "kaum": str(kaum_ids[s["nama"].lower()][p["kaum"].lower()]) if p["kaum"] else "",
                    "sejak": p["sejak"].isoformat() if p["sejak"] else "",
                    "nik": (await register.resident(pemegang))["nik"] if pemegang else ""}
            try:
                await layanan.simpan_penghulu(konteks.request, sid, form)
            except GalatIsian as exc:
                raise GalatPreset(f"adat/suku.toml, suku {s['nama']}, penghulu {p['gelar']}: {exc}") from None
    semua_kaum = {(r["suku"].lower(), r["nama"].lower()): r["id"] for r in await Kaum.select(
        Kaum.id, Kaum.nama, Kaum.suku.nama.as_alias("suku")).run()}
    ids = []
    for t in tanah:
        nilai = {**t, "suku": suku_ids[t["suku"].lower()] if t["suku"] else None,
                 "kaum": semua_kaum[(t["suku"].lower(), t["kaum"].lower())] if t["kaum"] else None}
        ids.append(await ulayat.simpan_tanah(konteks.request, nilai))
    for nomor, nilai in sengketa:
        await ulayat.simpan_sengketa(konteks.request, ids[nomor], nilai)
    konteks.catat(f"Adat: {len(suku)} suku, {sum(len(s['kaum']) for s in suku)} kaum, "
                  f"{sum(len(s['penghulu']) for s in suku)} penghulu, {warga} warga bersuku, {len(tanah)} tanah "
                  f"ulayat, {len(sengketa)} sengketa")


async def ekspor(konteks, folder: Path) -> None:
    """The registry's configuration: suku, kaum, titles and KAN roles; the parcels. No holder, no dispute."""
    kaum = await Kaum.select(Kaum.id, Kaum.nama, Kaum.keterangan, Kaum.suku).order_by(Kaum.nama).run()
    penghulu = await Penghulu.select(Penghulu.gelar, Penghulu.suku, Penghulu.kaum.nama.as_alias("kaum"),
                                     Penghulu.jabatan_kan).order_by(Penghulu.gelar).run()
    suku = []
    for s in await Suku.select(Suku.id, Suku.nama, Suku.keterangan).order_by(Suku.nama).run():
        suku.append({"nama": s["nama"], "keterangan": s["keterangan"] or None,
                     "kaum": [{"nama": k["nama"], "keterangan": k["keterangan"] or None}
                              for k in kaum if k["suku"] == s["id"]],
                     "penghulu": [{"gelar": p["gelar"], "kaum": p["kaum"] or None,
                                   "jabatan_kan": p["jabatan_kan"] or None}
                                  for p in penghulu if p["suku"] == s["id"]]})
    if suku:
        (folder / "suku.toml").write_text(tulis_toml({"suku": suku}, "Suku, kaum dan penghulu (gelar dan jabatan "
                                                     "di KAN); pemegang gelar tidak dibawa."), encoding="utf-8")
    tanah = [{"nama": t["nama"], "jorong": t["jorong_nama"] if t["jorong"] else None, "luas": t["luas"],
              "status": t["status"], "suku": t["suku_nama"], "kaum": t["kaum_nama"], "penggunaan": t["penggunaan"],
              "batas": t["batas"] or None, "keterangan": t["keterangan"] or None}
             for t in await ulayat.daftar_tanah()]
    if tanah:
        (folder / "ulayat.toml").write_text(tulis_toml({"tanah": tanah}, "Tanah ulayat; sengketa tidak dibawa."),
                                            encoding="utf-8")

"""The kabupaten hub's data (issue 27): every dataset the nagari sent summed to kecamatan and kabupaten, people
counts suppressed before they are shown; the dashboard page, its CSV and the hub's own open data give the same
figures; completeness and timeliness per nagari and month. Hub tests run on PostgreSQL only."""

import csv
import dataclasses
import io
import json
import re
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from importlib.metadata import EntryPoint, entry_points

import pytest

from plugin_sdk.testing import login, run_sync
from plugins.sinkron.hub import dasbor, data_terbuka, kelengkapan
from plugins.sinkron.hub.tables import NodeHub, RilisHub
from plugins.sinkron.protokol import ke_kolom

# Three nagari: two of Harau (13.07.05), one of Suliki (13.07.01).
TARAM, LAIN, SULIKI = "13.07.05.2001", "13.07.05.2002", "13.07.01.2001"
AGAMA = "penduduk-menurut-agama"
KOLOM_ORANG = ["periode", "kode_wilayah", "tingkat", "wilayah", "kode", "label", "jenis_kelamin", "jumlah",
               "disembunyikan"]


@pytest.fixture
def balai_entry_points():
    dipasang = list(entry_points(group="balai.plugins"))
    if any(e.name == "sinkron" for e in dipasang):
        return dipasang
    return [*dipasang, EntryPoint("sinkron", "plugins.sinkron.plugin", "balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["sinkron", "statistik"]


@pytest.fixture
def hub(balai):
    if balai.engine.engine_type == "sqlite":
        pytest.skip("hub kabupaten hanya berjalan di PostgreSQL")
    balai.settings = dataclasses.replace(balai.settings, role="hub")
    dasbor.lupakan()
    yield balai
    dasbor.lupakan()


@pytest.fixture
def balai_app(hub):
    from core.web.app import create_app

    return create_app(hub)


def konteks(balai):
    from balai_demo.cli import _DemoRequest

    return _DemoRequest(balai)


def baris_orang(kode: str, angka: dict, periode: str = "2026-11") -> list[list]:
    """Rows of statistik's person-count shape: `angka` = {(code, sex): n} for the nagari, also split over two
    jorong (which the hub must not count twice), with the node's own margins (which the hub recomputes)."""
    rows = []
    label = {"1": "Islam", "2": "Kristen"}
    for tingkat, wilayah, bagi in (("nagari", "Nagari", 1), ("jorong", "Jorong A", 2), ("jorong", "Jorong B", 2)):
        for (c, s), n in angka.items():
            m = n if bagi == 1 else (n // 2 if wilayah == "Jorong A" else n - n // 2)
            rows.append([periode, kode, tingkat, wilayah, c, label[c], s, m, False])
        for s in ("L", "P"):
            rows.append([periode, kode, tingkat, wilayah, "JUMLAH", "Jumlah", s, 999, False])
    return rows


def kirim(kode: str, dataset: str, kolom: list, baris: list, *, periode: str = "2026-11", sementara=False,
          versi: int = 1, diubah: datetime | None = None, lama: bool = False) -> None:
    """Store a release as the hub does (rows in column form), or as rows of lists (`lama`: stored before)."""
    if not lama:
        isi = ke_kolom([dict(zip(kolom, b)) for b in baris])
        baris = {k: isi[k] for k in ("jumlah_baris", "tetap", "nilai")}

    async def go():
        await RilisHub.delete().where(RilisHub.kode_wilayah == kode, RilisHub.dataset == dataset,
                                      RilisHub.periode == periode).run()
        waktu = diubah or datetime(2026, 12, 1, 3, tzinfo=timezone.utc)
        await RilisHub.insert(RilisHub(kode_wilayah=kode, dataset=dataset, periode=periode, versi=versi,
                                       sementara=sementara, kolom=json.dumps(kolom), baris=json.dumps(baris),
                                       diterima=waktu, diubah=waktu)).run()

    run_sync(go)


def tiga_nagari() -> None:
    kirim(TARAM, AGAMA, KOLOM_ORANG, baris_orang(TARAM, {("1", "L"): 100, ("1", "P"): 110, ("2", "L"): 1,
                                                         ("2", "P"): 0}))
    kirim(LAIN, AGAMA, KOLOM_ORANG, baris_orang(LAIN, {("1", "L"): 50, ("1", "P"): 60, ("2", "L"): 0,
                                                       ("2", "P"): 0}), lama=True)  # both stored forms summed
    kirim(SULIKI, AGAMA, KOLOM_ORANG, baris_orang(SULIKI, {("1", "L"): 70, ("1", "P"): 80, ("2", "L"): 9,
                                                           ("2", "P"): 8}))


def sel(r, tingkat: str, daerah: str, kode: str, jk: str):
    [b] = [b for b in r.baris if (b["tingkat_daerah"], b["kode_daerah"], b["kode"], b["jenis_kelamin"]) ==
           (tingkat, daerah, kode, jk)]
    return b["jumlah"]


def test_people_are_summed_from_each_nagaris_own_rows_and_small_sums_hidden_at_every_level(hub):
    tiga_nagari()
    r = run_sync(dasbor.jumlah(konteks(hub), AGAMA, "2026-11"))
    assert r.bentuk.orang and r.nagari == sorted([TARAM, LAIN, SULIKI])
    # the nagari rows only (not their jorong again), margins recomputed rather than the node's 999
    assert sel(r, "kabupaten", "13.07", "1", "L") == 220
    assert sel(r, "kabupaten", "13.07", "1", "L+P") == 470
    assert sel(r, "kecamatan", "13.07.05", "1", "P") == 170
    assert sel(r, "kecamatan", "13.07.01", "2", "P") == 8 and sel(r, "nagari", SULIKI, "1", "P") == 80
    # Harau's one Kristen man is hidden for Harau (with Suliki's men as its protection: only two kecamatan), and
    # so in each of Harau's nagari (else they add up to it)
    assert sel(r, "kecamatan", "13.07.05", "2", "L") is None and sel(r, "kecamatan", "13.07.01", "2", "L") is None
    assert sel(r, "nagari", TARAM, "2", "L") is None and sel(r, "nagari", LAIN, "2", "L") is None
    tertutup = {(b["kode_daerah"], b["kode"], b["jenis_kelamin"]) for b in r.di("kecamatan") if b["disembunyikan"]}
    for b in r.di("nagari"):
        if (b["induk"], b["kode"], b["jenis_kelamin"]) in tertutup:
            assert b["jumlah"] is None, b
    ambang = run_sync(dasbor.ambang())
    shown = [b["jumlah"] for b in r.baris if b["jumlah"] is not None]
    assert not [n for n in shown if 0 < n < ambang]
    assert all(b["disembunyikan"] == (b["jumlah"] is None) for b in r.baris)
    assert [b["tingkat_daerah"] for b in r.baris] == sorted((b["tingkat_daerah"] for b in r.baris),
                                                     key=["kabupaten", "kecamatan", "nagari"].index)


def test_other_data_is_summed_by_its_keys_and_a_ratio_is_not_summed(hub, admin_client):
    kolom = ["periode", "kode_wilayah", "jenis", "luas", "persen"]
    kirim(TARAM, "uji-lahan", kolom, [["2026", TARAM, "sawah", 120.5, 40.0], ["2026", TARAM, "ladang", 80, 60.0]],
          periode="2026")
    kirim(SULIKI, "uji-lahan", kolom, [["2026", SULIKI, "sawah", 10.25, 100.0]], periode="2026")
    r = run_sync(dasbor.jumlah(konteks(hub), "uji-lahan", "2026"))
    assert not r.bentuk.orang and r.bentuk.kunci == ("jenis",) and r.bentuk.ukuran == ("luas",)
    kab = {b["jenis"]: b["luas"] for b in r.di("kabupaten")}
    assert kab == {"sawah": 130.75, "ladang": 80}
    assert {(b["kode_daerah"], b["jenis"]): b["luas"] for b in r.di("kecamatan")} == {
        ("13.07.05", "sawah"): 120.5, ("13.07.05", "ladang"): 80, ("13.07.01", "sawah"): 10.25}
    assert run_sync(dasbor.jumlah(konteks(hub), "uji-lahan", "2025")) is None
    page = admin_client.get("/admin/hub/dasbor/uji-lahan?periode=2026&kecamatan=13.07.05")
    assert page.status_code == 200 and 'data-daerah="13.07">130,75<' in page.text  # the kabupaten's sawah
    kosong = admin_client.get("/admin/hub/dasbor/uji-lahan?periode=2026&kecamatan=13.07.99")
    assert kosong.status_code == 200 and "Belum ada nagari di kecamatan ini" in kosong.text
    assert admin_client.get("/admin/hub/dasbor?periode=2026").status_code == 200


def test_a_new_version_from_a_nagari_changes_the_sums_at_once(hub):
    tiga_nagari()
    ctx = konteks(hub)
    assert sel(run_sync(dasbor.jumlah(ctx, AGAMA, "2026-11")), "kabupaten", "13.07", "1", "L") == 220
    kirim(LAIN, AGAMA, KOLOM_ORANG, baris_orang(LAIN, {("1", "L"): 55, ("1", "P"): 60, ("2", "L"): 0,
                                                       ("2", "P"): 0}), versi=2)
    assert sel(run_sync(dasbor.jumlah(ctx, AGAMA, "2026-11")), "kabupaten", "13.07", "1", "L") == 225


def test_the_page_the_csv_and_the_hubs_open_data_show_the_same_figures(hub, admin_client, monkeypatch):
    tiga_nagari()
    r = run_sync(dasbor.jumlah(konteks(hub), AGAMA, "2026-11"))
    kolom = r.bentuk.kolom

    def teks(v):
        return "" if v is None else str(v)

    dari_fungsi = [["2026-11", *(teks(b[k]) for k in kolom)] for b in r.baris]
    unduh = admin_client.get(f"/admin/hub/dasbor/{AGAMA}/csv?periode=2026-11")
    assert unduh.status_code == 200 and unduh.headers["content-type"].startswith("text/csv")
    [kepala, *dari_csv] = list(csv.reader(io.StringIO(unduh.text)))
    assert kepala == ["periode", *kolom] and dari_csv == dari_fungsi

    [ds] = [d for d in run_sync(data_terbuka.datasets(konteks(hub))) if d.nama == data_terbuka.AWALAN + AGAMA]
    assert [k.nama for k in ds.kolom] == kolom and ds.hitungan_orang and ds.frekuensi == "bulanan"
    terbitan = run_sync(ds.hitung(datetime(2026, 11, 30).date(), konteks(hub)))
    assert terbitan.periode == "2026-11"
    assert [["2026-11", *(teks(b[k]) for k in kolom)] for b in terbitan.baris] == dari_fungsi
    # satu_data's event gives no context: the role from the settings, the definitions last read
    monkeypatch.setenv("BALAI_ROLE", "hub")
    monkeypatch.setenv("BALAI_DATABASE_URL", hub.settings.database_url)
    [tanpa] = [d for d in run_sync(data_terbuka.datasets()) if d.nama == ds.nama]
    assert tanpa.kolom == ds.kolom
    terbitan = run_sync(tanpa.hitung(datetime(2026, 11, 30).date(), konteks(hub)))
    assert [["2026-11", *(teks(b[k]) for k in kolom)] for b in terbitan.baris] == dari_fungsi

    page = admin_client.get(f"/admin/hub/dasbor/{AGAMA}?periode=2026-11&kecamatan=13.07.05"
                            f"&banding={TARAM}&banding={SULIKI}")
    assert page.status_code == 200
    html = page.text
    assert 'id="tabel-kecamatan"' in html and 'id="tabel-nagari"' in html and 'id="tabel-banding"' in html
    assert "<th rowspan=\"2\">Jenis kelamin</th>" in html  # columns titled as statistik declares them
    tabel = html[html.index('id="tabel-kecamatan"'):html.index('id="tabel-nagari"')]
    di_halaman = defaultdict(list)
    for daerah, isi in re.findall(r'data-daerah="([^"]+)">(.*?)</td>', tabel):
        di_halaman[daerah].append("s" if "Disembunyikan" in isi else isi)
    harap = defaultdict(list)
    for b in r.di("kabupaten") + r.di("kecamatan"):
        harap[b["kode_daerah"]].append("s" if b["disembunyikan"] else str(b["jumlah"]))
    assert di_halaman == harap and "470" in harap["13.07"] and "s" in harap["13.07.05"]
    assert "Disembunyikan" in html
    ringkas = admin_client.get("/admin/hub/dasbor?periode=2026-11")
    baris = ringkas.text[ringkas.text.index(f'id="dataset-{AGAMA}"'):]
    baris = baris[:baris.index("</tr>")]
    # everyone counted (JUMLAH, L+P): the kabupaten, then Suliki and Harau (kecamatan in code order)
    assert re.findall(r'class="angka">(\d+)<', baris) == ["3", "488", "167", "321"]


def baris_kode(kode: str, label: dict, angka: dict) -> list[list]:
    """A nagari's own rows (no jorong) of a person count as statistik writes them: every code with both sexes
    (`angka` {(code, sex): n}, absent: 0), the L+P of each code and the margins."""
    rows = []
    for c, teks in {**label, "JUMLAH": "Jumlah semua kode"}.items():
        for s in ("L", "P", "L+P"):
            n = sum(v for (k, jk), v in angka.items() if k == c or c == "JUMLAH" if jk == s or s == "L+P")
            rows.append(["2026-11", kode, "nagari", "Nagari", c, teks, s, n, False])
    return rows


def test_a_code_that_is_a_sex_is_never_paired_with_the_other_sex(hub, admin_client):
    """The dataset "jenis kelamin": its codes are the sexes, so a row such as "LAKI-LAKI / P / 0" is no category."""
    nama, label = "penduduk-menurut-jenis-kelamin", {"1": "LAKI-LAKI", "2": "PEREMPUAN"}
    for kode, (l, p) in ((TARAM, (410, 420)), (LAIN, (300, 310)), (SULIKI, (200, 190))):
        kirim(kode, nama, KOLOM_ORANG, baris_kode(kode, label, {("1", "L"): l, ("2", "P"): p}))
    r = run_sync(dasbor.jumlah(konteks(hub), nama, "2026-11"))
    pasangan = {(b["kode"], b["jenis_kelamin"]) for b in r.baris}
    assert pasangan == {("1", "L"), ("1", "L+P"), ("2", "P"), ("2", "L+P"),
                        ("JUMLAH", "L"), ("JUMLAH", "P"), ("JUMLAH", "L+P")}
    assert sel(r, "kabupaten", "13.07", "1", "L") == 910 and sel(r, "kecamatan", "13.07.05", "2", "P") == 730
    assert sel(r, "nagari", SULIKI, "1", "L+P") == 200 and sel(r, "kabupaten", "13.07", "JUMLAH", "L+P") == 1830
    page = admin_client.get(f"/admin/hub/dasbor/{nama}?periode=2026-11").text
    assert not re.search(r"LAKI-LAKI</td><td>P<", page) and re.search(r"LAKI-LAKI</td><td>L<", page)


def test_the_overview_shows_the_voters_to_be_not_everyone(hub, admin_client):
    """Calon pemilih and penduduk wajib KTP count one group: the overview's figure is the sum of each nagari's
    own "Calon pemilih" (code 1, L+P), not the total of the two codes (everyone)."""
    dikirim = {}
    for nama, label in (("calon-pemilih", {"1": "Calon pemilih", "2": "Bukan calon pemilih"}),
                        ("penduduk-wajib-ktp", {"1": "Wajib KTP", "2": "Belum wajib KTP"})):
        for kode, (a, b, c, d) in ((TARAM, (300, 310, 120, 110)), (LAIN, (200, 210, 90, 80)),
                                   (SULIKI, (150, 160, 70, 60))):
            baris = baris_kode(kode, label, {("1", "L"): a, ("1", "P"): b, ("2", "L"): c, ("2", "P"): d})
            kirim(kode, nama, KOLOM_ORANG, baris)
            dikirim.setdefault(nama, []).extend(baris)
    ringkas = admin_client.get("/admin/hub/dasbor?periode=2026-11").text
    for nama, baris in dikirim.items():
        pilih = [b[7] for b in baris if b[4] == "1" and b[6] == "L+P"]  # each nagari's own published figure
        kab = str(sum(pilih))
        teks = ringkas[ringkas.index(f'id="dataset-{nama}"'):]
        teks = teks[:teks.index("</tr>")]
        # the kabupaten, then Suliki and Harau
        angka = [a.replace(".", "") for a in re.findall(r'class="angka">([\d.]+)<', teks)]  # 1.330: 1330
        assert angka == ["3", kab, str(pilih[2]), str(pilih[0] + pilih[1])]
        assert sum(b[7] for b in baris if b[4] == "JUMLAH" and b[6] == "L+P") != int(kab)
    assert "(angka: Calon pemilih)" in ringkas


def test_an_unknown_dataset_or_period_is_a_clear_404(hub, admin_client):
    tiga_nagari()
    answer = admin_client.get("/admin/hub/dasbor/tidak-ada?periode=2026-11")
    assert answer.status_code == 404
    assert admin_client.get(f"/admin/hub/dasbor/{AGAMA}/csv?periode=2020-01").status_code == 404


def test_completeness_counts_on_time_late_provisional_and_missing_reports(hub, admin_client):
    tepat = datetime(2026, 12, 5, tzinfo=timezone.utc)
    telat = datetime(2026, 12, 20, tzinfo=timezone.utc)
    rows = baris_orang(TARAM, {("1", "L"): 5})
    kirim(TARAM, AGAMA, KOLOM_ORANG, rows, diubah=tepat)
    kirim(TARAM, "peristiwa-kependudukan", KOLOM_ORANG, rows, diubah=telat)
    kirim(LAIN, AGAMA, KOLOM_ORANG, rows, diubah=tepat, sementara=True)
    kirim(SULIKI, "uji-lahan", ["periode", "kode_wilayah", "jenis", "luas"], [["2026", SULIKI, "sawah", 1]],
          periode="2026")  # a yearly dataset is not expected monthly
    run_sync(NodeHub.insert(NodeHub(kode_wilayah=TARAM, nama="Taram", status="aktif")).run())
    k = run_sync(kelengkapan.kelengkapan("2026-11"))
    assert k.dataset == [AGAMA, "peristiwa-kependudukan"]
    per = {b.kode: b for b in k.nagari}
    assert [per[TARAM].sel[d].status for d in k.dataset] == ["tepat", "terlambat"]
    assert [per[LAIN].sel[d].status for d in k.dataset] == ["sementara", "belum"]
    assert per[TARAM].status_node == "aktif" and per[SULIKI].status_node is None
    nagari = len(dasbor.wilayah().nagari)
    assert (k.kabupaten.nagari, k.kabupaten.diharapkan, k.kabupaten.diterima, k.kabupaten.tepat) == (
        nagari, 2 * nagari, 2, 1)
    harau = next(x for x in k.kecamatan if x.kode == "13.07.05")
    assert harau.diterima == 2 and harau.persen_tepat == round(100 / (2 * harau.nagari), 1)

    page = admin_client.get("/admin/hub/kelengkapan?bulan=2026-11")
    assert page.status_code == 200 and "Terlambat" in page.text and 'id="tabel-laju"' in page.text
    unduh = admin_client.get("/admin/hub/kelengkapan.csv?bulan=2026-11")
    rows = list(csv.DictReader(io.StringIO(unduh.text)))
    assert len(rows) == 2 * nagari
    assert {(r["kode_nagari"], r["dataset"]): r["status"] for r in rows}[(TARAM, "peristiwa-kependudukan")] == \
        "Terlambat"
    wib = timezone(timedelta(hours=7))
    assert kelengkapan.batas_waktu("2026-12", 10, wib) == datetime(2027, 1, 11, tzinfo=wib)  # the 10th, all of it
    salah = admin_client.get("/admin/hub/kelengkapan?bulan=2026-13")
    assert salah.status_code == 400 and "TTTT-BB" in salah.text
    assert admin_client.get("/admin/hub/kelengkapan.csv?bulan=november").status_code == 400


def test_the_data_pages_and_datasets_do_not_exist_on_a_nagari(balai):
    from litestar.testing import TestClient

    from core.web.app import create_app

    with TestClient(create_app(balai), base_url="http://testserver.local") as client:
        login(client)
        for url in ("/admin/hub/dasbor", "/admin/hub/kelengkapan", "/admin/hub/kelengkapan.csv",
                    f"/admin/hub/dasbor/{AGAMA}", f"/admin/hub/dasbor/{AGAMA}/csv"):
            assert client.get(url).status_code == 404
    assert run_sync(data_terbuka.datasets(konteks(balai))) == []


class TestDatasetNyata:
    """Every dataset of a demo nagari, as satu_data hands it to the sync, summed at the hub: with one nagari the
    kabupaten's figures are that nagari's own, in the shapes the real plugins declare."""

    @pytest.fixture
    def balai_plugins(self):
        return sorted({*(e.name for e in entry_points(group="balai.plugins") if e.name != "sistem"), "sinkron"})

    def test_one_nagaris_datasets_sum_to_its_own_figures(self, hub):
        from plugins.satu_data.api import perubahan
        from tests.satu_data_helpers import nagari_terbit

        nagari_terbit(hub)
        dikirim = {}
        for r in run_sync(perubahan(0, batas=10_000)):
            kolom = list(r["baris"][0]) if r["baris"] else KOLOM_ORANG
            kode = r["baris"][0]["kode_wilayah"] if r["baris"] else TARAM
            kirim(kode, r["dataset"], kolom, [[b[k] for k in kolom] for b in r["baris"]], periode=r["periode"])
            dikirim[(r["dataset"], r["periode"])] = r["baris"]
        ctx = konteks(hub)
        assert len({d for d, _ in dikirim}) >= 20
        for (nama, periode), baris in dikirim.items():
            r = run_sync(dasbor.jumlah(ctx, nama, periode))
            assert r is not None and r.bentuk.definisi is not None, nama
            b = r.bentuk
            kab = r.di("kabupaten")
            assert {x["kode_daerah"] for x in kab} <= {"13.07"} and r.di("nagari") is not None
            milik = [x for x in baris if not (b.tingkat_teks and x.get("tingkat") != "nagari")]
            if b.orang:
                # every figure the kabupaten shows is the nagari's own, where the nagari shows it
                sendiri = {(x["kode"], x.get("jenis_kelamin")): x["jumlah"] for x in milik}
                for x in kab:
                    if x["jumlah"] is not None and sendiri.get((x["kode"], x.get("jenis_kelamin"))) is not None:
                        assert x["jumlah"] == sendiri[(x["kode"], x.get("jenis_kelamin"))], (nama, x)
            else:
                assert "tingkat" not in b.ukuran and "persen" not in b.ukuran  # a level and a ratio: not summed
                jumlah = defaultdict(float)
                for x in milik:
                    for u in b.ukuran:
                        jumlah[(tuple(x[k] for k in b.kunci), u)] += x[u] or 0
                for x in kab:
                    for u in b.ukuran:
                        if x[u] is not None:  # None: a figure in percent, not summed
                            assert x[u] == pytest.approx(jumlah[(tuple(x[k] for k in b.kunci), u)]), (nama, u, x)
                assert any(x[u] for x in kab for u in b.ukuran), nama


def test_the_hub_publishes_the_kabupaten_sums_through_satu_data(hub, monkeypatch):
    from plugins.satu_data.tables import TerbitanDataset
    from plugins.satu_data.terbit import terbitkan

    tiga_nagari()
    kolom = ["periode", "kode_wilayah", "jenis", "luas", "persen"]
    kirim(TARAM, "uji-lahan", kolom, [["2026", TARAM, "sawah", 120.5, 40.0]], periode="2026")
    monkeypatch.setenv("BALAI_ROLE", "hub")
    monkeypatch.setenv("BALAI_DATABASE_URL", hub.settings.database_url)
    ctx = konteks(hub)
    run_sync(dasbor.definisi(ctx))
    orang, lahan = data_terbuka.AWALAN + AGAMA, data_terbuka.AWALAN + "uji-lahan"
    hasil = run_sync(terbitkan(ctx, nama=[orang, lahan], per=datetime(2026, 11, 30).date()))
    assert [(h.dataset, h.status, h.periode) for h in hasil] == [(orang, "baru", "2026-11"), (lahan, "baru", "2026")]
    [row] = run_sync(TerbitanDataset.select().where(TerbitanDataset.dataset == orang).run())
    terbit = json.loads(row["baris"])
    r = run_sync(dasbor.jumlah(ctx, AGAMA, "2026-11"))
    assert [{k: b[k] for k in r.bentuk.kolom} for b in r.baris] == [
        {k: v for k, v in b.items() if k not in ("periode", "kode_wilayah")} for b in terbit]

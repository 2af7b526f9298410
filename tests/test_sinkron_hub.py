"""The kabupaten hub (issue 27): nagari enrol with a one-time code and a fingerprint both operators read out; each
nagari's batches apply once and in order, signed by its own key; nothing from a stranger, a revoked node or key,
or a batch carrying another nagari's rows is written. Hub tests run on PostgreSQL only (a hub never runs on
SQLite)."""

import dataclasses
import json
import re
from datetime import datetime, timedelta, timezone
from importlib.metadata import EntryPoint, entry_points

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.audit.tables import AuditEntri
from plugin_sdk.testing import post_form, run_sync
from plugins.sinkron.hub import daftar as hub_daftar
from plugins.sinkron.hub.tables import BatchHub, KunciNode, NodeHub, PeristiwaHub, RilisHub, UndanganHub
from plugins.sinkron.hub.terima import impor_berkas, terima
from plugins.sinkron.hub.baca_rilis import sebagai_dict
from plugins.sinkron.protokol import bungkus, ke_kolom, sidik_jari, teks_kunci

KODE, LAIN = "13.07.05.2001", "13.07.05.2002"  # Koto Tuo and another nagari of Harau


@pytest.fixture
def balai_entry_points():
    """The installed plugins (None: the migrated template), with sinkron added while it is not registered yet."""
    if any(e.name == "sinkron" for e in entry_points(group="balai.plugins")):
        return None
    return [*entry_points(group="balai.plugins"), EntryPoint("sinkron", "plugins.sinkron.plugin", "balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["sinkron"]


@pytest.fixture
def hub(balai):
    if balai.engine.engine_type == "sqlite":
        pytest.skip("hub kabupaten hanya berjalan di PostgreSQL")
    balai.settings = dataclasses.replace(balai.settings, role="hub")
    return balai


@pytest.fixture
def balai_app(hub):
    from core.web.app import create_app

    return create_app(hub)


@dataclasses.dataclass
class Node:
    """A nagari as the hub sees it: its code and signing key."""

    kode: str
    kunci: Ed25519PrivateKey = dataclasses.field(default_factory=Ed25519PrivateKey.generate)

    @property
    def kid(self) -> str:
        return hub_daftar.key_id(self.publik)

    @property
    def publik(self) -> str:
        return teks_kunci(self.kunci.public_key())

    def bingkai(self, seq: int, rilis: list | None = None, peristiwa: list | None = None) -> dict:
        return bungkus(self.kode, seq, {"dibuat": "2026-12-07T01:02:03+00:00", "rilis": rilis or [],
                                        "peristiwa": peristiwa or []}, self.kunci, self.kid)


def baris(kode: str = KODE, jumlah: int = 300, periode: str = "2026-11") -> list[dict]:
    return [{"periode": periode, "kode_wilayah": kode, "agama": "Islam", "jumlah": jumlah},
            {"periode": periode, "kode_wilayah": kode, "agama": "Kristen", "jumlah": 2}]


def rilis(kode: str = KODE, jumlah: int = 300, versi: int = 1, periode: str = "2026-11",
          dataset: str = "penduduk-menurut-agama", rows: list[dict] | None = None) -> dict:
    """A release as a node packs it (rows in column form)."""
    return {"posisi": 1, "dataset": dataset, "periode": periode, "versi": versi, "sementara": False,
            **ke_kolom(baris(kode, jumlah, periode) if rows is None else rows)}


def baris_lama(rows: list[list], versi: int = 1) -> dict:
    """A release in the row form nodes packed before the column form (a USB file made then still imports)."""
    return {"posisi": 1, "dataset": "penduduk-menurut-agama", "periode": "2026-11", "versi": versi,
            "sementara": False, "kolom": ["periode", "kode_wilayah", "agama", "jumlah"], "baris": rows}


def peristiwa(jumlah: int) -> dict:
    return {"bulan": "2026-11", "baris": [{"jenis": "lahir", "arah": 1, "jorong": "Koto Tuo", "jenis_kelamin": 1,
                                           "jumlah": jumlah}]}


def undangan(kode: str = KODE) -> str:
    return run_sync(hub_daftar.buat_undangan(kode, "uji"))


def terdaftar(node: Node, aktif: bool = True) -> None:
    """Enrol `node` (and confirm it by its fingerprint when `aktif`)."""
    run_sync(hub_daftar.daftar({"kode_wilayah": node.kode, "nama": "", "kode_undangan": undangan(node.kode),
                                "kunci_publik": node.publik, "kontak": "Operator, 0812"}))
    if aktif:
        run_sync(hub_daftar.konfirmasi(node.kode, sidik_jari(node.kunci.public_key())))


def keadaan(kode: str = KODE) -> dict:
    """Everything the hub holds of a nagari's data."""
    node = run_sync(NodeHub.select(NodeHub.seq_terakhir).where(NodeHub.kode_wilayah == kode).first().run())
    return {"seq": node["seq_terakhir"] if node else None,
            "batch": [r["seq"] for r in run_sync(BatchHub.select(BatchHub.seq).where(
                BatchHub.kode_wilayah == kode).order_by(BatchHub.seq).run())],
            "rilis": {(r["dataset"], r["periode"]): (r["versi"], sebagai_dict(r["kolom"], r["baris"]))
                      for r in run_sync(RilisHub.select().where(RilisHub.kode_wilayah == kode).run())},
            "peristiwa": {r["bulan"]: json.loads(r["baris"]) for r in run_sync(
                PeristiwaHub.select().where(PeristiwaHub.kode_wilayah == kode).run())}}


def test_the_growing_tables_are_partitioned_by_region_code(hub):
    rows = run_sync(hub.engine.run_ddl(
        "SELECT parent.relname AS induk, count(*) AS jumlah FROM pg_inherits "
        "JOIN pg_class parent ON parent.oid = pg_inherits.inhparent "
        "JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
        "WHERE parent.relkind = 'p' AND child.relkind = 'r' GROUP BY parent.relname"))
    assert {r["induk"]: r["jumlah"] for r in rows if r["induk"].startswith("hub_")} == {
        "hub_batch": 8, "hub_rilis": 8, "hub_peristiwa": 8}


def test_a_nagari_enrols_with_a_one_time_code_and_is_confirmed_by_its_fingerprint(hub, admin_client, client):
    answer = post_form(admin_client, "/admin/hub/undangan", {"kode_wilayah": KODE})
    assert answer.status_code == 200
    kode = re.search(r'id="kode-undangan">([A-Z0-9-]+)<', answer.text).group(1)
    node = Node(KODE)
    body = {"kode_wilayah": KODE, "nama": "Koto Tuo", "kode_undangan": kode.lower(), "kunci_publik": node.publik,
            "kontak": "Wali, 0812"}
    enrolled = client.post("/api/sinkron/daftar", json=body)
    assert enrolled.status_code == 201, enrolled.text
    sidik = sidik_jari(node.kunci.public_key())
    assert enrolled.json()["sidik_jari"] == sidik and enrolled.json()["status"] == "menunggu"

    again = client.post("/api/sinkron/daftar", json=body)
    assert again.status_code == 403 and "sudah dipakai" in again.json()["galat"]
    waiting = client.post("/api/sinkron/kirim", json={"node": KODE, "bingkai": [node.bingkai(1, [rilis()])]})
    assert waiting.status_code == 403 and "menunggu konfirmasi" in waiting.json()["galat"]

    page = admin_client.get(f"/admin/hub/nagari/{KODE}")
    assert page.status_code == 200 and sidik in page.text and "Menunggu konfirmasi" in page.text
    wrong = post_form(admin_client, f"/admin/hub/nagari/{KODE}/konfirmasi", {"sidik_jari": "AAAA " * 8})
    assert "Sidik jari tidak cocok" in wrong.text and "Menunggu konfirmasi" in wrong.text
    confirmed = post_form(admin_client, f"/admin/hub/nagari/{KODE}/konfirmasi",
                          {"sidik_jari": sidik.lower().replace(" ", "")})
    assert "nagari aktif" in confirmed.text and 'id="status-nagari">Aktif<' in confirmed.text
    audit = run_sync(AuditEntri.select(AuditEntri.aksi, AuditEntri.objek_jenis, AuditEntri.pengguna).where(
        AuditEntri.objek_id == KODE).order_by(AuditEntri.nomor).run())
    assert [(r["objek_jenis"], r["aksi"], r["pengguna"]) for r in audit] == [
        ("sinkron.undangan", "tambah", "admin"), ("sinkron.node", "tambah", ""), ("sinkron.node", "ubah", "admin")]

    sent = client.post("/api/sinkron/kirim", json={"node": KODE, "detak": {"versi": "0.9", "tertunda": 0},
                                                  "bingkai": [node.bingkai(1, [rilis()])]})
    assert sent.status_code == 200 and sent.json() == {"diakui": 1}
    listing = admin_client.get("/admin/hub")
    assert "Koto Tuo" in listing.text and "Harau" in listing.text and ">0.9<" in listing.text


def test_codes_that_are_used_expired_unknown_or_for_another_nagari_are_refused(hub, client):
    node = Node(KODE)

    def enrol(kode_undangan: str, kode_wilayah: str = KODE, kunci: str | None = None):
        return client.post("/api/sinkron/daftar", json={"kode_wilayah": kode_wilayah, "nama": "Koto Tuo",
                                                       "kode_undangan": kode_undangan,
                                                       "kunci_publik": kunci or node.publik})

    for_other = undangan(LAIN)
    answer = enrol(for_other)
    assert answer.status_code == 403 and f"bukan untuk nagari {KODE}" in answer.json()["galat"]
    expired = undangan()
    run_sync(UndanganHub.update({UndanganHub.kedaluwarsa: datetime.now(timezone.utc) - timedelta(minutes=1)}).where(
        UndanganHub.kode_hash == hub_daftar._hash(expired)).run())
    answer = enrol(expired)
    assert answer.status_code == 403 and "kedaluwarsa" in answer.json()["galat"]
    answer = enrol("ABCD-EFGH-JKLM")
    assert answer.status_code == 403 and "tidak dikenal" in answer.json()["galat"]
    answer = enrol(undangan(), kunci="bukan kunci")
    assert answer.status_code == 400 and "Kunci publik tidak sah" in answer.json()["galat"]
    answer = client.post("/api/sinkron/daftar", content=b"{bukan json", headers={"content-type": "application/json"})
    assert answer.status_code == 400 and "JSON" in answer.json()["galat"]
    with pytest.raises(hub_daftar.DaftarError, match="Pilih nagari"):
        run_sync(hub_daftar.buat_undangan("13.07.05", "uji"))  # a kecamatan, not a nagari
    assert run_sync(NodeHub.count().run()) == 0 and run_sync(KunciNode.count().run()) == 0


def test_batches_apply_once_and_in_order_and_a_gap_asks_for_the_missing_one(hub):
    node = Node(KODE)
    terdaftar(node)
    f1 = node.bingkai(1, [rilis(jumlah=300)], [peristiwa(3)])
    f2 = node.bingkai(2, [rilis(jumlah=310, versi=2)], [peristiwa(4)])
    f3 = node.bingkai(3, [rilis(jumlah=999, versi=1)])  # an older version arriving late never replaces
    f5 = node.bingkai(5, [rilis(periode="2026-12")])

    assert run_sync(terima([f2, f1], KODE)) == {"status": 200, "diakui": 2}  # reordered: applied by seq
    assert run_sync(terima([f1, f2, f1], KODE)) == {"status": 200, "diakui": 2}  # duplicates skipped
    gap = run_sync(terima([f5], KODE))
    assert (gap["status"], gap["harap"], gap["diakui"]) == (409, 3, 2) and "Batch 3" in gap["galat"]
    assert run_sync(terima([f3], KODE)) == {"status": 200, "diakui": 3}
    state = keadaan()
    assert state["seq"] == 3 and state["batch"] == [1, 2, 3]
    assert state["rilis"] == {("penduduk-menurut-agama", "2026-11"): (2, baris(jumlah=310))}
    assert state["peristiwa"]["2026-11"][0]["jumlah"] == 4


def test_a_different_batch_under_an_applied_number_refuses_the_whole_upload(hub):
    """A nagari restored from an old backup numbers new batches again from below what the hub applied: each such
    frame is compared with the batch applied under its number, and the upload is refused whole (409)."""
    node = Node(KODE)
    terdaftar(node)
    f1, f2 = node.bingkai(1, [rilis(jumlah=300)]), node.bingkai(2, [rilis(jumlah=310, versi=2)])
    assert run_sync(terima([f1, f2], KODE)) == {"status": 200, "diakui": 2}
    sebelum = keadaan()
    lain2 = node.bingkai(2, [rilis(periode="2026-12")])  # the restored node's batch 2: other data
    f3 = node.bingkai(3, [rilis(periode="2027-01")])
    answer = run_sync(terima([f3, lain2, f1], KODE))
    assert (answer["status"], answer["bentrok"], answer["diakui"]) == (409, 2, 2)
    assert "dipulihkan dari cadangan lama" in answer["galat"] and "daftar ulang" in answer["galat"]
    assert keadaan() == sebelum  # batch 3 neither: nothing of the upload applied
    # copies of the applied batches stay a harmless skip; a batch applied before digests were kept is not compared
    assert run_sync(terima([f1, f2, f3], KODE)) == {"status": 200, "diakui": 3}
    run_sync(BatchHub.update({BatchHub.sidik: ""}).where(BatchHub.kode_wilayah == KODE, BatchHub.seq == 1).run())
    assert run_sync(terima([node.bingkai(1, [rilis(jumlah=1)])], KODE)) == {"status": 200, "diakui": 3}


def test_a_release_in_the_older_row_form_is_applied_as_the_same_rows(hub):
    node = Node(KODE)
    terdaftar(node)
    rows = [["2026-11", KODE, "Islam", 300], ["2026-11", KODE, "Kristen", 2]]
    assert run_sync(terima([node.bingkai(1, [baris_lama(rows)])], KODE)) == {"status": 200, "diakui": 1}
    assert keadaan()["rilis"] == {("penduduk-menurut-agama", "2026-11"): (1, baris())}


def test_an_upload_applies_its_batches_up_to_the_first_bad_one(hub):
    """A backlog goes in one transaction, but a frame refused in the middle keeps what came before it."""
    node = Node(KODE)
    terdaftar(node)
    rusak = node.bingkai(3, [rilis(periode="2026-03")])
    rusak["data"] = node.bingkai(3, [rilis(periode="2026-04")])["data"]
    frames = [node.bingkai(1, [rilis(periode="2026-01")]), node.bingkai(2, [rilis(periode="2026-02")]), rusak,
              node.bingkai(4, [rilis(periode="2026-05")])]
    answer = run_sync(terima(frames, KODE))
    assert answer["status"] == 400 and answer["diakui"] == 2 and "Batch 3 ditolak" in answer["galat"]
    state = keadaan()
    assert state["batch"] == [1, 2] and sorted(p for _, p in state["rilis"]) == ["2026-01", "2026-02"]


def test_the_same_batches_sent_twice_at_once_are_applied_once(hub):
    """Two uploads racing (a retry while the first is still being applied): separate connections, one writer."""
    import asyncio

    node = Node(KODE)
    terdaftar(node)
    frames = [node.bingkai(seq, [rilis(periode=f"2026-{seq:02d}")]) for seq in range(1, 6)]

    async def race():
        return await asyncio.gather(*(terima(list(frames), KODE) for _ in range(3)))

    assert run_sync(race) == [{"status": 200, "diakui": 5}] * 3
    state = keadaan()
    assert state["batch"] == [1, 2, 3, 4, 5] and len(state["rilis"]) == 5


def test_refused_senders_and_frames_write_nothing(hub):
    node, stranger = Node(KODE), Node(LAIN)
    terdaftar(node)
    assert run_sync(terima([node.bingkai(1, [rilis()])], KODE))["status"] == 200
    before = keadaan()

    tampered = node.bingkai(2, [rilis(jumlah=1)])
    tampered["data"] = node.bingkai(2, [rilis(jumlah=2)])["data"]
    answer = run_sync(terima([tampered], KODE))
    assert answer["status"] == 400 and "Tanda tangan bingkai tidak sah" in answer["galat"]

    forged = Node(KODE)  # someone else's key claiming to be Koto Tuo
    answer = run_sync(terima([forged.bingkai(2, [rilis(jumlah=1)])], KODE))
    assert answer["status"] == 403 and "kunci yang tidak dikenal" in answer["galat"]

    answer = run_sync(terima([stranger.bingkai(1, [rilis(LAIN)])], LAIN))
    assert answer["status"] == 403 and "tidak terdaftar" in answer["galat"]

    answer = run_sync(terima([stranger.bingkai(1, [rilis(LAIN)])], KODE))  # another nagari's frame, Koto Tuo's name
    assert answer["status"] == 400 and "milik nagari 13.07.05.2002" in answer["galat"]

    other_rows = rilis(rows=[*baris(), {"periode": "2026-11", "kode_wilayah": LAIN, "agama": "Hindu", "jumlah": 5}])
    answer = run_sync(terima([node.bingkai(2, [rilis(dataset="penduduk-menurut-umur"), other_rows],
                                           [peristiwa(9)])], KODE))
    assert answer["status"] == 400 and "baris wilayah lain (13.07.05.2002)" in answer["galat"]
    assert answer["diakui"] == 1
    assert keadaan() == before  # the whole batch refused: not even its first release or its events
    for lain in (rilis(LAIN), baris_lama([["2026-11", LAIN, "Islam", 3]])):  # one code for all; the older row form
        answer = run_sync(terima([node.bingkai(2, [lain])], KODE))
        assert answer["status"] == 400 and "baris wilayah lain (13.07.05.2002)" in answer["galat"]
    kamus = rilis(rows=baris() * 2)  # repeated values travel once, with each row's position in them
    assert kamus["nilai"]["agama"] == {"kamus": ["Islam", "Kristen"], "indeks": [0, 1, 0, 1]}
    kamus["nilai"]["jumlah"]["indeks"][3] = 2  # a position past the values
    for rusak in ({**rilis(), "jumlah_baris": 3}, {**rilis(), "kolom": ["periode", "agama", "jumlah"]}, kamus):
        answer = run_sync(terima([node.bingkai(2, [rusak])], KODE))
        assert answer["status"] == 400 and "tidak sesuai kolomnya" in answer["galat"]

    personal = rilis(dataset="penduduk-menurut-umur", rows=[{"periode": "2026-11", "kode_wilayah": KODE,
                                                             "nik": "1307050101900001", "jumlah": 1}])
    answer = run_sync(terima([node.bingkai(2, [personal])], KODE))
    assert answer["status"] == 400 and "data pribadi" in answer["galat"]
    assert keadaan() == before

    run_sync(hub_daftar.cabut_kunci(KODE, node.kid))
    answer = run_sync(terima([node.bingkai(2, [rilis(jumlah=2, versi=2)])], KODE))
    assert answer["status"] == 403 and "dicabut" in answer["galat"]
    run_sync(hub_daftar.cabut_node(KODE))
    answer = run_sync(terima([node.bingkai(2, [rilis(jumlah=2, versi=2)])], KODE))
    assert answer["status"] == 403 and "dicabut oleh kabupaten" in answer["galat"]
    assert keadaan() == before


def test_a_key_rotation_signed_by_the_current_key_keeps_frames_in_flight_valid(hub, client):
    node = Node(KODE)
    terdaftar(node)
    in_flight = node.bingkai(1, [rilis()])
    lama, baru = node.kunci, Ed25519PrivateKey.generate()
    impostor = hub_daftar.permintaan_rotasi(KODE, node.kid, Ed25519PrivateKey.generate(), baru)
    answer = client.post("/api/sinkron/kunci", json=impostor)
    assert answer.status_code == 403 and "tidak sah" in answer.json()["galat"]

    answer = client.post("/api/sinkron/kunci", json=hub_daftar.permintaan_rotasi(KODE, node.kid, lama, baru))
    assert answer.status_code == 200 and answer.json()["sidik_jari"] == sidik_jari(baru.public_key())
    status = {r["kid"]: r["status"] for r in run_sync(KunciNode.select().run())}
    old_kid = node.kid
    node.kunci = baru
    assert status == {old_kid: "lama", node.kid: "aktif"}

    answer = client.post("/api/sinkron/kirim", json={"node": KODE, "bingkai": [in_flight, node.bingkai(2, [
        rilis(versi=2, jumlah=301)])]})
    assert answer.status_code == 200 and answer.json() == {"diakui": 2}
    again = client.post("/api/sinkron/kunci", json=hub_daftar.permintaan_rotasi(
        KODE, old_kid, lama, Ed25519PrivateKey.generate()))
    assert again.status_code == 403 and "kunci yang sedang aktif" in again.json()["galat"]

    run_sync(hub_daftar.cabut_kunci(KODE, old_kid))
    old = bungkus(KODE, 3, {"rilis": [rilis(versi=3)], "peristiwa": []}, lama, old_kid)
    assert run_sync(terima([old], KODE))["status"] == 403
    assert keadaan()["seq"] == 2


def test_a_usb_file_applies_and_applying_it_again_changes_nothing(hub, tmp_path, admin_client):
    node = Node(KODE)
    terdaftar(node)
    berkas = tmp_path / "sinkron-13.07.05.2001.jsonl"
    lines = [{"balai_sinkron": 1, "node": KODE, "dibuat": "2026-12-07T01:00:00+00:00"},
             node.bingkai(1, [rilis()]), node.bingkai(2, [rilis(periode="2026-10")], [peristiwa(2)])]
    berkas.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")

    ok, first = run_sync(impor_berkas(berkas))
    assert ok and "2 baru diterapkan" in first and "sampai batch 2" in first
    assert run_sync(impor_berkas(berkas)) == (True, "Nagari 13.07.05.2001: 2 batch dalam berkas, 0 baru diterapkan; "
                                                    "hub kini menerima sampai batch 2.")
    state = keadaan()
    assert state["batch"] == [1, 2] and len(state["rilis"]) == 2
    assert [r["lewat"] for r in run_sync(BatchHub.select(BatchHub.lewat).run())] == ["berkas", "berkas"]

    rusak = tmp_path / "rusak.jsonl"
    rusak.write_text('{"bukan": 1}\n', encoding="utf-8")
    assert "bukan berkas sinkron Balai" in run_sync(impor_berkas(rusak))[1]

    lines.append(node.bingkai(3, [rilis(periode="2026-09")]))
    uploaded = admin_client.post(
        "/admin/hub/impor", files={"berkas": ("sinkron.jsonl", "\n".join(json.dumps(x) for x in lines).encode())},
        headers={"x-csrftoken": admin_client.cookies.get("balai_csrf")})
    assert uploaded.status_code == 200 and "1 baru diterapkan" in uploaded.text
    assert keadaan()["batch"] == [1, 2, 3]


def test_the_hub_api_and_pages_do_not_exist_on_a_nagari(balai):
    from litestar.testing import TestClient

    from core.web.app import create_app

    with TestClient(create_app(balai), base_url="http://testserver.local") as client:
        assert client.post("/api/sinkron/kirim", json={"node": KODE, "bingkai": []}).status_code == 404
        assert client.post("/api/sinkron/daftar", json={}).status_code == 404


def test_the_operator_revokes_a_key_then_the_nagari_from_its_page(hub, admin_client):
    node = Node(KODE)
    terdaftar(node)
    assert admin_client.get("/admin/hub/nagari/13.07.05.9999").status_code == 404
    page = post_form(admin_client, f"/admin/hub/nagari/{KODE}/kunci/{node.kid}/cabut")
    assert "Kunci dicabut" in page.text and re.search(rf'id="kunci-{node.kid}">.*?Dicabut', page.text, re.S)
    assert run_sync(terima([node.bingkai(1, [rilis()])], KODE))["status"] == 403
    page = post_form(admin_client, f"/admin/hub/nagari/{KODE}/cabut")
    assert "Pendaftaran nagari dicabut" in page.text and 'id="status-nagari">Dicabut<' in page.text
    assert "sudah dicabut" in post_form(admin_client, f"/admin/hub/nagari/{KODE}/cabut").text
    assert keadaan()["batch"] == []

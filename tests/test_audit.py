"""The audit log: everything lands in it, and any tampering is detected."""

import json
import multiprocessing
import os
from datetime import date

import pytest

from core.audit.chain import append, verify
from core.audit.heads import sign_today, verify_heads
from core.audit.tables import AuditEntri
from plugin_sdk.testing import login, post_form, run_sync


def entries(**where):
    query = AuditEntri.select().order_by(AuditEntri.nomor)
    for key, value in where.items():
        query = query.where(getattr(AuditEntri, key) == value)
    return run_sync(query.run())


def seed(n=6):
    run_sync(append([{"aksi": "ubah", "objek_jenis": "uji", "objek_id": i, "rincian": {"nilai": [i, i + 1]}}
                     for i in range(n)]))


def as_attacker(statement_fn):
    """Someone with the database file: they can drop the append-only triggers first."""
    from core.db.binding import current_engine

    engine = current_engine()
    if engine.engine_type == "sqlite":
        drops = ["DROP TRIGGER balai_audit_tanpa_ubah", "DROP TRIGGER balai_audit_tanpa_hapus"]
    else:
        drops = ["DROP TRIGGER balai_audit_hanya_tambah ON balai_audit"]
    for drop in drops:
        run_sync(engine.run_ddl(drop))
    run_sync(statement_fn())


def test_the_database_refuses_to_change_or_delete_entries(balai):
    seed(2)
    with pytest.raises(Exception, match="hanya boleh ditambah"):
        run_sync(AuditEntri.update({AuditEntri.aksi: "x"}).where(AuditEntri.nomor == 1).run())
    with pytest.raises(Exception, match="hanya boleh ditambah"):
        run_sync(AuditEntri.delete().where(AuditEntri.nomor == 1).run())
    assert problems() == []


def problems():
    return [p.masalah for p in run_sync(verify())[1]]


def test_login_logout_and_changes_are_logged_with_who_and_what(client, balai):
    login(client)
    post_form(client, "/admin/pengguna/baru", {"nama": "Budi", "username": "budi", "password": "kata-sandi-budi",
                                               "peran": "2"})
    post_form(client, "/keluar")
    actions = [(e["aksi"], e["pengguna"], e["objek_jenis"]) for e in entries()]
    assert ("masuk", "admin", "pengguna") in actions
    assert ("buat", "admin", "pengguna") in actions
    assert ("keluar", "admin", "pengguna") in actions
    created = entries(aksi="buat", objek_jenis="pengguna")[-1]
    assert json.loads(created["rincian"])["username"] == "budi"
    assert problems() == []


def test_failed_login_is_logged(client):
    post_form(client, "/masuk", {"username": "admin", "password": "salah"})
    failed = entries(aksi="masuk_gagal")
    assert failed and json.loads(failed[-1]["rincian"])["username"] == "admin"


def test_audit_page_searches_by_user_and_object(admin_client):
    page = admin_client.get("/admin/audit", params={"pengguna": "admin", "aksi": "masuk"})
    assert page.status_code == 200 and "masuk" in page.text
    none = admin_client.get("/admin/audit", params={"pengguna": "tidak_ada"})
    assert "Tidak ada entri yang cocok" in none.text


def test_views_are_batched_by_the_writer(balai):
    from core.audit.writer import AuditWriter

    writer = AuditWriter(balai.settings.data_dir)
    for i in range(30):
        writer.enqueue({"aksi": "lihat", "objek_jenis": "penduduk", "objek_id": i, "pengguna": "admin"})
    assert entries(aksi="lihat") == []  # a view is not a write on the request's path
    assert run_sync(writer.flush()) == 30
    assert len(entries(aksi="lihat")) == 30 and problems() == []


def test_altered_entry_is_detected(balai):
    seed()
    as_attacker(AuditEntri.update({AuditEntri.rincian: '{"nilai": [0, 99]}'}).where(AuditEntri.nomor == 3).run)
    assert "isi entri diubah" in problems()


def test_removed_entry_is_detected(balai):
    seed()
    as_attacker(AuditEntri.delete().where(AuditEntri.nomor == 3).run)
    found = problems()
    assert any("hilang" in p for p in found) and any("putus" in p for p in found)


def test_reordered_entries_are_detected(balai):
    seed()
    async def swap():
        await AuditEntri.update({AuditEntri.nomor: 1000}).where(AuditEntri.nomor == 2).run()
        await AuditEntri.update({AuditEntri.nomor: 2}).where(AuditEntri.nomor == 4).run()
        await AuditEntri.update({AuditEntri.nomor: 4}).where(AuditEntri.nomor == 1000).run()

    as_attacker(swap)
    assert any("putus" in p for p in problems())


def test_rewritten_chain_is_caught_by_the_signed_head(balai):
    """Someone with database access alters an entry and recomputes every hash after it."""
    from core.audit.chain import entry_hash

    seed()
    assert run_sync(sign_today(balai.settings.data_dir, date(2026, 11, 1)))
    as_attacker(lambda: AuditEntri.count().run())
    rows = entries()
    previous = rows[1]["hash"]
    for row in rows[2:]:
        if row["nomor"] == 3:
            row["rincian"] = '{"nilai": [0, 99]}'
        row["hash_sebelum"] = previous
        row["hash"] = previous = entry_hash(previous, row)
        run_sync(AuditEntri.update({AuditEntri.rincian: row["rincian"], AuditEntri.hash: row["hash"],
                                    AuditEntri.hash_sebelum: row["hash_sebelum"]}).where(
            AuditEntri.nomor == row["nomor"]).run())
    assert problems() == []  # the chain alone looks fine...
    assert any("berbeda dari yang ditandatangani" in p for p in run_sync(verify_heads(balai.settings.data_dir)))


def _append_from_another_process(url, data_dir, worker):
    from core.plugin_host.host import PluginHost
    from core.runtime import Balai
    from core.settings import Settings

    balai = Balai.boot(Settings(data_dir=data_dir, database_url=url, secret_key="x" * 40, public_url="http://x"),
                       host=PluginHost(eps=[]))
    import asyncio

    async def go():
        for i in range(20):
            await append([{"aksi": "ubah", "objek_jenis": f"proses{worker}", "objek_id": i}])
        await balai.close()

    asyncio.run(go())


def test_several_processes_append_one_unbroken_chain(balai, balai_database_url):
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_append_from_another_process,
                                 args=(balai_database_url, balai.settings.data_dir, n)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    assert sum(e["objek_jenis"].startswith("proses") for e in entries()) == 80
    assert problems() == []

"""Moving from OpenSID: check first, apply all or nothing, re-import changes nothing, exports that round-trip."""

import csv
import io
import re

from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, Wilayah
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import post_form, run_sync
from plugins.impor.contoh import rows, write_csv, write_xlsx


def upload(client, path, name=None):
    token = client.cookies.get("balai_csrf") or (client.get("/masuk") and client.cookies.get("balai_csrf"))
    with path.open("rb") as handle:
        answer = client.post("/admin/impor", data={"_csrf_token": token},
                             files={"berkas": (name or path.name, handle.read(), "application/octet-stream")},
                             follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:500]
    return answer.headers["location"]


def finish(client, balai, job_url) -> dict:
    run_sync(run_pending(balai))
    state = client.get(job_url + "/status").json()
    assert state["status"] == "selesai", state
    return state


def count(table) -> int:
    return run_sync(table.count().run())


def test_check_then_apply_then_reimport_changes_nothing(admin_client, balai, tmp_path):
    data = rows(60)
    data[4]["nik"] = "12345"  # too short
    data[9]["tanggallahir"] = "31-02-1990"
    data[17]["agama_id"] = 9
    data[20]["no_kk"] = 1.3070512345600001e15  # a KK typed as a number, shown in scientific notation
    book = write_xlsx(tmp_path / "penduduk.xlsx", data)
    checked = finish(admin_client, balai, upload(admin_client, book))
    assert count(Penduduk) == 0  # the dry run changed nothing
    report = admin_client.get(checked["tautan"]).text
    assert re.search(r'id="jumlah-baru">56<', report) and re.search(r'id="jumlah-ditolak">4<', report)
    for number, column in ((6, "nik"), (11, "tanggallahir"), (19, "agama_id"), (22, "no_kk")):
        assert re.search(rf"<td>{number}</td><td>{column}</td>", report), (number, column)
    refused = admin_client.get(checked["tautan"] + "/ditolak.xlsx")
    assert refused.status_code == 200 and refused.content[:2] == b"PK"

    applied = post_form(admin_client, checked["tautan"] + "/terapkan", follow_redirects=False)
    again = post_form(admin_client, checked["tautan"] + "/terapkan", follow_redirects=False)
    assert again.headers["location"] == applied.headers["location"]  # a second click queues nothing new
    assert "sedang diterapkan" in admin_client.get(checked["tautan"]).text
    finish(admin_client, balai, applied.headers["location"])
    assert count(Penduduk) == 56
    assert run_sync(Peristiwa.count().where(Peristiwa.jenis == "pendataan_awal").run()) == 56
    assert count(Keluarga) == len({r["no_kk"] for i, r in enumerate(data) if i not in (4, 9, 17, 20)})
    assert {w["nama"] for w in run_sync(Wilayah.select().where(Wilayah.tingkat == 1).run())} <= {
        "Koto Tuo", "Padang Rantang", "Subarang", "Tanjuang"}
    first = data[0]
    person = run_sync(Penduduk.select().where(Penduduk.nik == first["nik"]).first().run())
    assert person["nama"] == first["nama"] and person["status_kawin"] in (2, 3) and person["status_ktp"] == 7
    assert "sudah-diterapkan" in admin_client.get(checked["tautan"]).text

    again = finish(admin_client, balai, upload(admin_client, book))
    assert re.search(r'id="jumlah-baru">0<', admin_client.get(again["tautan"]).text)
    assert "56" in admin_client.get(again["tautan"]).text  # all unchanged


def test_exports_round_trip_exactly(admin_client, balai, tmp_path):
    data = rows(40, seed=9)
    data[3]["dokumen_pasport"], data[3]["tanggal_akhir_paspor"] = "C1234567", "05-06-2030"
    data[5]["status_kawin"], data[5]["akta_perceraian"] = 3, "AC-77"
    finish(admin_client, balai, post_form(admin_client, finish(admin_client, balai, upload(
        admin_client, write_csv(tmp_path / "p.csv", data)))["tautan"] + "/terapkan",
        follow_redirects=False).headers["location"])
    exported = {}
    for fmt in ("opensid-csv", "balai-csv", "opensid-xlsx"):
        job = post_form(admin_client, "/admin/ekspor", {"format": fmt}, follow_redirects=False).headers["location"]
        state = finish(admin_client, balai, job)
        exported[fmt] = admin_client.get(state["tautan"]).content
    table = list(csv.DictReader(io.StringIO(exported["opensid-csv"].decode())))
    assert len(table) == 40
    by_nik = {r["nik"]: r for r in table}
    for original in data:
        out = by_nik[original["nik"]]
        for column, value in original.items():
            if column in ("rw", "rt", "status_kawin") or value in ("", None):
                continue
            assert str(out[column]) == str(value), (column, value, out[column])
    assert by_nik[data[5]["nik"]]["status_kawin"] == "3" and by_nik[data[3]["nik"]]["tanggal_akhir_paspor"] == "05-06-2030"
    assert exported["opensid-xlsx"][:2] == b"PK"
    balai_rows = list(csv.DictReader(io.StringIO(exported["balai-csv"].decode())))
    assert {r["status_kawin"] for r in balai_rows} >= {"1"} and len(balai_rows) == 40


def test_balai_export_reads_back_exactly_and_opensid_export_keeps_what_opensid_carries(admin_client, balai, tmp_path):
    from plugin_sdk.register import FIELDS
    from plugins.impor import format_balai, opensid
    from plugins.impor.ekspor import residents

    data = rows(30, seed=4)
    data[2]["status_kawin"], data[2]["akta_perceraian"], data[2]["tanggalperceraian"] = 3, "", ""
    data[6]["dokumen_kitas"], data[6]["lat"], data[6]["lng"] = "KITAS-9", "-0.2", "100.6"
    job = upload(admin_client, write_xlsx(tmp_path / "a.xlsx", data))
    report = finish(admin_client, balai, job)["tautan"]
    finish(admin_client, balai, post_form(admin_client, report + "/terapkan", follow_redirects=False).headers["location"])
    stored = {p["nik"]: (p, extra, place, no_kk) for p, extra, place, no_kk in run_sync(residents())}

    job = post_form(admin_client, "/admin/ekspor", {"format": "balai-csv"}, follow_redirects=False).headers["location"]
    balai_csv = admin_client.get(finish(admin_client, balai, job)["tautan"]).content.decode()
    for number, cells in enumerate(csv.DictReader(io.StringIO(balai_csv)), start=2):
        row = format_balai.parse(number, cells)
        person, _, place, no_kk = stored[row.fields["nik"]]
        assert not row.problems, row.problems
        assert {f: row.fields[f] for f in FIELDS} == {f: person[f] for f in FIELDS}
        assert (row.no_kk, row.wilayah) == (no_kk, place)

    job = post_form(admin_client, "/admin/ekspor", {"format": "opensid-csv"}, follow_redirects=False).headers["location"]
    opensid_csv = admin_client.get(finish(admin_client, balai, job)["tautan"]).content.decode()
    carried = [k for k in FIELDS if k not in ("sakit_menahun", "bahasa_huruf", "telepon", "email", "status_penduduk")]
    for number, cells in enumerate(csv.DictReader(io.StringIO(opensid_csv)), start=2):
        row = opensid.parse(number, cells)
        person, extra, place, no_kk = stored[row.fields["nik"]]
        assert {f: row.fields[f] for f in carried} == {f: person[f] for f in carried}
        assert (row.extra, row.no_kk, row.wilayah) == (extra, no_kk, place)

    # The full export imported again: every resident is recognised as unchanged.
    again = tmp_path / "balai.csv"
    again.write_text(balai_csv)
    assert re.search(r'id="jumlah-baru">0<', admin_client.get(finish(admin_client, balai, upload(admin_client, again))["tautan"]).text)


def test_a_queued_job_outlives_the_web_process_and_the_worker_runs_it(balai, balai_app, tmp_path):
    import os
    import subprocess
    import time

    from litestar.testing import TestClient

    from core.tugas.tables import Tugas
    from plugin_sdk.testing import login
    from tests.live import BALAI

    with TestClient(balai_app, base_url="http://testserver.local") as web:
        login(web)
        queued = post_form(web, "/admin/ekspor", {"format": "opensid-csv"}, follow_redirects=False)
        assert queued.headers["location"].startswith("/admin/tugas/")
    # The web process is gone; a worker started now still finds the job in the queue.
    kode = queued.headers["location"].rsplit("/", 1)[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env.update(BALAI_DATA_DIR=str(balai.settings.data_dir), BALAI_DATABASE_URL=balai.settings.database_url,
               BALAI_SECRET_KEY=balai.settings.secret_key)
    worker = subprocess.Popen([BALAI, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while (row := run_sync(Tugas.select().where(Tugas.kode == kode).first().run()))["status"] != "selesai":
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, row
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert (balai.settings.data_dir / "berkas" / "impor" / f"ekspor-{kode}.csv").exists()


def test_a_changed_row_becomes_a_correction_in_the_journal(admin_client, balai, tmp_path):
    data = rows(12, seed=2)
    book = write_csv(tmp_path / "p.csv", data)
    report = finish(admin_client, balai, upload(admin_client, book))["tautan"]
    finish(admin_client, balai, post_form(admin_client, report + "/terapkan", follow_redirects=False).headers["location"])
    data[1]["nama"], data[1]["pekerjaan_id"] = "Nama Yang Dibetulkan", 2
    report = finish(admin_client, balai, upload(admin_client, write_csv(tmp_path / "p2.csv", data)))["tautan"]
    page = admin_client.get(report).text
    assert re.search(r"Diperbarui \(NIK sudah ada, isi berbeda\)</th><td>1<", page) and 'id="jumlah-baru">0<' in page
    finish(admin_client, balai, post_form(admin_client, report + "/terapkan", follow_redirects=False).headers["location"])
    person = run_sync(Penduduk.select().where(Penduduk.nik == data[1]["nik"]).first().run())
    assert person["nama"] == "Nama Yang Dibetulkan" and person["pekerjaan"] == 2
    [entry] = run_sync(Peristiwa.select().where((Peristiwa.jenis == "koreksi") & (Peristiwa.penduduk == person["id"])).run())
    assert '"sesudah": {"nama": "Nama Yang Dibetulkan", "pekerjaan": 2}' in entry["rincian"]
    assert count(Penduduk) == 12

"""Backup and restore through the real CLI: a 5,000-resident nagari with letters and uploads, backed up while the
app runs, restored into a fresh SQLite and a fresh PostgreSQL installation, compared row by row and byte by byte."""

import json
import zipfile

from core.tugas.tables import Tugas
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import ENGINES, post_form, run_sync
from tests.cadangan_helpers import PASSPHRASE, cli, data_files, fresh_database, read_tables, sha256
from tests.mandiri_helpers import Jar, first_login, issue_pin, pdf, png, submit
from tests.surat_helpers import demo_nagari, issue, letters, living_resident

USAHA = {"keperluan": "Mengajukan pinjaman usaha", "isian_nama_usaha": "Kedai Kopi Taram",
         "isian_jenis_usaha": "Warung kopi", "isian_alamat_usaha": "Jorong Koto, Taram"}


def busy_nagari(admin_client, balai, residents: int = 5000) -> dict:
    """The demo nagari with issued letters and a resident's request with uploaded documents."""
    demo_nagari(balai, residents)
    person = living_resident()
    for kode in ("domisili", "usaha", "domisili"):
        fields = {"isian_sejak": "tahun 2015"} if kode == "domisili" else {
            "isian_nama_usaha": "Kedai Kopi", "isian_jenis_usaha": "Warung", "isian_alamat_usaha": "Jorong Koto"}
        assert issue(admin_client, kode, person["id"], **fields).status_code in (302, 303)
    pin = issue_pin(admin_client, person["id"])
    office = Jar(admin_client)
    first_login(admin_client, person["nik"], pin)
    docs = {"syarat_0": ("pengantar.pdf", pdf(), "application/pdf"), "syarat_1": ("ktp.png", png(), "image/png")}
    assert submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, docs).status_code in (302, 303)
    office.swap()
    run_sync(admin_client.app.state.audit.flush())  # views logged so far are in the snapshot's audit table
    return person


def test_backup_restores_into_both_engines_row_by_row_and_byte_by_byte(admin_client, balai, balai_database_url,
                                                                         tmp_path_factory):
    busy_nagari(admin_client, balai)
    source_dir = balai.settings.data_dir
    expected_rows = read_tables(balai_database_url)
    assert len(expected_rows["balai_penduduk"]) >= 5000 and len(expected_rows["surat_arsip"]) == 3
    backup = tmp_path_factory.mktemp("flashdisk") / "taram.balai"
    made = cli(source_dir, balai_database_url, "backup", str(backup), "--encrypt", passphrase=PASSPHRASE)
    assert made.returncode == 0, made.stderr
    assert "Cadangan tersimpan" in made.stdout
    expected_files = data_files(source_dir)  # the CLI made the data folder's secret key as it started
    assert "secret_key" in expected_files
    assert any(name.startswith("berkas/mandiri/") for name in expected_files)
    assert any(name.startswith("berkas/surat/") for name in expected_files)
    assert any(name.startswith("kunci/surat/") for name in expected_files)
    assert not zipfile.is_zipfile(backup)  # sealed: nothing readable without the passphrase
    assert "Belum pernah" not in admin_client.get("/admin/cadangan").text

    for engine in ENGINES:
        target = tmp_path_factory.mktemp(f"komputer-baru-{engine}")
        with fresh_database(engine, target) as target_url:
            restored = cli(target, target_url, "restore", str(backup), passphrase=PASSPHRASE)
            assert restored.returncode == 0, restored.stderr
            assert "dipulihkan" in restored.stdout
            rows = read_tables(target_url)
            # The restore is logged in the restored chain, after everything that came with the backup.
            *audit, restore_entry = rows["balai_audit"]
            assert "pulihkan" in restore_entry
            rows["balai_audit"] = audit
            assert sorted(rows) == sorted(expected_rows)
            for table, expected in expected_rows.items():
                assert rows[table] == expected, f"{table} berbeda setelah dipulihkan ke {engine}"
            assert data_files(target) == expected_files
            assert cli(target, target_url, "audit", "verify").returncode == 0


def test_restored_installation_keeps_working_and_old_letters_still_verify(admin_client, balai, balai_database_url,
                                                                           tmp_path_factory):
    """A plain backup carries no private key: old letters verify with the public key, new ones get a new key."""
    busy_nagari(admin_client, balai, residents=40)
    old_letter = admin_client.get(f"/admin/surat/{letters()[0]['id']}/pdf").content
    # This computer's own state: a finished backup and one still waiting for the worker.
    post_form(admin_client, "/admin/cadangan/buat")
    run_sync(run_pending(balai))
    post_form(admin_client, "/admin/cadangan/buat")
    signed = cli(balai.settings.data_dir, balai_database_url, "audit", "sign")
    assert signed.returncode == 0, signed.stderr
    backup = tmp_path_factory.mktemp("usb") / "polos.balai"
    made = cli(balai.settings.data_dir, balai_database_url, "backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert "kunci tanda tangan surat dan kunci rahasia tidak ikut" in made.stdout
    with zipfile.ZipFile(backup) as archive:
        names = archive.namelist()
        assert not any(n.endswith(".pem") or n.endswith("secret_key") for n in names)
        assert any(n.startswith("data/kunci/surat/") and n.endswith(".pub") for n in names)

    target = tmp_path_factory.mktemp("baru")
    with fresh_database("sqlite", target) as url:
        assert cli(target, url, "restore", str(backup)).returncode == 0
        (target / "surat.pdf").write_bytes(old_letter)
        checked = cli(target, url, "surat", "verify", str(target / "surat.pdf"))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        # What belonged to the old computer does not carry over: no waiting job, no "last backup" of its own.
        rows = read_tables(url)
        status = [c._meta.db_column_name for c in Tugas._meta.columns].index("status")
        assert {row[status] for row in rows["balai_tugas"]} == {"selesai", "gagal"}
        assert not [row for row in rows["balai_pengaturan"] if row[1].startswith("_cadangan.")]
        keys = list((target / "kunci" / "surat").glob("*.pub"))
        assert len(keys) == 1 and not list((target / "kunci" / "surat").glob("*.pem"))
        # The audit chain's signed head still verifies with the old public key, beside a new signing key.
        assert list((target / "kunci").glob("audit-*.pub")) and not (target / "kunci" / "audit.pem").exists()
        verified = cli(target, url, "audit", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        # A new letter is signed with a new key; both keys are published.
        assert cli(target, url, "surat", "kunci-baru").returncode == 0
        assert len(list((target / "kunci" / "surat").glob("*.pem"))) == 1


def test_damaged_or_incompatible_backups_are_refused_and_change_nothing(admin_client, balai, balai_database_url,
                                                                      tmp_path_factory):
    busy_nagari(admin_client, balai, residents=40)
    usb = tmp_path_factory.mktemp("usb")
    plain, sealed = usb / "polos.balai", usb / "sandi.balai"
    assert cli(balai.settings.data_dir, balai_database_url, "backup", str(plain)).returncode == 0
    assert cli(balai.settings.data_dir, balai_database_url, "backup", str(sealed), "--encrypt",
               passphrase=PASSPHRASE).returncode == 0

    def flipped(source, offset_fraction: float):
        data = bytearray(source.read_bytes())
        data[int(len(data) * offset_fraction)] ^= 0x01
        path = usb / f"rusak-{source.stem}-{offset_fraction}.balai"
        path.write_bytes(bytes(data))
        return path

    def edited_manifest(change) -> object:
        path = usb / f"ubah-{len(list(usb.iterdir()))}.balai"
        with zipfile.ZipFile(plain) as old, zipfile.ZipFile(path, "w") as new:
            for item in old.infolist():
                data = old.read(item)
                if item.filename == "manifest.json":
                    manifest = json.loads(data)
                    change(manifest)
                    data = json.dumps(manifest).encode()
                new.writestr(item, data)
        return path

    truncated = usb / "terpotong.balai"
    truncated.write_bytes(plain.read_bytes()[: plain.stat().st_size // 2])
    cut_sealed = usb / "sandi-terpotong.balai"
    data = sealed.read_bytes()
    header_end = data.index(b"\n", data.index(b"\n") + 1) + 1
    cut_sealed.write_bytes(data[: header_end + 2])  # cut inside the first chunk's length field

    def climbing(manifest):
        manifest["berkas"].append({"jalur": "../../../tmp/bukan-tempatnya", "ukuran": 1, "sha256": "0" * 64})

    def injecting(manifest):
        manifest["tabel"][0]["kolom"][1] = 'nama") VALUES (1); DROP TABLE balai_penduduk; --'

    cases = [
        (flipped(plain, 0.3), None, "rusak"),
        (truncated, None, "rusak"),
        (flipped(sealed, 0.5), PASSPHRASE, "rusak atau telah diubah"),
        (cut_sealed, PASSPHRASE, "rusak"),
        (edited_manifest(climbing), None, "Manifest cadangan rusak"),
        (edited_manifest(injecting), None, "Manifest cadangan rusak"),
        (sealed, "sandi-yang-keliru-sekali", "Sandi cadangan salah"),
        (edited_manifest(lambda m: m["plugin"].append({"nama": "lumbung", "versi": "2.1", "aktif": True})), None,
         "plugin lumbung versi 2.1 belum terpasang"),
        (edited_manifest(lambda m: m["skema"]["surat"].append("surat_2099_01_01t00_00_00_000000")), None,
         "plugin surat di cadangan lebih baru dari yang terpasang"),
    ]
    engine = "sqlite" if balai_database_url.startswith("sqlite") else "postgres"  # the other run covers the other
    for backup, passphrase, message in cases:
        target = tmp_path_factory.mktemp("tujuan")
        before = sha256(backup)
        with fresh_database(engine, target) as url:
            refused = cli(target, url, "restore", str(backup), passphrase=passphrase)
            assert refused.returncode == 1, (backup.name, refused.stdout)
            assert message in refused.stderr and "Tidak ada yang diubah" in refused.stderr, refused.stderr
            assert read_tables(url) == {}
            assert not (target / "berkas").exists()
        assert sha256(backup) == before

    # Checking a backup, as the office should do regularly, works on the running installation and writes nothing.
    checked = cli(balai.settings.data_dir, balai_database_url, "restore", "--periksa", str(sealed),
                  passphrase=PASSPHRASE)
    assert checked.returncode == 0 and "utuh" in checked.stdout and "dengan kunci tanda tangan" in checked.stdout
    damaged = cli(balai.settings.data_dir, balai_database_url, "restore", "--periksa", str(cases[0][0]))
    assert damaged.returncode == 1 and "rusak" in damaged.stderr

    # A restore never overwrites a nagari already running here.
    refused = cli(balai.settings.data_dir, balai_database_url, "restore", str(plain))
    assert refused.returncode == 1 and "tidak kosong" in refused.stderr

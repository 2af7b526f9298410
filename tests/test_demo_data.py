"""The demo nagari: realistic, deterministic, and consistent with the register's own rules."""

from datetime import date

from balai_demo.penduduk import build
from core.penduduk.nik import check_nik
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa
from plugin_sdk.testing import run_sync

TODAY = date(2026, 11, 27)


def snapshot():
    return run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir).order_by(Penduduk.id).run())


def test_demo_population_is_deterministic_and_follows_the_rules(balai):
    created = run_sync(build(600, seed=7, today=TODAY))
    people = run_sync(Penduduk.select().run())
    assert created == len(people) >= 600
    heads = run_sync(Penduduk.count().where((Penduduk.hubungan == 1)).run())
    assert heads == run_sync(Keluarga.count().run())  # exactly one head per family
    warnings = [p for p in people if check_nik(p["nik"], p["tanggal_lahir"], p["jenis_kelamin"]).warnings]
    assert all(check_nik(p["nik"]).ok for p in people)
    assert 0 < len(warnings) < len(people) * 0.05  # a few tolerated mismatches, as in real data
    assert run_sync(Peristiwa.count().run()) >= len(people)  # everyone entered through the journal
    families = run_sync(Keluarga.select(Keluarga.id, Keluarga.rumah_tangga, Keluarga.wilayah).run())
    by_household: dict = {}
    for f in families:
        by_household.setdefault(f["rumah_tangga"], []).append(f)
    assert None not in by_household  # every family lives in a household ...
    shared = [fs for fs in by_household.values() if len(fs) > 1]
    assert 0 < len(shared) < len(by_household) / 3  # ... a few share one, each within one jorong
    assert all(len({f["wilayah"] for f in fs}) == 1 for fs in shared)
    kin = {f["id"]: f["rumah_tangga"] for f in families}
    assert all(p["rumah_tangga"] == kin[p["keluarga"]] for p in people)  # members live where their family lives
    ages = [(TODAY - p["tanggal_lahir"]).days // 365 for p in people]
    assert sum(a < 15 for a in ages) > len(ages) * 0.15 and max(ages) >= 60
    first = snapshot()
    # the same seed on a fresh database gives the same nagari
    run_sync(Peristiwa.raw("DELETE FROM balai_peristiwa").run())
    run_sync(Penduduk.raw("DELETE FROM balai_penduduk").run())
    run_sync(Penduduk.raw("DELETE FROM balai_riwayat_kk").run())
    run_sync(Penduduk.raw("DELETE FROM balai_keluarga").run())
    run_sync(Penduduk.raw("DELETE FROM balai_rumah_tangga").run())
    run_sync(Penduduk.raw("DELETE FROM balai_wilayah").run())
    run_sync(build(600, seed=7, today=TODAY))
    assert snapshot() == first


def test_the_balai_command_loads_the_demo_generator_only_for_balai_demo():
    import subprocess
    import sys

    script = ("import sys; import core.cli.main as m; import click; ctx = click.Context(m.cli); "
              "assert 'balai_demo' not in sys.modules; assert 'demo' in m.cli.list_commands(ctx); "
              "assert m.cli.get_command(ctx, 'demo').name == 'demo'; assert 'balai_demo' in sys.modules")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

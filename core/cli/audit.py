"""`balai audit ...`: check and sign the audit log."""

from __future__ import annotations

import click

from core.audit.chain import verify
from core.audit.heads import sign_today, verify_heads
from core.cli.common import run


@click.group(name="audit", help="Periksa dan tandatangani log audit.")
def group() -> None:
    pass


@group.command(name="verify", help="Periksa seluruh rantai hash log audit dan tanda tangan hariannya.")
def verify_command() -> None:
    async def go(balai):
        checked, problems = await verify()
        head_problems = await verify_heads(balai.settings.data_dir)
        for problem in problems:
            click.echo(f"entri {problem.nomor}: {problem.masalah}")
        for problem in head_problems:
            click.echo(problem)
        if problems or head_problems:
            click.echo(f"LOG AUDIT RUSAK: {len(problems) + len(head_problems)} masalah pada {checked} entri.", err=True)
            return 1
        click.echo(f"Log audit utuh: {checked} entri diperiksa.")
        return 0

    raise SystemExit(run(go))


@group.command(name="sign", help="Tandatangani kepala rantai hari ini (biasanya otomatis).")
def sign_command() -> None:
    async def go(balai):
        signed = await sign_today(balai.settings.data_dir)
        click.echo("Kepala log ditandatangani." if signed else "Sudah ditandatangani hari ini, atau log masih kosong.")

    run(go)

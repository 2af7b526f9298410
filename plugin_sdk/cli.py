"""For a plugin's CLI commands: the Balai this process booted (settings from the environment or TOML), and a
background job run here with a progress bar (``run_job(kind, title, params)``, since 1.10), and a context to fire
other plugins' events with (``await emit(CommandContext(booted_balai()), "event")``, since 1.10)."""

from core.cli.common import CommandContext, booted as booted_balai, run_job

__all__ = ["CommandContext", "booted_balai", "run_job"]

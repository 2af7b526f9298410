"""Commands that other packages add to `balai` through the `balai.cli` entry-point group.

Such a command (the demo generator in `balai_demo` is one) is imported only when it is run or its help is shown,
so `balai serve` and the worker never load it, and the kernel never imports the package that provides it. A plugin
adds commands through the `balai_cli_commands` hook instead; this group is for tools that are not plugins.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points

import click

GROUP = "balai.cli"


@cache
def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


class CommandsFromEntryPoints(click.Group):
    """A click group that also lists the `balai.cli` entry points and imports one only when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_entry_points()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in _entry_points():
            command = _entry_points()[name].load()
            self.add_command(command, name)
        return command

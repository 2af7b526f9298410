"""For a plugin's CLI commands: the Balai this process booted (settings from the environment or TOML)."""

from core.cli.common import booted as booted_balai

__all__ = ["booted_balai"]

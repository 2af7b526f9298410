"""Balai kernel: identity, residents, permissions, the plugin host and the app shell."""

__version__ = "0.1.0"

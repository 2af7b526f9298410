"""Balai's benchmark suite: a real server on 127.0.0.1, a separate load generator, client-side times.

Run it with ``python -m bench`` (see bench/README.md).
"""

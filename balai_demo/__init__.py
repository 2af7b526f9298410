"""The demo nagari: deterministic synthetic data for training and benchmarks, and the `balai demo` command.

A development and training tool beside the kernel, not part of it: it may import `core` and the built-in plugins,
and nothing imports it but the `balai` command (through the `balai.cli` entry point) and the tests.
"""

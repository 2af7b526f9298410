"""The hook reference cannot drift (Datasette's tested docs and `test_plugin_hooks_have_tests`): every hook in
core/hookspecs.py has a section in docs/plugins/hooks.md whose signature is the specification's, and is named in a
test that exercises it."""

import inspect
import re
from pathlib import Path

import pytest

import core.hookspecs

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "plugins" / "hooks.md"
HEADING = re.compile(r"^## (balai_\w+)\s*$", re.M)
SIGNATURE = re.compile(r"^\*\*Signature:\*\* `(\w+)\(([^)]*)\)`", re.M)
HOOKS = sorted(name for name in dir(core.hookspecs) if name.startswith("balai_"))


def sections() -> dict[str, str]:
    text = REFERENCE.read_text()
    parts = HEADING.split(text)[1:]
    return dict(zip(parts[::2], parts[1::2]))


def test_hooks_are_found():
    assert len(HOOKS) >= 19 and "balai_jadwal" in HOOKS


def test_every_hook_has_one_section_and_every_section_a_hook():
    found = HEADING.findall(REFERENCE.read_text())
    assert sorted(set(found)) == sorted(found), "a hook with two sections"
    assert set(HOOKS) - set(found) == set(), "hooks without a section in docs/plugins/hooks.md"
    assert set(found) - set(HOOKS) == set(), "documented hooks that do not exist"


@pytest.mark.parametrize("hook", HOOKS)
def test_each_section_shows_the_specifications_signature(hook):
    body = sections().get(hook, "")
    shown = SIGNATURE.findall(body)
    assert len(shown) == 1, f"{hook}: the section needs one line **Signature:** `{hook}(...)`"
    name, arguments = shown[0]
    spec = getattr(core.hookspecs, hook)
    expected = list(inspect.signature(spec).parameters)
    assert name == hook and [a.strip() for a in arguments.split(",") if a.strip()] == expected, \
        f"{hook}: documented {name}({arguments}), specified {hook}({', '.join(expected)})"
    options = getattr(spec, f"{core.hookspecs.PROJECT}_spec", {}) or {}
    if options.get("firstresult"):
        assert "firstresult" in body, f"{hook} stops at the first answer: its section must say firstresult"


# Hooks known to lack a test that names them, with the reason. The list only shrinks: a hook here that gains a
# test fails below until it is taken off.
UNTESTED: dict[str, str] = {}


@pytest.mark.parametrize("hook", HOOKS)
def test_each_hook_is_named_in_a_test(hook):
    tests = [p for p in (ROOT / "tests").glob("test_*.py") if p.name != Path(__file__).name]
    named = any(hook in p.read_text() for p in tests)
    if hook in UNTESTED:
        assert not named, f"{hook} has a test now: take it off UNTESTED"
        pytest.skip(UNTESTED[hook])
    assert named, f"no test under tests/ names {hook}: add one that exercises it (see tests/test_hooks_dipanggil.py)"

"""Fault isolation inside pluggy's calls: one plugin's failing implementation is logged, the rest run on.

pluggy stops a hook call at the first exception. The host wraps each implementation
when it registers it, so that through `PluginHost.call` a failing one is logged with
its plugin's name and counts as no answer (for a ``firstresult`` hook the next
implementation, usually the default, answers instead), a failing wrapper is stepped
around, and an async implementation that fails when awaited gives None.

An async implementation awaited while a database transaction is open runs inside a
savepoint: if it fails, only its own writes are undone, and the transaction of the
plugin that fired the event (issuing a letter, say) still commits.
"""

from __future__ import annotations

import functools
import inspect
import logging
from typing import Any, Awaitable, Callable

log = logging.getLogger("balai.plugins")
RAW = "_balai_raw"


def raw(impl) -> Callable:
    """The plugin's own function, unwrapped (for callers that handle failures themselves)."""
    return getattr(impl.function, RAW, impl.function)


def isolate(impl, hook: str) -> None:
    """Replace a registered implementation's function with an isolated one (once)."""
    if hasattr(impl.function, RAW):
        return
    function = impl.function
    where = (hook, impl.plugin_name)
    guarded = _wrapper(function, where) if (impl.wrapper or impl.hookwrapper) else _plain(function, where)
    setattr(guarded, RAW, function)
    impl.function = guarded  # pluggy calls impl.function(*args) with impl.argnames, computed from the original


def _plain(function: Callable, where: tuple[str, str]) -> Callable:
    @functools.wraps(function)
    def guarded(*args):
        try:
            result = function(*args)
        except Exception:
            log.exception("hook %s dari plugin %s gagal", *where)
            return None
        return _settled(result, where) if inspect.isawaitable(result) else result

    return guarded


async def _settled(awaitable: Awaitable, where: tuple[str, str]) -> Any:
    from core.db.binding import current_engine

    try:
        transaction = current_engine().current_transaction.get()
    except RuntimeError:  # no database bound (a test without one)
        transaction = None
    savepoint = await transaction.savepoint() if transaction is not None else None
    try:
        value = await awaitable
    except Exception:
        log.exception("hook %s dari plugin %s gagal", *where)
        if savepoint is not None:
            await savepoint.rollback_to()
        return None
    if savepoint is not None:
        await savepoint.release()
    return value


def _wrapper(function: Callable, where: tuple[str, str]) -> Callable:
    """A wrapper generator that yields once around the others; its own failures are stepped around."""

    @functools.wraps(function)
    def guarded(*args):
        try:
            inner = function(*args)
            next(inner)
        except Exception:
            log.exception("wrapper hook %s dari plugin %s gagal sebelum yield", *where)
            return (yield)
        try:
            result = yield
        except BaseException as exc:  # the wrapped implementations raised: the wrapper may handle it
            try:
                inner.throw(exc)
            except StopIteration as stop:
                return stop.value
            raise RuntimeError(f"wrapper hook {where[0]} dari plugin {where[1]} yield lebih dari sekali")
        try:
            inner.send(result)
        except StopIteration as stop:
            return stop.value
        except Exception:
            log.exception("wrapper hook %s dari plugin %s gagal sesudah yield", *where)
            return result
        inner.close()
        log.error("wrapper hook %s dari plugin %s yield lebih dari sekali", *where)
        return result

    return guarded

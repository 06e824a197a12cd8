"""A repair for PySide6's SignalInstance.emit, which in 6.12.0 hands back True without owning a reference to it.

Every `signal.emit(...)` from Python then takes one reference from True. Before Python 3.12 True is not
immortal, so after some ten thousand emits (a mouse moving over the map emits twice per move) its count
reaches zero and the interpreter aborts with "bool_dealloc: deallocating True or False". The repair gives
the reference back after each emit, and is applied only when a probe shows the bug.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

PROBE_EMITS = 8
# PySide6 6.12.0 also returns None from every wrapped C++ void method (setText, setData …) without a reference
# of its own: each call takes one from None, and a table of a few thousand cells takes more than None holds.
# None gets this many references once, more than any session makes calls (Python 3.12+ makes None immortal).
NONE_RESERVE = 1 << 40


class Probe(QObject):
    """A QObject with one signal, to count what emitting it costs."""

    fired = Signal()


def _give_back(value: object, count: int = 1) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


def emit_drops_true() -> bool:
    """Whether emit takes a reference from True (repaying what the probe took)."""
    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBE_EMITS):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _give_back(True, lost)
    return lost >= PROBE_EMITS


def void_call_drops_none() -> bool:
    """Whether calling a C++ void method takes a reference from None (repaying what the probe took)."""
    probe = Probe()
    before = sys.getrefcount(None)
    for _ in range(PROBE_EMITS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    if lost > 0:
        _give_back(None, lost)
    return lost >= PROBE_EMITS


def reserve_none() -> bool:
    """Give None NONE_RESERVE references when void calls take them; True when None has its reserve."""
    if sys.getrefcount(None) >= NONE_RESERVE:
        return True
    if not void_call_drops_none():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += NONE_RESERVE  # CPython: ob_refcnt is the first field
    return True


def repair_signal_emit() -> bool:
    """Wrap SignalInstance.emit when it has the bug (and give None its reserve when void calls wear it out);
    True when the emit repair is in place. Safe to call again."""
    reserve_none()
    if getattr(SignalInstance.emit, "repairs_refcount", False):
        return True
    if not emit_drops_true():
        return False
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            _give_back(result)
        return result

    emit.repairs_refcount = True
    SignalInstance.emit = emit
    return True

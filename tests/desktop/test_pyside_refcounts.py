"""The PySide6 that pyproject.toml admits must not wear out Python's True and None: 6.12.0 on Python 3.11 took
a reference from True on every signal emit and from None on every C++ void call, and the window aborted with
"deallocating True or False" after some ten thousand mouse moves. A PySide6 with that bug fails here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000


class Probe(QObject):
    fired = Signal()


def test_signal_emits_leave_true_as_it_was(qapp):
    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        probe.fired.emit()
    assert sys.getrefcount(True) >= before - 10


def test_void_calls_leave_none_as_it_was(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("深圳")
    assert sys.getrefcount(None) >= before - 10

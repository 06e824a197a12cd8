"""PySide6 6.12.0's SignalInstance.emit takes a reference from True each call; the repair gives it back, so a
long session (the map emits on every mouse move) does not abort with "deallocating True or False"."""

from __future__ import annotations

import sys

from desktop.signal_emit import Probe, repair_signal_emit


def test_emitting_leaves_true_as_it_was(qapp):
    repair_signal_emit()  # conftest's prepare_environment() has done it; a second call changes nothing
    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(1000):
        probe.fired.emit()
    assert sys.getrefcount(True) >= before

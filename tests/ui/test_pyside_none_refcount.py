"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and
aborts after a few thousand (`none_dealloc`). This fails CI if an upgrade brings it back."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(10_000):
        obj.setObjectName(f"n{i % 7}")  # returns nothing: the call that leaked
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references in 10,000 void calls"

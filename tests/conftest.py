"""Test-wide set-up: Qt runs offscreen, nothing reads the user's real library or settings."""

from __future__ import annotations

import os

# Set before any Qt import so no test ever needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the user's real library, whatever the environment says.
os.environ.pop("READER_DB", None)

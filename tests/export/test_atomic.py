"""Atomic writes: a failed export leaves no partial file, no temp file, and the old file intact."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from reader.export import export_comparison
from reader.export.atomic import write_atomic
from reader.export.errors import ExportError
from tests.export.fixtures import EXPORTED_AT, english_doc


def test_writes_the_bytes_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    write_atomic(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert os.listdir(tmp_path) == ["out.html"]
    write_atomic(target, b"again")
    assert target.read_bytes() == b"again"
    assert os.listdir(tmp_path) == ["out.html"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.html"
    with pytest.raises(ExportError) as caught:
        write_atomic(target, b"x")
    assert caught.value.path == target
    assert "does not exist" in caught.value.reason
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="permissions do not bind root or Windows")
def test_read_only_folder_is_permission_denied(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_atomic(folder / "out.md", b"x")
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)


def test_failed_rename_keeps_the_old_file_and_removes_the_temp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old export")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="permission denied"):
        export_comparison(english_doc(), "json", target, exported_at=EXPORTED_AT)
    assert target.read_bytes() == b"old export"
    assert os.listdir(tmp_path) == ["out.json"]


def test_disk_full_mid_write_leaves_nothing(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.html"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        write_atomic(target, b"x" * 10_000)
    assert caught.value.reason == "the disk is full"
    assert os.listdir(tmp_path) == []


def test_interrupt_mid_write_still_cleans_up(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.md", b"x")
    assert os.listdir(tmp_path) == []


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(ExportError, match="folder with that name"):
        write_atomic(tmp_path / "out.pdf", b"x")


def test_new_file_is_readable_and_replacing_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, b"x")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    write_atomic(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o600


def test_unwritable_folder_reason_without_relying_on_permissions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same check as the read-only folder test, for runs as root (which ignores modes)."""
    import tempfile

    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match="permission denied"):
        write_atomic(tmp_path / "out.md", b"x")
    assert os.listdir(tmp_path) == []

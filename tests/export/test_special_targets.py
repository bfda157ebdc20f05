"""An export never replaces a device, a pipe or a socket with a regular file."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from reader.export.atomic import write_atomic
from reader.export.errors import ExportError


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_and_left_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out.html"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="is a named pipe, not a regular file"):
        write_atomic(fifo, b"<p>x</p>")
    assert fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]  # no temporary file left


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    with pytest.raises(ExportError, match="is a device, not a regular file"):
        write_atomic(link, b"x")
    assert link.is_symlink() and Path("/dev/null").is_char_device()


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(ExportError, match="is a socket"):
            write_atomic(path, b"{}")


def test_a_regular_file_is_still_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"

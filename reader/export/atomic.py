"""Write a file so that a reader sees either the old file, or the whole new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from reader.export.errors import ExportError


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over.

    On any failure the temporary file is removed, an existing file at `path` is left as it was,
    and ExportError says why in words a user can act on.
    """
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(path, f"the folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(path, "a folder with that name is in the way")
    _refuse_special(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(path, _reason(exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp creates the file private (0600): keep the mode of the file being replaced,
        # or give a new export the usual readable-by-all mode.
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise ExportError(path, _reason(exc)) from exc
        raise
    _sync_folder(folder)


def _refuse_special(path: Path) -> None:
    """Never rename over a device, a pipe or a socket (as root that would replace /dev/null)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # nothing there (or a dangling link): a new file is written
    if not stat.S_ISREG(mode):
        kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device")
        raise ExportError(path, f"is {kind}, not a regular file; choose a file name to export to")


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied: the folder is not writable"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist"
    return exc.strerror or str(exc)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows opening a folder (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

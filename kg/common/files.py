"""Atomic file writes: a file is written beside its target, flushed, and renamed into place, so a reader
never sees half a file and an interrupted write leaves the previous one as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one rename."""
    os.replace(temporary(path, data), path)


def temporary(path: Path, data: bytes) -> str:
    """``data`` in a new file beside ``path`` (named ``.<name>.<random>.tmp``), flushed to disk, with the
    permissions a new file gets. The caller renames it into place or removes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes files private (0600); outputs are ordinary files
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()

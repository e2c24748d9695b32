"""Files kg writes: atomic writes, a set of outputs replaced all or nothing, and the lock that keeps two
kg processes from writing one folder at once.

- A file is written beside its target as ``.kg-<name>.<random>.tmp``, flushed, and renamed into place,
  so a reader never sees half a file and an interrupted write leaves the previous one as it was. Only
  files of that pattern are ever removed as leftovers: a user's own ``.something.tmp`` is not kg's.
- :func:`commit` renames a set of such files into place and deletes outputs the set no longer has,
  undoing what it did if any step fails; a journal (``.kg-commit.json``) lets the next writer undo a
  commit a kill interrupted (:func:`recover`).
- :class:`FolderLock` is an exclusive ``flock`` on ``FOLDER/.kg.lock``, held by a build or a removal
  for its whole run; another writer waits for it up to a timeout, then stops with a clear error.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Self

from kg.errors import OutputError, StoreBusyError

PREFIX = ".kg-"  # every temporary, backup and journal kg leaves beside its outputs starts with it
LOCK = ".kg.lock"
JOURNAL = ".kg-commit.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one rename."""
    os.replace(temporary(path, data), path)


def temporary(path: Path, data: bytes) -> str:
    """``data`` in a new file beside ``path`` (named ``.kg-<name>.<random>.tmp``), flushed to disk, with
    the permissions a new file gets. The caller renames it into place or removes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{PREFIX}{path.name}.", suffix=".tmp", dir=path.parent)
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


def remove_temporaries(folders: Iterable[Path]) -> None:
    """Remove the temporary files a killed kg left in ``folders`` (``.kg-*.tmp`` only)."""
    for folder in folders:
        if Path(folder).is_dir():
            for stale in Path(folder).glob(f"{PREFIX}*.tmp"):
                stale.unlink(missing_ok=True)


def commit(staged: list[tuple[str, Path]], stale: Iterable[Path] = (), folder: Path | None = None) -> None:
    """Rename every temporary file of ``staged`` (temporary, target) onto its target and delete the
    files ``stale``, all or nothing: a target's previous file is kept (hard-linked) until every step
    has succeeded, and put back if one fails. With ``folder``, a journal there names the backups while
    the commit runs, so :func:`recover` can undo a commit a kill cut short."""
    steps: list[tuple[Path, str | None]] = []  # (target, its previous file's backup; None: there was none)
    plan = [(Path(target), _backup_name(Path(target)), tmp) for tmp, target in staged]
    gone = [(Path(p), _backup_name(Path(p))) for p in stale if Path(p).is_file()]
    journal = Path(folder) / JOURNAL if folder is not None else None
    if journal is not None:
        write_atomic(journal, json.dumps(
            {"steps": [[str(t), b if t.exists() else None] for t, b, _ in plan] + [[str(p), b] for p, b in gone]},
            ensure_ascii=False).encode("utf-8"))
    try:
        for target, backup, tmp in plan:
            had = _keep(target, backup)
            steps.append((target, backup if had else None))
            os.replace(tmp, target)
        for path, backup in gone:
            os.replace(path, backup)
            steps.append((path, backup))
    except BaseException:
        _undo(steps)
        if journal is not None:
            journal.unlink(missing_ok=True)
        raise
    for _, backup in steps:
        if backup:
            Path(backup).unlink(missing_ok=True)
    if journal is not None:
        journal.unlink(missing_ok=True)


def recover(folder: Path) -> bool:
    """Undo a commit into ``folder`` that a kill cut short (its journal is still there): every target
    gets its previous file back, and a target that had none is removed. True when there was one."""
    journal = Path(folder) / JOURNAL
    try:
        steps = json.loads(journal.read_text(encoding="utf-8"))["steps"]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # written atomically, so unreadable means not kg's
        return False
    _undo([(Path(target), backup) for target, backup in steps], missing_ok=True)
    journal.unlink(missing_ok=True)
    return True


def _undo(steps: list[tuple[Path, str | None]], missing_ok: bool = False) -> None:
    for target, backup in reversed(steps):
        if backup is None:
            target.unlink(missing_ok=True)
        elif not missing_ok or Path(backup).exists():
            os.replace(backup, target)
            Path(backup).unlink(missing_ok=True)  # a rename onto a hard link of itself does nothing


def _backup_name(target: Path) -> str:
    return str(target.parent / f"{PREFIX}{target.name}.{os.urandom(6).hex()}.bak.tmp")


def _keep(target: Path, backup: str) -> bool:
    """Keep ``target``'s current file as ``backup`` (a hard link: the target never goes missing for a
    reader); False when there is none."""
    try:
        os.link(target, backup)
    except FileNotFoundError:
        return False
    except OSError:  # a file system without hard links: a copy
        try:
            with open(target, "rb") as src:
                data = src.read()
        except FileNotFoundError:
            return False
        with open(backup, "wb") as dst:
            dst.write(data)
    return True


class FolderLock:
    """An exclusive lock on a folder kg writes (a store, an output folder), held while a build or a
    removal runs: ``flock`` on ``FOLDER/.kg.lock``, released when the process ends however it ends.

    ``timeout``: seconds to wait for another kg holding it (0: do not wait); ``waiting`` is called once
    with a description of the holder when a wait begins. Raises StoreBusyError when the wait runs out
    and OutputError when the folder cannot be written at all."""

    def __init__(self, folder: Path, timeout: float = 600.0,
                 waiting: Callable[[str], None] | None = None) -> None:
        self.folder, self.timeout, self.waiting = Path(folder), timeout, waiting
        self.fd: int | None = None

    def __enter__(self) -> Self:
        path = self.folder / LOCK
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_UMASK)
        except OSError as err:
            raise output_error(err, self.folder) from None
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self.holder()
                if time.monotonic() >= deadline:
                    os.close(self.fd)
                    self.fd = None
                    raise StoreBusyError(self.folder, holder, self.timeout) from None
                if not told and self.waiting is not None:
                    self.waiting(holder)
                    told = True
                time.sleep(0.1)  # polling: flock has no timed wait
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"pid {os.getpid()}: {' '.join(sys.argv[:3])[:200]}\n".encode("utf-8", "replace"), 0)
        return self

    def holder(self) -> str:
        """Who holds the lock, as it wrote itself in the lock file ("pid 123: kg build …")."""
        try:
            return (self.folder / LOCK).read_text(encoding="utf-8", errors="replace").strip() or "another kg"
        except OSError:
            return "another kg"

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)  # releases the lock
            self.fd = None


def output_error(err: OSError, where: Path | str) -> OutputError:
    """An OSError met while writing kg's outputs or store, as an OutputError that says what to do."""
    path = err.filename or where
    fixes = {errno.ENOSPC: "the disk is full: free some space or write elsewhere (--out, --into)",
             errno.EDQUOT: "the disk quota is used up: free some space or write elsewhere (--out, --into)",
             errno.EROFS: "the file system is read-only: write elsewhere (--out, --into)",
             errno.EACCES: "permission denied: write where you may (--out, --into), or fix the folder's permissions",
             errno.EPERM: "permission denied: write where you may (--out, --into), or fix the folder's permissions",
             errno.ENOTDIR: "a file stands where kg needs a folder: give a folder (--out, --into)",
             errno.EEXIST: "a file stands where kg needs a folder: give a folder (--out, --into)",
             errno.EISDIR: "a folder stands where kg writes a file: move it away"}
    fix = fixes.get(err.errno, "check the folder and try again")
    return OutputError(f"cannot write {path}: {err.strerror or err}; {fix}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()

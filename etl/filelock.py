"""One writer at a time: an exclusive lock held while a shared file is read, changed and replaced.

Atomic replacement (etl.atomic) keeps every file whole, but two editors that each read a file,
add their change and replace it would lose one change: the second replace is based on a copy
without the first. So every read-change-replace of a shared file happens under an exclusive
fcntl.flock on a lock file beside it (`.NAME.lock`, ignored by git). The kernel releases the
lock when its holder exits or is killed, so a crash never leaves the files locked. Readers
(the dashboard loading the table) need no lock: they see the old file or the new, whole.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def lock_path(path: Path) -> Path:
    """The lock file that guards path."""
    return path.parent / f".{path.name}.lock"


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock guarding path (waiting for it) for the duration of the block."""
    target = lock_path(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the lock

"""Atomic file replacement, so a failed or interrupted run never leaves a half-written output.

The new content goes to a temporary file in the target's own directory (same filesystem, so
os.replace is atomic; the name `.NAME.*.tmp` is in .gitignore), is flushed to disk, and only
then replaces the previous file. Only a regular file is ever replaced: a directory, a
symbolic link (replacing it would cut the link, not write where it points), a pipe or a
device at the output path is refused. Every error names the output, never the temporary file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

from etl.filekinds import kind_of

T = TypeVar("T")


@contextmanager
def atomic_file(path: Path, mode: str = "w", *, durable: bool = True) -> Iterator[IO]:
    """A handle ('w': UTF-8 text, newlines as written; 'wb': bytes) whose content replaces
    path when the block ends without error; on any error or interrupt the temporary file is
    removed and path stays as it was. durable=False skips the flush to disk (fsync): the
    replacement is still atomic for every reader, but a power cut may leave an empty or torn
    file, so only for files checked when read (the ETL cache's entries carry a checksum)."""
    path = Path(path)
    check_replaceable(path)
    tmp = _temporary(path)
    try:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with open(tmp, mode, **text) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        check_replaceable(path)
        _naming(path, os.replace, tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace path with data in one step; on any error the old file stays as it was."""
    with atomic_file(path, "wb", durable=durable) as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text with the newlines exactly as given (no platform translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def check_replaceable(path: Path) -> None:
    """Raise OSError naming path unless it is absent or a regular file in a directory."""
    try:
        kind = kind_of(os.lstat(path).st_mode)
    except FileNotFoundError:
        return
    except OSError as err:  # e.g. a parent is a file: ENOTDIR
        raise OSError(err.errno, err.strerror, str(path)) from None
    if kind is not None:
        code = errno.EISDIR if kind == "a directory" else errno.EEXIST
        raise OSError(code, f"is {kind}, not a regular file; refusing to replace it", str(path))


def _temporary(path: Path) -> str:
    """A new temporary file beside path (its folder made if needed)."""
    _naming(path, path.parent.mkdir, parents=True, exist_ok=True)
    fd, tmp = _naming(
        path, tempfile.mkstemp, prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    os.close(fd)
    return tmp


def _naming(path: Path, action: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run action; an OSError it raises is re-raised naming path (the output the user gave),
    not the temporary file."""
    try:
        return action(*args, **kwargs)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from None

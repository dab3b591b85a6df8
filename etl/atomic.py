"""Atomic file replacement, so a failed or interrupted run never leaves a half-written output.

The new content goes to a temporary file in the target's own directory (same filesystem, so
os.replace is atomic), is flushed to disk, and only then replaces the previous file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace path with data in one step; on any error the old file stays as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text with the newlines exactly as given (no platform translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))

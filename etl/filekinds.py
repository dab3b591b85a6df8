"""What a directory entry is, in words, for messages that refuse anything but a regular file."""

from __future__ import annotations

import stat

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """'a directory', 'a named pipe (FIFO)', ... for an st_mode; None for a regular file."""
    return next((kind for test, kind in _KINDS if test(mode)), None)

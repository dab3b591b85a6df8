"""Stopping cleanly: SIGTERM as an exception, and pool workers that die with their parent.

By default SIGTERM ends Python at once, without running `finally` blocks: the atomic writer's
temporary file would stay behind and the user would read nothing. The command turns SIGTERM
into Terminated, a BaseException like KeyboardInterrupt (so no `except Exception` swallows
it), which unwinds through the writer's cleanup. Pool workers ignore SIGINT (Ctrl-C reaches
the whole process group; the parent handles it and terminates them) and take SIGTERM's
default action, dying quietly instead of printing tracebacks. On Linux each worker also asks
the kernel for SIGTERM when its parent dies, even by SIGKILL, so none outlives the run.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

EXIT_TERMINATED = 128 + signal.SIGTERM
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class Terminated(BaseException):
    """The process was sent SIGTERM."""


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated (once: a second one during the cleanup
    is ignored, so the cleanup finishes)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def init_worker(parent: int) -> None:
    """Pool initializer: leave interrupts to the parent, and die with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl: nothing would signal us
        os._exit(1)

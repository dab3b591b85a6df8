"""Library log messages caught instead of printed.

trafilatura, htmldate and pypdf report what they tolerate in a file through the logging
module; unhandled, Python prints those to stderr as bare lines that name neither the report
nor follow the run's 'warning: FILE: message' format. They are caught here so the reader can
turn them into a Problem naming the file (or drop them when they say nothing to a user).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Collector(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def caught_logs(*names: str, level: int = logging.WARNING) -> Iterator[list[str]]:
    """Within the block, messages of these loggers at level or above are appended to the list
    yielded, and printed nowhere; the loggers are restored after."""
    collector = _Collector(level)
    loggers = [logging.getLogger(name) for name in names]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(collector)
        logger.propagate = False
        if logger.level == logging.NOTSET or logger.level > level:
            logger.setLevel(level)
    try:
        yield collector.messages
    finally:
        for logger, (propagate, old_level) in zip(loggers, saved, strict=True):
            logger.removeHandler(collector)
            logger.propagate = propagate
            logger.setLevel(old_level)

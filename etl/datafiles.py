"""Reading the extractor's hand-edited data files (places, provinces, speakers).

They are edited by analysts, so a wrong header or row must name the file and line; one reader
does that for all of them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path


def data_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each row of a CSV whose header is exactly `columns`."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: line 1: header must be {','.join(columns)}")
        for n, row in enumerate(reader, start=2):
            yield n, {k: (v or "").strip() for k, v in row.items()}


__all__ = ["data_rows"]

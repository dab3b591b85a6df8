"""`python -m etl`: build the tidy table from a folder of reports and its catalog.

Exit codes: 0 the table was written (warnings may have been printed); 1 nothing was written
(an error, or any warning under --strict); 2 the command line was wrong; 130 and 143
interrupted (Ctrl-C, SIGTERM), the previous table left as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.controls import printable
from etl.interrupts import EXIT_TERMINATED, Terminated, sigterm_raises
from etl.problems import EtlError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m etl",
        description="Extract every Afghan province mentioned in the reports into one tidy CSV.",
        epilog="Exit status: 0 table written (warnings go to stderr), 1 nothing written "
        "(an error, or any warning with --strict), 2 bad command line.",
    )
    cli.add_argument("--reports", type=Path, default=Path("seeds"), metavar="DIR",
                     help="folder of *.txt, *.html, *.htm and *.pdf reports "
                     "(default: %(default)s)")  # fmt: skip
    cli.add_argument("--catalog", type=Path, default=Path("seeds/sources.csv"), metavar="FILE",
                     help="catalog CSV (default: %(default)s)")  # fmt: skip
    cli.add_argument("--out", type=Path, default=Path("data/nrf_activity.csv"), metavar="FILE",
                     help="table to write, atomically (default: %(default)s)")  # fmt: skip
    cli.add_argument("--jobs", type=positive_int, default=1, metavar="N",
                     help="worker processes, same output (default: %(default)s)")  # fmt: skip
    cli.add_argument("--strict", action="store_true",
                     help="treat every warning as an error and write nothing")  # fmt: skip
    cached = cli.add_mutually_exclusive_group()
    cached.add_argument("--cache", type=Path, metavar="DIR",
                        help="per-report cache: unchanged reports are not extracted again "
                        "(default: .cache/etl/ beside --out)")  # fmt: skip
    cached.add_argument("--no-cache", action="store_true",
                        help="extract every report; read and write no cache")  # fmt: skip
    return cli


def cache_dir(args: argparse.Namespace) -> Path | None:
    """The cache folder the command line asks for, None with --no-cache."""
    if args.no_cache:
        return None
    from etl.reportcache import default_cache_dir

    return args.cache if args.cache is not None else default_cache_dir(args.out)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with sigterm_raises():
            # Imported here so that an interrupt while the extractor's patterns compile is
            # reported like any other interrupt.
            from etl.pipeline import write_build

            result = write_build(
                args.reports,
                args.catalog,
                args.out,
                jobs=args.jobs,
                strict=args.strict,
                cache=cache_dir(args),
            )
    except EtlError as err:
        print(printable(f"error: {err}"), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(printable(f"error: interrupted; {args.out} left as it was"), file=sys.stderr)
        return 130
    except Terminated:
        print(printable(f"error: terminated; {args.out} left as it was"), file=sys.stderr)
        return EXIT_TERMINATED
    except OSError as err:
        print(printable(f"error: {err.filename or args.out}: {err.strerror}"), file=sys.stderr)
        return EXIT_ERROR
    warnings = result.problems
    summary = (
        f"etl: {result.reports_read} of {result.reports_found} reports read, "
        f"{result.rows} rows written to {args.out}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
    if result.reports_cached:
        summary += f"; {result.reports_cached} report(s) unchanged, taken from the cache"
    print(printable(summary), file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

"""``station-app``: the GUI by default, and subcommands for work without a screen.

Headless commands exist for the station's IT helper, for the packaged bundle's smoke
test and for the tests.  A refusal is printed as one sentence and exit status 2; never a
traceback.  Commands are grouped by what they are about: ``records`` (donations and
receipts), ``day`` (close and reopen), ``accounts``, ``station`` (set-up, enrolment,
sync, keys, backups, checks).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from station_app import __version__
from station_app.cli import accounts, day, records, station
from station_app.cli.common import language
from station_app.domain.errors import DomainError
from station_app.paths import ENV_DATA_DIR, data_paths


def cmd_gui(args: argparse.Namespace) -> int:
    from station_app.ui.app import run_gui

    return run_gui(data_paths(args.data_dir))


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help=f"station data folder (default: ${ENV_DATA_DIR} or the user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog="station-app", parents=[common], description="Donation Station Desk"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("gui", parents=[common], help="start the desktop program (default)")
    p.set_defaults(func=cmd_gui)
    for group in (station, records, day, accounts):
        group.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from station_app.private_files import restrict_process_umask

    restrict_process_umask()
    args = build_parser().parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    func = getattr(args, "func", cmd_gui)
    if func is not cmd_gui:  # the GUI sets up its own log with the error dialog
        from station_app.logging_setup import setup_logging

        setup_logging(data_paths(args.data_dir))
    try:
        return int(func(args) or 0)
    except DomainError as err:
        print(err.message(language()), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 130
    except Exception as exc:
        if not _is_damage(exc):
            raise
        logging.getLogger("station_app.cli").error("database unreadable", exc_info=exc)
        print(
            (
                "The station database cannot be read; it may be damaged. List the backups "
                "with `station-app backup --list` and restore one with `station-app restore`, "
                "or start the program and follow its restore offer."
            )
            if language() == "en"
            else "站点数据库无法读取,可能已损坏。请用 station-app backup --list 查看备份,"
            "再用 station-app restore 恢复,或启动程序按提示恢复",
            file=sys.stderr,
        )
        return 2


def _is_damage(exc: BaseException) -> bool:
    """A database that cannot be read (SQLite's own errors), as opposed to a bug."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, sqlite3.DatabaseError | UnicodeDecodeError) or (
        isinstance(exc, DBAPIError) and isinstance(exc.orig, sqlite3.DatabaseError)
    )


if __name__ == "__main__":
    sys.exit(main())

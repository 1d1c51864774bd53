"""``station-app backup`` / ``restore`` / ``record`` in real subprocesses."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.db_snapshot import assert_holds_everything_of, table_dump
from tests.ops.helpers import cli, cli_as, other_station

RECORD_CASH = ("--kind", "cash", "--amount", "100", "--anonymous")


def test_backup_record_restore_loses_nothing_issued(tmp_path: Path) -> None:
    """The attack of issue 13: back up, hand out a receipt, restore the backup."""
    data = str(tmp_path / "d")
    db = tmp_path / "d" / "station.sqlite3"
    assert cli("init-demo", "--data-dir", data).returncode == 0
    first = cli_as("王小明", "record", "--data-dir", data, *RECORD_CASH)
    assert first.returncode == 0, first.stderr

    made = cli_as("李社工", "backup", "--data-dir", data)
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert backup.is_file() and backup.parent == tmp_path / "d" / "backups"

    handed_over = cli_as(
        "王小明", "record", "--data-dir", data, "--kind", "cash", "--amount", "500", "--donor",
        "张三",
    )  # fmt: skip
    assert handed_over.returncode == 0, handed_over.stderr
    number = handed_over.stdout.strip()
    before_restore = table_dump(db)
    listed = cli("backup", "--list", "--data-dir", data)
    assert listed.returncode == 0 and "GZ-YX-0012" in listed.stdout

    staff = cli_as("王小明", "restore", "--data-dir", data, str(backup))
    assert staff.returncode == 2 and "Only the coordinator" in staff.stderr
    assert table_dump(db) == before_restore

    done = cli_as("陈主任", "restore", "--data-dir", data, str(backup))
    assert done.returncode == 0, done.stderr
    assert "Restored station GZ-YX-0012" in done.stdout and "set-aside" in done.stdout
    assert "carried over" in done.stdout and "nothing was lost" in done.stdout
    assert_holds_everything_of(db, before_restore)  # the 500 and its receipt are there
    assert number in {r[1] for r in table_dump(db)["receipt"]}
    assert cli("ledger", "verify", "--data-dir", data).returncode == 0

    nxt = cli_as("王小明", "record", "--data-dir", data, *RECORD_CASH)
    assert nxt.returncode == 0
    assert int(nxt.stdout.strip()[-6:]) == int(number[-6:]) + 1  # never the same number


def test_restore_of_another_station_and_wrong_passwords_are_refused(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    db = tmp_path / "d" / "station.sqlite3"
    assert cli("init-demo", "--data-dir", data).returncode == 0
    snapshot = table_dump(db)
    theirs = other_station(tmp_path / "th")
    their_backup = cli_as(
        "赵主任", "backup", "--data-dir", str(theirs.root), password="another-pass-1"
    ).stdout.strip()
    refused = cli_as("陈主任", "restore", "--data-dir", data, their_backup)
    assert refused.returncode == 2
    assert "belongs to station GZ-TH-0003" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert table_dump(db) == snapshot

    zh = cli_as("陈主任", "restore", "--data-dir", data, their_backup, lang="zh")
    assert zh.returncode == 2 and "不是本站点" in zh.stderr

    own = Path(cli_as("陈主任", "backup", "--data-dir", data).stdout.strip())
    wrong = cli_as("陈主任", "restore", "--data-dir", data, str(own), password="not-it-123")
    assert wrong.returncode == 2 and "not correct" in wrong.stderr


def test_backup_without_a_station_is_a_sentence(tmp_path: Path) -> None:
    r = cli("backup", "--data-dir", str(tmp_path / "none"))
    assert r.returncode == 2 and "--operator" in r.stderr and "Traceback" not in r.stderr
    r = cli_as("陈主任", "backup", "--data-dir", str(tmp_path / "none"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = cli_as(
        "陈主任", "restore", "--data-dir", str(tmp_path / "none"), str(tmp_path / "missing.sqlite3")
    )
    assert r.returncode == 2 and "does not exist" in r.stderr


def test_record_refuses_bad_input(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data, "--empty").returncode == 0
    r = cli_as("nobody", "record", "--data-dir", data, *RECORD_CASH)
    assert r.returncode == 2 and "name or password is not correct" in r.stderr
    r = cli_as(
        "王小明", "record", "--data-dir", data, "--kind", "cash", "--amount", "-5", "--anonymous"
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr

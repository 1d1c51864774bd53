"""``station-app backup`` / ``restore`` / ``record`` in real subprocesses."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.db_snapshot import table_dump
from tests.ops.helpers import cli, other_station


def test_backup_restore_and_refusal(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data).returncode == 0
    rec = cli(
        "record",
        "--data-dir",
        data,
        "--operator",
        "王小明",
        "--kind",
        "cash",
        "--amount",
        "100",
        "--anonymous",
    )
    assert rec.returncode == 0, rec.stderr
    assert rec.stdout.strip().startswith("GZ-YX-0012-")

    made = cli("backup", "--data-dir", data)
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert backup.is_file() and backup.parent == tmp_path / "d" / "backups"
    snapshot = table_dump(tmp_path / "d" / "station.sqlite3")

    rec2 = cli(
        "record",
        "--data-dir",
        data,
        "--operator",
        "王小明",
        "--kind",
        "mobile",
        "--amount",
        "5",
        "--donor",
        "张三",
    )
    assert rec2.returncode == 0, rec2.stderr
    listed = cli("backup", "--list", "--data-dir", data)
    assert listed.returncode == 0 and "GZ-YX-0012" in listed.stdout

    done = cli("restore", "--data-dir", data, str(backup))
    assert done.returncode == 0, done.stderr
    assert "Restored station GZ-YX-0012" in done.stdout and "pre-restore" in done.stdout
    assert "1 ledger entries more" in done.stdout
    assert table_dump(tmp_path / "d" / "station.sqlite3") == snapshot

    theirs = other_station(tmp_path / "th")
    their_backup = cli("backup", "--data-dir", str(theirs.root)).stdout.strip()
    refused = cli("restore", "--data-dir", data, their_backup)
    assert refused.returncode == 2
    assert "belongs to station GZ-TH-0003" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert table_dump(tmp_path / "d" / "station.sqlite3") == snapshot

    zh = cli("restore", "--data-dir", data, their_backup, lang="zh")
    assert zh.returncode == 2 and "不是本站点" in zh.stderr


def test_backup_without_a_station_is_a_sentence(tmp_path: Path) -> None:
    r = cli("backup", "--data-dir", str(tmp_path / "none"))
    assert r.returncode == 2 and "nothing to back up" in r.stderr and "Traceback" not in r.stderr
    r = cli("restore", "--data-dir", str(tmp_path / "none"), str(tmp_path / "missing.sqlite3"))
    assert r.returncode == 2 and "does not exist" in r.stderr


def test_record_refuses_bad_input(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data, "--empty").returncode == 0
    r = cli(
        "record",
        "--data-dir",
        data,
        "--operator",
        "nobody",
        "--kind",
        "cash",
        "--amount",
        "1",
        "--anonymous",
    )
    assert r.returncode == 2 and "No active account" in r.stderr
    r = cli(
        "record",
        "--data-dir",
        data,
        "--operator",
        "王小明",
        "--kind",
        "cash",
        "--amount",
        "-5",
        "--anonymous",
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr

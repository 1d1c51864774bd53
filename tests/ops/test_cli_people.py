"""Every command that acts as a person asks for that person's password (issue 13).

Real subprocesses of ``python -m station_app``, with the password given as a script
gives it (``--password-env``), or not at all (no terminal: refused with a sentence).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from tests.ops.helpers import cli, cli_as

RECORD = ("--kind", "cash", "--amount", "100", "--anonymous")


def _ledger(data: Path, type_: str) -> list[dict]:  # type: ignore[type-arg]
    con = sqlite3.connect(data / "station.sqlite3")
    try:
        rows = con.execute(
            "SELECT payload FROM ledger_entry WHERE type = ? ORDER BY seq", (type_,)
        ).fetchall()
    finally:
        con.close()
    return [json.loads(r[0])["data"] for r in rows]


def test_naming_the_coordinator_is_not_enough(tmp_path: Path) -> None:
    """``station-app record --operator 陈主任 …`` with no password: refused, nothing written."""
    data = tmp_path / "d"
    assert cli("init-demo", "--data-dir", str(data), "--empty").returncode == 0
    r = subprocess.run(
        [sys.executable, "-m", "station_app", "record", "--data-dir", str(data), "--operator",
         "陈主任", *RECORD],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "STATION_APP_LANG": "en"},
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert r.returncode == 2 and "run this at a terminal" in r.stderr, r.stderr
    assert _ledger(data, "donation.recorded") == []
    wrong = cli_as("陈主任", "record", "--data-dir", str(data), *RECORD, password="guess-1234")
    assert wrong.returncode == 2 and "not correct" in wrong.stderr
    ok = cli_as("陈主任", "record", "--data-dir", str(data), *RECORD)
    assert ok.returncode == 0, ok.stderr
    assert _ledger(data, "donation.recorded")[0]["operator"] == "陈主任"


def test_guessing_from_the_command_line_is_throttled(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data, "--empty").returncode == 0
    answers = [
        cli_as(
            "陈主任",
            "void",
            "--data-dir",
            data,
            "X",
            "--reason",
            "guessing",
            password=f"guess-{i:04d}",
        )
        for i in range(6)
    ]
    assert all(a.returncode == 2 for a in answers)
    assert "not correct" in answers[0].stderr
    assert "Too many wrong passwords" in answers[-1].stderr
    right = cli_as("陈主任", "void", "--data-dir", data, "X", "--reason", "guessing")
    assert "Too many wrong passwords" in right.stderr  # the right one waits too
    locked = _ledger(tmp_path / "d", "operator.locked_out")
    assert locked and locked[0]["channel"] == "cli" and locked[0]["name"] == "陈主任"


def test_void_reprint_day_close_and_accounts_from_the_command_line(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data, "--empty").returncode == 0
    number = cli_as("王小明", "record", "--data-dir", data, *RECORD).stdout.strip()
    other = cli_as("王小明", "record", "--data-dir", data, *RECORD).stdout.strip()

    staff_void = cli_as("王小明", "void", "--data-dir", data, number, "--reason", "金额登记错误")
    assert staff_void.returncode == 2 and "Only the coordinator" in staff_void.stderr
    void = cli_as("陈主任", "void", "--data-dir", data, number, "--reason", "金额登记错误")
    assert void.returncode == 0, void.stderr

    pdf = tmp_path / "copy.pdf"
    first = cli_as("李社工", "reprint", "--data-dir", data, other, "--out", str(pdf))
    second = cli_as("李社工", "reprint", "--data-dir", data, other)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and "(reprint)" in second.stdout
    assert [e["print_number"] for e in _ledger(tmp_path / "d", "receipt.printed")] == [1, 2]

    close = cli_as(
        "陈主任", "day", "close", "--data-dir", data, "--cash", "100", "--witness", "李社工",
        "--witness-password-env", "DESK_TEST_PASSWORD",
    )  # fmt: skip
    assert close.returncode == 0, close.stderr
    closed = _ledger(tmp_path / "d", "day.closed")[0]
    assert (closed["coordinator"], closed["witness"]) == ("陈主任", "李社工")
    reopen = cli_as(
        "陈主任", "day", "reopen", closed["day"], "--data-dir", data, "--reason", "现金点错重点"
    )
    assert reopen.returncode == 0, reopen.stderr

    env_pw = {"NEW_PW": "volunteer-pw-1"}
    os.environ.update(env_pw)
    try:
        add = cli_as(
            "陈主任", "accounts", "add", "赵志愿", "--role", "staff", "--new-password-env",
            "NEW_PW", "--data-dir", data,
        )  # fmt: skip
        assert add.returncode == 0, add.stderr
        role = cli_as("陈主任", "accounts", "role", "赵志愿", "social_worker", "--data-dir", data)
        assert role.returncode == 0, role.stderr
        reset = cli_as(
            "陈主任", "accounts", "password", "--for", "赵志愿", "--new-password-env", "NEW_PW",
            "--data-dir", data,
        )  # fmt: skip
        assert reset.returncode == 0, reset.stderr
        by_staff = cli_as("王小明", "accounts", "deactivate", "陈主任", "--data-dir", data)
        assert by_staff.returncode == 2 and "Only the coordinator" in by_staff.stderr
    finally:
        os.environ.pop("NEW_PW")
    listed = cli("accounts", "list", "--data-dir", data)
    assert "赵志愿\tSocial worker\tactive" in listed.stdout
    assert cli("ledger", "verify", "--data-dir", data).returncode == 0


def test_the_data_folder_and_its_files_are_the_owners_only(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert cli("init-demo", "--data-dir", str(data)).returncode == 0
    assert cli_as("李社工", "backup", "--data-dir", str(data)).returncode == 0
    number = cli_as("王小明", "record", "--data-dir", str(data), *RECORD).stdout.strip()
    assert cli_as("李社工", "reprint", "--data-dir", str(data), number).returncode == 0
    export = tmp_path / "export.csv"
    assert cli_as("李社工", "export", str(export), "--data-dir", str(data)).returncode == 0
    keys = tmp_path / "keys.json"
    os.environ["MOVE_PASS"] = "correct horse battery"
    try:
        sealed = cli_as(
            "陈主任", "keys", "export", str(keys), "--passphrase-env", "MOVE_PASS", "--data-dir",
            str(data),
        )  # fmt: skip
    finally:
        os.environ.pop("MOVE_PASS")
    assert sealed.returncode == 0, sealed.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    seen = 0
    for path in [*data.rglob("*"), export, keys]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o700, path
        else:
            assert mode == 0o600, path
            seen += 1
    assert seen >= 6  # database, its -wal/-shm, a backup, a receipt, a log, settings…

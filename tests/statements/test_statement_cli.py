"""The command line: a transaction number when recording, and a day close whose mobile
and bank totals are the statements' (``--explain`` for what did not match)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.ops.helpers import cli, cli_as


def test_reference_and_a_close_without_statements(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    assert cli("init-demo", "--data-dir", data, "--empty").returncode == 0
    mobile = ("--kind", "mobile", "--amount", "20", "--anonymous", "--reference", "４２００ 0001")
    first = cli_as("王小明", "record", "--data-dir", data, *mobile)
    assert first.returncode == 0, first.stderr
    twice = cli_as("王小明", "record", "--data-dir", data, *mobile)
    assert twice.returncode == 2 and "already recorded that day" in twice.stderr
    close = ("day", "close", "--data-dir", data, "--cash", "0", "--witness", "李社工",
             "--witness-password-env", "DESK_TEST_PASSWORD")  # fmt: skip
    refused = cli_as("陈主任", *close)
    assert refused.returncode == 2 and "1 unmatched item(s) have no explanation" in refused.stderr
    closed = cli_as("陈主任", *close, "--explain", "微信账单次日核对")
    assert closed.returncode == 0, closed.stderr
    con = sqlite3.connect(Path(data) / "station.sqlite3")
    reference = con.execute("SELECT transaction_reference FROM donation").fetchone()[0]
    payload = con.execute(
        "SELECT payload FROM ledger_entry WHERE type = 'statement.reconciled'"
    ).fetchone()[0]
    con.close()
    assert reference == "42000001"
    entry = json.loads(payload)["data"]
    assert entry["counts"]["not_on_statement"] == 1 and entry["statements"] == []
    assert entry["unmatched"][0]["explanation"] == "微信账单次日核对"
    assert cli("ledger", "verify", "--data-dir", data).returncode == 0

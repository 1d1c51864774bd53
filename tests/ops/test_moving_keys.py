"""Moving a station to a new PC: backup + restore for records, sealed keys for the key.

Two "PCs" are two HOME folders (two file keyrings) and two data folders; every step is
the real command line, as the IT helper would type it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from station_app.domain.passwords import DEMO_PASSWORD
from tests.conftest import REPO


def cli(
    home: Path, data: Path, *args: str, secret: str | None = None, who: str | None = "陈主任"
) -> subprocess.CompletedProcess[str]:
    """The command on one "PC"; ``who`` acts (demo password), if the command needs one."""
    env = {**os.environ, "HOME": str(home), "STATION_APP_LANG": "en", "DESK_PW": DEMO_PASSWORD}
    if secret is not None:
        env["MOVE_PASS"] = secret
    person = ("--operator", who, "--password-env", "DESK_PW") if who else ()
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args, "--data-dir", str(data), *person],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )


def test_station_moves_with_backup_restore_and_sealed_keys(tmp_path: Path) -> None:
    old_home, old_data = tmp_path / "old-home", tmp_path / "old-data"
    new_home, new_data = tmp_path / "new-home", tmp_path / "new-data"
    assert cli(old_home, old_data, "init-demo", who=None).returncode == 0
    backup = cli(old_home, old_data, "backup")
    assert backup.returncode == 0, backup.stderr
    backup_file = next((old_data / "backups").glob("*.sqlite3"))
    sealed = tmp_path / "usb" / "keys.json"
    sealed.parent.mkdir()
    short = cli(
        old_home,
        old_data,
        "keys",
        "export",
        str(sealed),
        "--passphrase-env",
        "MOVE_PASS",
        secret="short",
    )
    assert short.returncode == 2 and not sealed.exists()
    exported = cli(
        old_home,
        old_data,
        "keys",
        "export",
        str(sealed),
        "--passphrase-env",
        "MOVE_PASS",
        secret="correct horse battery",
    )
    assert exported.returncode == 0, exported.stderr
    text = sealed.read_text()
    assert "signing_key" not in text and json.loads(text)["station"] == "GZ-YX-0012"

    restored = cli(new_home, new_data, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    record = ("record", "--kind", "cash", "--amount", "10", "--anonymous")
    no_key = cli(new_home, new_data, *record, who="王小明")
    assert no_key.returncode == 2 and "Traceback" not in no_key.stderr
    wrong = cli(
        new_home,
        new_data,
        "keys",
        "import",
        str(sealed),
        "--passphrase-env",
        "MOVE_PASS",
        secret="wrong horse battery",
    )
    assert wrong.returncode == 2 and "passphrase is wrong" in wrong.stderr
    imported = cli(
        new_home,
        new_data,
        "keys",
        "import",
        str(sealed),
        "--passphrase-env",
        "MOVE_PASS",
        secret="correct horse battery",
    )
    assert imported.returncode == 0, imported.stderr
    recorded = cli(new_home, new_data, *record, who="王小明")
    assert recorded.returncode == 0, recorded.stderr
    number = recorded.stdout.strip().split()[-1]
    assert cli(new_home, new_data, "verify", number, who=None).stdout.startswith("genuine")
    assert cli(new_home, new_data, "ledger", "verify", who=None).returncode == 0


def test_keys_of_another_station_are_refused(tmp_path: Path) -> None:
    a_home, a_data = tmp_path / "a-home", tmp_path / "a-data"
    b_home, b_data = tmp_path / "b-home", tmp_path / "b-data"
    assert cli(a_home, a_data, "init-demo", "--empty", who=None).returncode == 0
    assert cli(b_home, b_data, "init-demo", "--empty", who=None).returncode == 0  # new key
    sealed = tmp_path / "a-keys.json"
    assert (
        cli(
            a_home,
            a_data,
            "keys",
            "export",
            str(sealed),
            "--passphrase-env",
            "MOVE_PASS",
            secret="correct horse battery",
        ).returncode
        == 0
    )
    refused = cli(
        b_home,
        b_data,
        "keys",
        "import",
        str(sealed),
        "--passphrase-env",
        "MOVE_PASS",
        secret="correct horse battery",
    )
    assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_only_the_coordinator_exports_the_keys_and_it_is_ledgered(tmp_path: Path) -> None:
    """The attack of issue 13: ``keys export stolen.json`` by anyone at the PC."""
    home, data = tmp_path / "home", tmp_path / "data"
    assert cli(home, data, "init-demo", "--empty", who=None).returncode == 0
    stolen = tmp_path / "stolen.json"
    export = ("keys", "export", str(stolen), "--passphrase-env", "MOVE_PASS")
    nobody = cli(home, data, *export, secret="correct horse battery", who=None)
    assert nobody.returncode == 2 and not stolen.exists()
    staff = cli(home, data, *export, secret="correct horse battery", who="王小明")
    assert staff.returncode == 2 and "Only the coordinator" in staff.stderr
    assert not stolen.exists()
    ok = cli(home, data, *export, secret="correct horse battery")
    assert ok.returncode == 0, ok.stderr
    import sqlite3

    con = sqlite3.connect(data / "station.sqlite3")
    try:
        (payload,) = con.execute(
            "SELECT payload FROM ledger_entry WHERE type = 'keys.exported'"
        ).fetchone()
    finally:
        con.close()
    assert json.loads(payload)["data"] == {"by": "陈主任", "with_token": False}

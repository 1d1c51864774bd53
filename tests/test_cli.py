"""The headless commands, run as a station's IT helper would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from station_app import __version__
from station_app.domain.passwords import DEMO_PASSWORD
from tests.conftest import REPO


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "station_app", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "STATION_APP_LANG": lang, "DESK_PW": DEMO_PASSWORD},
    )


AS_SOCIAL_WORKER = ("--operator", "李社工", "--password-env", "DESK_PW")


def test_init_demo_then_verify(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    first = run("init-demo", "--data-dir", data, lang="zh")
    assert first.returncode == 0, first.stderr
    assert "GZ-YX-0012" in first.stdout and "陈主任" in first.stdout
    again = run("--data-dir", data, "init-demo")
    assert again.returncode == 0 and "already exists" in again.stdout
    verify = run("ledger", "verify", "--data-dir", data)
    assert verify.returncode == 0 and "Ledger intact" in verify.stdout


def test_data_dir_from_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STATION_APP_DATA_DIR", str(tmp_path / "env"))
    assert run("init-demo", "--empty").returncode == 0
    assert (tmp_path / "env" / "station.sqlite3").exists()


def test_no_station_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    r = run("ledger", "verify", "--data-dir", str(tmp_path / "none"))
    assert r.returncode == 2
    assert "No station" in r.stderr and "Traceback" not in r.stderr


def test_refused_keyring_is_explained(tmp_path: Path) -> None:
    env = {**os.environ, "STATION_APP_LANG": "en"}
    env.pop("STATION_APP_ALLOW_PLAINTEXT_KEYRING")
    r = subprocess.run(
        [sys.executable, "-m", "station_app", "init-demo", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert r.returncode == 2
    assert "keyring" in r.stderr.lower() and "Traceback" not in r.stderr


def test_version() -> None:
    r = run("--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_export_csv_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = str(tmp_path / "d")
    assert run("init-demo", "--data-dir", data).returncode == 0
    csv_file, xlsx_file = tmp_path / "all.csv", tmp_path / "all.xlsx"
    staff = run("export", str(csv_file), "--data-dir", data, "--operator", "王小明",
                "--password-env", "DESK_PW")  # fmt: skip
    assert staff.returncode == 2 and "social worker" in staff.stderr and not csv_file.exists()
    done = run("export", str(csv_file), "--data-dir", data, *AS_SOCIAL_WORKER, lang="zh")
    assert done.returncode == 0 and "4 条" in done.stdout
    text = csv_file.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("收据编号,") and "张三" in text
    xlsx = run("export", str(xlsx_file), "--from", "2000-01-01", "--data-dir", data,
               *AS_SOCIAL_WORKER)  # fmt: skip
    assert xlsx.returncode == 0
    rows = list(load_workbook(xlsx_file).active.iter_rows(values_only=True))
    assert rows[0][0] == "Receipt no." and len(rows) == 5
    bad = run("export", str(csv_file), "--from", "yesterday", "--data-dir", data, *AS_SOCIAL_WORKER)
    assert bad.returncode == 2 and "2026-03-08" in bad.stderr

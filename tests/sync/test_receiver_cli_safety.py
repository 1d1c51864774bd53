"""What the association's staff read is safe: listings and logs escape control characters
a client sent, and exports never turn a donor's name into a formula."""

from __future__ import annotations

import csv
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
from openpyxl import load_workbook

from association_server.incident_kinds import EXPLANATIONS, IncidentKind
from association_server.safe_text import SafeFormatter
from station_app.domain.entry_types import EntryType
from tests.conftest import REPO
from tests.sync.conftest import Deployment
from tests.sync.entries import HandStation

ESCAPE = "\x1b]0;owned\x07\x1b[2J"


def _admin(db_url: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "association_server", *args, "--db", db_url],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_listings_and_logs_escape_what_a_client_sent(
    make_deployment: Callable[..., Deployment],
) -> None:
    d = make_deployment()
    for _ in range(5):  # a station code of terminal escapes, guessed until locked out
        r = httpx.post(
            d.url + "/api/v1/enroll",
            json={"station_code": ESCAPE, "enrollment_code": "X", "public_key": "A" * 43 + "="},
        )
        assert r.status_code == 403
    listing = _admin(d.db_url, "incidents")
    assert "enrollment_lockout" in listing
    assert "\x1b" not in listing and "\x07" not in listing
    assert "\\x1b]0;OWNED\\x07\\x1b[2J" in listing
    zh, en = EXPLANATIONS[IncidentKind.ENROLLMENT_LOCKOUT]
    assert zh in listing and en in listing  # each kind shown is explained
    log = d.receiver.log_path.read_text("utf-8", errors="replace")
    assert "\x1b" not in log


def test_every_incident_kind_is_explained_in_chinese_and_english(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'association.sqlite3'}"
    _admin(db_url, "migrate")
    lines = _admin(db_url, "incidents", "--kinds").splitlines()
    assert len(lines) == len(IncidentKind)
    for kind, line in zip(IncidentKind, lines, strict=True):
        zh, en = EXPLANATIONS[kind]
        assert line.split()[0] == kind.value and zh in line and en in line


def test_receiver_exports_are_inert(
    make_deployment: Callable[..., Deployment], tmp_path: Path
) -> None:
    d = make_deployment()
    st = HandStation.enrol(d.engine, d.url, "GZ-EX-0001")
    st.start()
    names = ['=HYPERLINK("http://e.vil","x")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3"]
    r = st.send(
        st.next(
            [
                (EntryType.DONATION_RECORDED, st.donation(i + 1, donor=n))
                for i, n in enumerate(names)
            ]
        )
    )
    assert r.status_code == 200, r.text
    _admin(d.db_url, "export", "receipts", str(tmp_path / "r.csv"))
    _admin(d.db_url, "export", "receipts", str(tmp_path / "r.xlsx"))
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as f:
        donors = [row[6] for row in csv.reader(f)][1:]
    assert donors and all(v.startswith("'") for v in donors), donors
    sheet = load_workbook(tmp_path / "r.xlsx").active
    cells = [sheet.cell(row, 7) for row in range(2, sheet.max_row + 1)]
    assert all(c.data_type == "s" and str(c.value).startswith("'") for c in cells)


def test_the_log_formatter_escapes_every_message() -> None:
    """Whatever a log call passes along (a client's text included) stays on one line."""
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "got %s", (ESCAPE + "\nFAKE",), None
    )
    line = SafeFormatter("%(levelname)s %(message)s").format(record)
    assert line == "WARNING got \\x1b]0;owned\\x07\\x1b[2J\\x0aFAKE"

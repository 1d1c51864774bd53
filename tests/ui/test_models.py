"""Every Qt model passes qtmodeltester; the donations model pages instead of loading all."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.services.donation_queries import DonationFilter, list_donations
from station_app.services.operators import list_operators
from station_app.storage.database import StationDatabase
from station_app.ui.donations_model import (
    COL_AMOUNT,
    PAGE_SIZE,
    AmountFenRole,
    DonationsModel,
    ReceiptNumberRole,
)
from station_app.ui.item_lines_model import ItemLinesModel
from station_app.ui.operators_model import OperatorsModel
from tests.conftest import Station


def _fetcher(db: StationDatabase, f: DonationFilter | None = None):  # type: ignore[no-untyped-def]
    f = f or DonationFilter()
    return lambda before, limit: list_donations(db, f, before_id=before, limit=limit)


def test_donations_model_passes_modeltester(qtmodeltester: ModelTester, station: Station) -> None:
    for n in range(7):
        station.recorder.record(
            station.staff, DonationDraft(kind="cash", amount=str(10 + n), anonymous=True)
        )
    model = DonationsModel(_fetcher(station.db), page_size=3)
    model.reload()
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 7
    assert model.index(0, COL_AMOUNT).data(AmountFenRole) == 1600  # newest first
    assert model.index(0, 0).data(ReceiptNumberRole).endswith("-000007")
    qtmodeltester.check(model)


def test_empty_donations_model_passes_modeltester(
    qtmodeltester: ModelTester, station: Station
) -> None:
    model = DonationsModel(_fetcher(station.db))
    model.reload()
    assert model.rowCount() == 0 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_item_lines_model_passes_modeltester(qtmodeltester: ModelTester) -> None:
    model = ItemLinesModel()
    model.add_line()
    model.add_line()
    model.setData(model.index(0, 0), "大米")
    model.setData(model.index(0, 3), "12.5")
    qtmodeltester.check(model)
    assert model.total_fen() == 1250
    assert model.drafts() == (ItemDraft("大米", "1", "", "12.5"),)  # empty line ignored
    model.remove_line(1)
    qtmodeltester.check(model)


def test_operators_model_passes_modeltester(qtmodeltester: ModelTester, station: Station) -> None:
    model = OperatorsModel()
    model.set_operators(list_operators(station.db, include_inactive=True))
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def _million_donation_db(station: Station, target: Path, n: int) -> Path:
    """A copy of the station database with ``n`` donations, written with raw executemany.

    The append-only triggers are dropped in this copy only: they exist to stop edits,
    and a test fixture of a million rows is not an edit of anyone's records.
    """
    station.db.close()
    shutil.copy(station.paths.database, target)
    conn = sqlite3.connect(target)
    try:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'"):
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.executemany(
            "INSERT INTO donation (id, uuid, kind, amount_fen, donor_name, donor_phone,"
            " designation_code, operator_id, note, recorded_at, business_day, status,"
            " imported, paper_receipt_number) VALUES (?, ?, 'cash', ?, NULL, NULL,"
            " 'undesignated', 1, NULL, '2026-01-01T01:00:00Z', '2026-01-01', 'recorded', 0,"
            " NULL)",
            ((i, f"u{i}", 100 + i % 1000) for i in range(1, n + 1)),
        )
        conn.executemany(
            "INSERT INTO receipt (id, number, year, serial, donation_id, issued_at, signature,"
            " print_count) VALUES (?, ?, 2026, ?, ?, '2026-01-01T01:00:00Z', 'sig', 1)",
            ((i, f"GZ-YX-0012-2026-{i:06d}", i, i) for i in range(1, n + 1)),
        )
        conn.commit()
    finally:
        conn.close()
    return target


@pytest.mark.slow
def test_a_million_donations_load_one_page(station: Station, tmp_path: Path) -> None:
    n = 1_000_000
    path = _million_donation_db(station, tmp_path / "million.sqlite3", n)
    db = StationDatabase.open(path)
    try:
        calls: list[tuple[int | None, int]] = []
        fetch = _fetcher(db)

        def counted(before: int | None, limit: int):  # type: ignore[no-untyped-def]
            calls.append((before, limit))
            return fetch(before, limit)

        model = DonationsModel(counted)
        started = time.perf_counter()
        model.reload()
        first = time.perf_counter() - started
        assert model.rowCount() == PAGE_SIZE  # one page, not a million
        assert model.canFetchMore()
        assert calls == [(None, PAGE_SIZE)]
        assert model.index(0, 0).data() == f"GZ-YX-0012-2026-{n:06d}"
        model.fetchMore()
        assert model.rowCount() == 2 * PAGE_SIZE
        assert calls[-1] == (n - PAGE_SIZE + 1, PAGE_SIZE)  # keyset: before the last id
        assert first < 1.0, f"first page took {first:.3f}s"
    finally:
        db.close()


def test_sync_history_model_passes_modeltester(qtmodeltester: ModelTester) -> None:
    from station_app.services.sync_history import SyncRunRecord
    from station_app.ui.sync_history_model import SyncHistoryModel

    model = SyncHistoryModel()
    qtmodeltester.check(model)
    model.set_runs(
        [
            SyncRunRecord(2, "2026-12-01T10:00:00Z", None, 0, None, None, None),  # running
            SyncRunRecord(
                1,
                "2026-12-01T09:00:00Z",
                "2026-12-01T09:00:05Z",
                500,
                512,
                "network",
                "no connection to the association",
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 5


def test_totals_model_passes_modeltester(qtmodeltester: ModelTester) -> None:
    from station_app.services.reports import TotalRow
    from station_app.ui.totals_model import TotalsModel

    model = TotalsModel("Kind")
    qtmodeltester.check(model)
    model.set_rows([TotalRow("cash", "Cash", 3, 30_000), TotalRow("bank", "Bank", 1, 100)])
    qtmodeltester.check(model)
    assert model.rowCount() == 2

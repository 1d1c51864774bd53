"""The attacks of issue 14 on the real receiver, SQLite and PostgreSQL: each refused or
detected with the right code, the incident stored, nothing of a refused batch stored,
and another station's sync unaffected."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from association_server import admin
from association_server.models import ReceiptRow, ReceiptVersionRow, SupersededEntryRow
from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import LedgerEntry, entry_hash
from station_app.domain.money import DEFAULT_CEILING_FEN
from station_app.services.station_sync import sync_station
from tests.sync.checks import assert_equal_ledgers
from tests.sync.conftest import Deployment
from tests.sync.entries import AT, DAY, HandStation, donation
from tests.sync.harness import SyncStation

_codes = itertools.count(1)


def _code() -> str:
    return f"GZ-AT{next(_codes):02d}-{os.getpid() % 10000:04d}"


def _incidents(d: Deployment, code: str) -> list[dict[str, Any]]:
    return admin.list_incidents(d.engine, code)


def _kinds(d: Deployment, code: str) -> list[str]:
    return [str(i["code"]) for i in _incidents(d, code)]


def _receipts(d: Deployment, code: str) -> dict[str, Any]:
    t = ReceiptRow.__table__
    with d.engine.connect() as conn:
        return {r.number: r for r in conn.execute(select(t).where(t.c.station_code == code))}


def _refused(st: HandStation, entries: list[LedgerEntry], status: int, code: str) -> Any:
    before = list(st.ledger)
    r = st.send(entries)
    assert (r.status_code, r.json()["code"]) == (status, code), r.text
    assert st.ledger == before
    return r.json()


def test_a_station_cannot_take_its_second_terminals_numbers(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    """``GZ-…`` used to store ``GZ-…-A-2026-000001``: the terminal's genuine receipts were
    then refused as ``busy`` for ever.  Now the number is parsed: 409, an incident for the
    sender, and the terminal syncs as if nothing happened."""
    first = make_station(deployment)
    terminal = make_station(deployment, code=first.code + "-A")
    assert sync_station(first.db, first.keys, base_url=deployment.url).ok
    key = first.keys.get_signing_key()
    assert key is not None
    hand = HandStation(deployment.url, first.code, key, _token(first), first.entries())
    squat = hand.next(
        [(EntryType.DONATION_RECORDED, _donation_for(hand, f"{terminal.code}-2026-000001"))]
    )
    body = _refused(hand, squat, 409, "receipt_claimed")
    assert body["seq"] == squat[0].seq
    assert "receipt_claimed" in _kinds(deployment, first.code)
    assert _receipts(deployment, first.code) == {}
    terminal.record(3)
    assert sync_station(terminal.db, terminal.keys, base_url=deployment.url).ok
    assert_equal_ledgers(terminal, deployment.engine)
    assert len(_receipts(deployment, terminal.code)) == 3
    assert _kinds(deployment, terminal.code) == []


def _token(st: SyncStation) -> str:
    token = st.keys.get_sync_token()
    assert token
    return token


def _donation_for(st: HandStation, number: str, amount_fen: int = 10_000) -> dict[str, Any]:
    return donation(st.private, st.code, number, amount_fen)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"amount_fen": 2**63}, id="2**63"),
        pytest.param({"amount_fen": -100}, id="negative"),
        pytest.param({"amount_fen": 0}, id="zero"),
        pytest.param({"amount_fen": DEFAULT_CEILING_FEN + 1}, id="over-ceiling"),
        pytest.param({"issued_at": "2026-03-01 02:03:04"}, id="not-iso"),
        pytest.param({"issued_at": "2026-02-30T02:03:04Z"}, id="no-such-day"),
        pytest.param({"donor": "张" * 41}, id="long-name"),
        pytest.param({"receipt": "R" * 5000}, id="5000-char-number"),
        pytest.param({"receipt": "\x1b]0;owned\x07"}, id="control-characters"),
        pytest.param({"note": [[[[[[1]]]]]]}, id="nested"),
        pytest.param({"surprise": 1}, id="unknown-key"),
    ],
)
def test_signed_but_absurd_values_are_refused_before_any_signature_work(
    deployment: Deployment, make_station: Callable[..., SyncStation], change: dict[str, Any]
) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=1)
    data = st.donation(2)
    data.update(change)
    bad = st.next([(EntryType.DONATION_RECORDED, data)])
    body = _refused(st, bad, 400, "bad_entry")
    assert body["seq"] == bad[0].seq
    [incident] = _incidents(deployment, st.code)
    assert incident["code"] == "bad_entry" and incident["seq"] == bad[0].seq
    assert list(_receipts(deployment, st.code)) == [f"{st.code}-2026-000001"]
    # The station's next genuine batch goes through; another station is untouched.
    assert st.send(st.next([(EntryType.DONATION_RECORDED, st.donation(2))])).status_code == 200
    other = make_station(deployment)
    other.record(1)
    assert sync_station(other.db, other.keys, base_url=deployment.url).ok


@pytest.mark.parametrize(
    "payload_change",
    [
        pytest.param(lambda p: p.replace('"amount_fen":10000', '"amount_fen":NaN'), id="nan"),
        pytest.param(
            lambda p: p.replace('"note":null', '"note":' + "[" * 100_000 + "]" * 100_000),
            id="100k-deep",
        ),
        pytest.param(
            lambda p: p.replace('"amount_fen":10000', '"amount_fen":' + "7" * 5000),
            id="5000-digit-number",
        ),
    ],
)
def test_payloads_no_json_parser_should_trust_are_refused(
    deployment: Deployment, payload_change: Callable[[str], str]
) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start()
    [good] = st.next([(EntryType.DONATION_RECORDED, st.donation(1))])
    payload = payload_change(good.payload)
    assert payload != good.payload
    bad = LedgerEntry(
        good.seq, good.uuid, good.type, payload, good.prev_hash, entry_hash(good.prev_hash, payload)
    )
    _refused(st, [bad], 400, "bad_entry")
    assert _kinds(deployment, st.code) == ["bad_entry"]
    assert st.send([good]).status_code == 200


def test_receipt_serial_gaps_are_raised(deployment: Deployment) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=2)
    batch = st.next([(EntryType.DONATION_RECORDED, st.donation(n)) for n in (3, 6, 7, 10)])
    assert st.send(batch).status_code == 200  # accepted: the station is not stuck
    [gap] = _incidents(deployment, st.code)
    assert gap["code"] == "receipt_gap" and gap["seq"] == batch[1].seq
    assert "4 receipt number(s) of 2026" in gap["detail"]
    assert f"{st.code}-2026-000004…000005" in gap["detail"]
    assert f"{st.code}-2026-000008…000009" in gap["detail"]
    # A new year starts at 1; numbers continuing in order raise nothing more.
    later = st.next(
        [
            (EntryType.DONATION_RECORDED, st.donation(11)),
            (EntryType.DONATION_RECORDED, st.donation(1, year=2027, business_day="2027-01-02")),
        ]
    )
    assert st.send(later).status_code == 200
    assert _kinds(deployment, st.code) == ["receipt_gap"]


def _close(day: str, expected: dict[str, int], voids: int = 0) -> dict[str, Any]:
    return {
        "day": day,
        "expected": expected,
        "counted": {
            "cash_fen": expected["cash_fen"],
            "mobile_fen": expected["mobile_fen"],
            "bank_fen": expected["bank_fen"],
            "in_kind_confirmed": True,
            "denominations": None,
        },
        "differences": {
            "cash_fen": 0,
            "mobile_fen": 0,
            "bank_fen": 0,
            "in_kind_unconfirmed": False,
        },
        "reason": None,
        "receipts": {"first": None, "last": None},
        "voids": voids,
        "reprints": 0,
        "coordinator": "陈主任",
        "witness": "李社工",
        "ledger_head_hash": "0" * 64,
    }


def _totals(cash: int = 0, mobile: int = 0, bank: int = 0, donations: int = 0) -> dict[str, int]:
    return {
        "cash_fen": cash,
        "mobile_fen": mobile,
        "bank_fen": bank,
        "in_kind_fen": 0,
        "donations": donations,
    }


def test_a_day_close_that_does_not_match_the_donations_is_raised(deployment: Deployment) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=2)  # two cash donations of 100.00 on DAY
    number3 = f"{st.code}-2026-000003"
    batch = st.next(
        [
            (EntryType.DONATION_RECORDED, st.donation(3, 5_000, kind="mobile")),
            (
                EntryType.DONATION_VOIDED,
                {"receipt": number3, "reason": "录入错误", "operator": "陈主任"},
            ),
            # Matches: 2 × 100.00 cash, the mobile one voided.
            (EntryType.DAY_CLOSED, _close(DAY, _totals(cash=20_000, donations=2), voids=1)),
            (EntryType.DONATION_RECORDED, st.donation(4, 3_000, business_day="2026-03-02")),
            # Hides 30.00 of cash and one donation.
            (EntryType.DAY_CLOSED, _close("2026-03-02", _totals())),
        ]
    )
    assert st.send(batch).status_code == 200
    [mismatch] = _incidents(deployment, st.code)
    assert mismatch["code"] == "day_totals_mismatch" and mismatch["seq"] == batch[-1].seq
    assert "cash_fen 0 (received: 3000)" in mismatch["detail"]
    assert "donations 0 (received: 1)" in mismatch["detail"]


def _restored(
    head: LedgerEntry, *, readable: bool, floor: dict[str, int], carried: int = 0
) -> dict[str, Any]:
    return {
        "by": "陈主任",
        "backup": "station-20260301-020304.sqlite3",
        "backup_head_seq": head.seq,
        "backup_head_hash": head.hash,
        "carried_entries": carried,
        "previous_readable": readable,
        "previous_head_seq": None,
        "previous_head_hash": None,
        "receipt_floor": floor,
        "floor_sources": ["ledger"],
    }


def test_a_readable_restore_is_raised_and_the_chain_goes_on(deployment: Deployment) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=2)
    notice = st.next(
        [(EntryType.STATION_RESTORED, _restored(st.ledger[-1], readable=True, floor={}))]
    )
    assert st.send(notice).status_code == 200
    assert _kinds(deployment, st.code) == ["station_restored"]


def test_a_restore_without_the_old_ledger_forks_at_exactly_its_entry(
    deployment: Deployment,
) -> None:
    """Entries after the backup are superseded but kept; received receipts stay valid; the
    station goes on syncing; a number it issues again is raised, not refused."""
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=5)  # seq 1 station.created, 2…6 receipts 1…5
    old = list(st.ledger)
    backup_head = old[3]  # the backup had receipts 1…3
    st.ledger = old[:4]
    fork = st.next(
        [
            (
                EntryType.STATION_RESTORED,
                _restored(backup_head, readable=False, floor={"2026": 4}),  # it knew of 4
            ),
            # Number 5 again, with another amount: issued twice; then 6 onwards.
            (EntryType.DONATION_RECORDED, st.donation(5, 777)),
            (EntryType.DONATION_RECORDED, st.donation(6)),
        ]
    )
    assert fork[0].seq == 5 and fork[0].prev_hash == backup_head.hash
    r = st.send(fork)
    assert r.status_code == 200, r.text
    assert r.json()["acked_seq"] == 7
    assert admin.stored_entries(deployment.engine, st.code) == [*old[:4], *fork]
    superseded = SupersededEntryRow.__table__
    with deployment.engine.connect() as conn:
        kept = conn.execute(
            select(superseded.c.seq, superseded.c.hash, superseded.c.fork_seq)
            .where(superseded.c.station_code == st.code)
            .order_by(superseded.c.seq)
        ).all()
        versions = conn.execute(
            select(ReceiptVersionRow.__table__).where(
                ReceiptVersionRow.__table__.c.station_code == st.code
            )
        ).all()
    assert [(k.seq, k.hash, k.fork_seq) for k in kept] == [(e.seq, e.hash, 5) for e in old[4:]]
    receipts = _receipts(deployment, st.code)
    assert sorted(receipts) == [f"{st.code}-2026-{n:06d}" for n in range(1, 7)]
    assert receipts[f"{st.code}-2026-000005"].amount_fen == 10_000  # the first version stays
    assert [(v.number, v.amount_fen) for v in versions] == [(f"{st.code}-2026-000005", 777)]
    assert _kinds(deployment, st.code) == ["ledger_forked", "number_reissued"]
    forked = _incidents(deployment, st.code)[0]
    assert "entries 5…6 (2)" in forked["detail"] and forked["seq"] == 5
    # Syncing on continues the new chain.
    assert st.send(st.next([(EntryType.DONATION_RECORDED, st.donation(7))])).status_code == 200


@pytest.mark.parametrize("why", ["readable", "wrong_link", "not_after_backup"])
def test_a_rollback_that_is_not_an_honest_fork_is_tampering(
    sqlite_deployment: Deployment, why: str
) -> None:
    d = sqlite_deployment
    st = HandStation.enrol(d.engine, d.url, _code())
    st.start(receipts=4)
    old = list(st.ledger)
    head = old[2]
    st.ledger = old[:3]
    data = _restored(head, readable=why == "readable", floor={})
    if why == "not_after_backup":
        data["backup_head_seq"] = 1
    [fork] = st.next([(EntryType.STATION_RESTORED, data)])
    if why == "wrong_link":
        fork = next(
            iter(
                HandStation(st.url, st.code, st.private, st.token, old[:2]).next(
                    [(EntryType.STATION_RESTORED, data)]
                )
            )
        )
    r = st.send([fork])
    assert (r.status_code, r.json()["code"]) in ((409, "tamper_conflict"), (422, "chain_broken"))
    assert admin.stored_entries(d.engine, st.code) == old
    assert _kinds(d, st.code)[-1] in ("tamper_conflict", "chain_broken")


def test_a_refused_batch_stores_nothing_even_after_good_entries(deployment: Deployment) -> None:
    st = HandStation.enrol(deployment.engine, deployment.url, _code())
    st.start(receipts=1)
    bad = st.donation(3)
    bad["amount_fen"] = -1
    batch = st.next(
        [
            (EntryType.DONATION_RECORDED, st.donation(2)),
            (EntryType.DONATION_RECORDED, bad),
        ]
    )
    _refused(st, batch, 400, "bad_entry")
    assert len(admin.stored_entries(deployment.engine, st.code)) == 2
    assert list(_receipts(deployment, st.code)) == [f"{st.code}-2026-000001"]


def _squat(d: Deployment, holder: str, number: str) -> None:
    """A receipt row as the old prefix match let ``holder`` store it."""
    with d.engine.begin() as conn:
        conn.execute(
            ReceiptRow.__table__.insert().values(
                number=number,
                station_code=holder,
                seq=99,
                amount_fen=1,
                issued_at=AT,
                signature="A" * 86,
            )
        )


def test_a_number_squatted_before_the_fix_never_blocks_its_owner(
    deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    """The symptom of the issue: the owner's every batch was ``busy`` for ever."""
    first = make_station(deployment)
    terminal = make_station(deployment, code=first.code + "-A")
    terminal.record(2)
    squatted = f"{terminal.code}-2026-000001"
    assert terminal.receipts()[0]["receipt"] == squatted
    _squat(deployment, first.code, squatted)
    assert sync_station(terminal.db, terminal.keys, base_url=deployment.url).ok
    assert_equal_ledgers(terminal, deployment.engine)
    assert _receipts(deployment, terminal.code)[squatted].amount_fen == 10_000
    [claimed] = _incidents(deployment, first.code)
    assert claimed["code"] == "receipt_claimed" and claimed["receipt_number"] == squatted
    versions = ReceiptVersionRow.__table__
    with deployment.engine.connect() as conn:
        kept = conn.execute(select(versions).where(versions.c.number == squatted)).one()
    assert (kept.station_code, kept.amount_fen) == (first.code, 1)  # moved, not deleted


def test_the_upgrade_moves_squatted_numbers_aside(tmp_path: Path) -> None:
    """Revision a0003 on a database written by the old receiver."""
    from alembic import command

    from association_server.db import make_engine
    from association_server.migrate import alembic_config, upgrade_to_head

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "a0002")
    with engine.begin() as conn:
        for code in ("GZ-YX-0012", "GZ-YX-0012-A"):
            conn.exec_driver_sql(
                "INSERT INTO station (code, name, created_at, acked_seq, acked_hash) "
                f"VALUES ('{code}', 'x', '{AT}', 1, '{'0' * 64}')"
            )
        payload = json.dumps({"data": {"business_day": DAY}})
        conn.exec_driver_sql(
            "INSERT INTO ledger_entry (station_code, seq, uuid, type, payload, prev_hash, hash,"
            " received_at, batch_id) VALUES ('GZ-YX-0012', 1, 'u', 'donation.recorded', ?, ?, ?,"
            " ?, 'b')",
            (payload, "0" * 64, "1" * 64, AT),
        )
        for number in ("GZ-YX-0012-2026-000001", "GZ-YX-0012-A-2026-000001"):
            conn.exec_driver_sql(
                "INSERT INTO receipt (number, station_code, seq, amount_fen, issued_at, signature)"
                " VALUES (?, 'GZ-YX-0012', 1, 100, ?, 'sig')",
                (number, AT),
            )
    upgrade_to_head(engine)
    with engine.connect() as conn:
        receipts = conn.exec_driver_sql(
            "SELECT number, year, serial, business_day FROM receipt"
        ).all()
        moved = conn.exec_driver_sql("SELECT number, station_code FROM receipt_version").all()
        incidents = conn.exec_driver_sql("SELECT station_code, code FROM incident").all()
    engine.dispose()
    assert receipts == [("GZ-YX-0012-2026-000001", 2026, 1, DAY)]
    assert moved == [("GZ-YX-0012-A-2026-000001", "GZ-YX-0012")]
    assert incidents == [("GZ-YX-0012", "receipt_claimed")]

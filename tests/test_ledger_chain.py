"""The ledger's hash chain: any single-byte change to any stored entry is detected."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from station_app.domain.ledger import (
    GENESIS_HASH,
    LedgerEntry,
    canonical_json,
    make_entry,
    verify_chain,
)
from tests.conftest import REPO, Station

STORED_FIELDS = ("uuid", "type", "payload", "prev_hash", "hash")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def build_chain(datas: list[dict]) -> list[LedgerEntry]:
    entries, prev = [], GENESIS_HASH
    for seq, data in enumerate(datas, start=1):
        e = make_entry(
            seq=seq,
            uuid=f"00000000-0000-4000-8000-{seq:012d}",
            type="donation.recorded",
            at="2026-11-22T08:00:00Z",
            station="GZ-YX-0012",
            data=data,
            prev_hash=prev,
        )
        entries.append(e)
        prev = e.hash
    return entries


@given(
    st.lists(st.dictionaries(st.text(max_size=5), json_values, max_size=4), min_size=1, max_size=6)
)
def test_an_honest_chain_verifies(datas: list[dict]) -> None:
    assert verify_chain(build_chain(datas), station="GZ-YX-0012") is None


def test_a_pre_parsed_body_is_held_to_its_payload() -> None:
    """The receiver hands in bodies it parsed itself; one that is not the payload fails."""
    import json

    entries = build_chain([{"amount_fen": 100}, {"amount_fen": 200}])
    honest = {e.seq: json.loads(e.payload) for e in entries}
    assert verify_chain(entries, station="GZ-YX-0012", bodies=honest) is None
    swapped = {**honest, 2: {**honest[2], "data": {"amount_fen": 999}}}
    broken = verify_chain(entries, station="GZ-YX-0012", bodies=swapped)
    assert broken is not None and broken.seq == 2
    assert broken.reason == "payload is not in canonical form"


@settings(max_examples=300)
@given(
    datas=st.lists(
        st.dictionaries(st.text(max_size=5), json_values, max_size=4), min_size=1, max_size=5
    ),
    which=st.integers(min_value=0),
    field=st.sampled_from((*STORED_FIELDS, "seq")),
    position=st.integers(min_value=0),
    new_byte=st.integers(min_value=0, max_value=255),
)
def test_any_single_byte_change_is_detected(
    datas: list[dict], which: int, field: str, position: int, new_byte: int
) -> None:
    chain = build_chain(datas)
    index = which % len(chain)
    target = chain[index]
    raw = str(target.seq).encode() if field == "seq" else getattr(target, field).encode()
    pos = position % len(raw)
    if raw[pos] == new_byte:
        new_byte = (new_byte + 1) % 256
    changed = raw[:pos] + bytes([new_byte]) + raw[pos + 1 :]
    text = changed.decode("utf-8", errors="surrogateescape")
    if field == "seq":
        try:
            value: object = int(text)
        except ValueError:
            return  # not an integer any more: SQLite's INTEGER column would not store it
        if value == target.seq:
            return  # "07" → 7: the same integer, not a change to the stored entry
    else:
        value = text
    tampered = [*chain]
    tampered[index] = dataclasses.replace(target, **{field: value})
    broken = verify_chain(tampered, station="GZ-YX-0012")
    assert broken is not None
    assert broken.seq in (target.seq, value) or index + 1 < len(chain)


def test_canonical_json_is_stable_and_unicode() -> None:
    assert canonical_json({"b": 1, "a": "张三"}) == '{"a":"张三","b":1}'


def test_cli_names_the_first_broken_entry(station: Station) -> None:
    from station_app.domain.donations import DonationDraft

    for _ in range(3):
        station.recorder.record(
            station.staff, DonationDraft(kind="cash", amount="10", anonymous=True)
        )
    env_cmd = [
        sys.executable,
        "-m",
        "station_app",
        "--data-dir",
        str(station.paths.root),
        "ledger",
        "verify",
    ]
    ok = subprocess.run(env_cmd, capture_output=True, text=True, cwd=REPO)
    assert ok.returncode == 0, ok.stderr
    con = sqlite3.connect(station.paths.database)
    # An attacker with the file can drop the guard triggers; the chain still tells.
    con.execute("DROP TRIGGER ledger_entry_no_update")
    seq = con.execute("SELECT max(seq) - 1 FROM ledger_entry").fetchone()[0]
    con.execute(
        "UPDATE ledger_entry SET payload = replace(payload, '1000', '9000') WHERE seq = ?", (seq,)
    )
    con.commit()
    con.close()
    bad = subprocess.run(
        [*env_cmd],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**__import__("os").environ, "STATION_APP_LANG": "en"},
    )
    assert bad.returncode == 1
    assert f"broken at entry {seq}" in bad.stdout

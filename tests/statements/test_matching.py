"""Matching: one to one, exact amounts, window edges, references, optimal and deterministic."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from station_app.domain.statements.matching import (
    BANK_WINDOW,
    MOBILE_WINDOW,
    DonationToMatch,
    LineToMatch,
    Window,
    match,
)

DAY = date(2026, 11, 3)
T0 = 1_793_673_600  # 2026-11-03 08:00 Beijing


def line(key: int, amount: int, minute: float, *refs: str, day: date = DAY) -> LineToMatch:
    return LineToMatch(key, amount, day, T0 + int(minute * 60), frozenset(refs))


def don(
    key: int, amount: int, minute: float, ref: str | None = None, day: date = DAY
) -> DonationToMatch:
    return DonationToMatch(key, amount, day, T0 + int(minute * 60), ref)


def pairs(result) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(p.line, p.donation) for p in result.matched]


def test_three_lists() -> None:
    result = match(
        [line(1, 5000, 0), line(2, 10000, 60)],
        [don(11, 5000, 3), don(12, 2000, 90)],
        MOBILE_WINDOW,
    )
    assert pairs(result) == [(1, 11)]
    assert result.not_recorded == (2,) and result.not_on_statement == (12,)


def test_amount_must_be_exact_to_the_fen() -> None:
    result = match([line(1, 1000, 0)], [don(11, 1001, 0)], MOBILE_WINDOW)
    assert result.matched == () and result.not_recorded == (1,)


def test_window_edges_thirty_minutes_inclusive() -> None:
    assert pairs(match([line(1, 100, 0)], [don(11, 100, 30)], MOBILE_WINDOW)) == [(1, 11)]
    assert pairs(match([line(1, 100, 0)], [don(11, 100, -30)], MOBILE_WINDOW)) == [(1, 11)]
    assert pairs(match([line(1, 100, 0)], [don(11, 100, 30 + 1 / 60)], MOBILE_WINDOW)) == []
    assert pairs(match([line(1, 100, 0)], [don(11, 100, -30 - 1 / 60)], MOBILE_WINDOW)) == []


def test_equal_amounts_at_close_times_one_to_one() -> None:
    # Two ¥10 payments a minute apart, two ¥10 donations: never both on one.
    result = match(
        [line(1, 1000, 0), line(2, 1000, 1)], [don(11, 1000, 2), don(12, 1000, 3)], MOBILE_WINDOW
    )
    assert sorted(pairs(result)) == [(1, 11), (2, 12)]
    three = match(
        [line(1, 1000, 0), line(2, 1000, 1), line(3, 1000, 2)],
        [don(11, 1000, 1), don(12, 1000, 1)],
        MOBILE_WINDOW,
    )
    assert len(three.matched) == 2 and len(three.not_recorded) == 1
    assert len({p.donation for p in three.matched}) == 2


def test_best_pairing_not_the_first_one_found() -> None:
    # A greedy walk would give line 1 the early donation 11 and leave line 2 without;
    # the best pairing matches both.
    result = match(
        [line(1, 500, 20), line(2, 500, 55)], [don(11, 500, 25), don(12, 500, 45)], MOBILE_WINDOW
    )
    assert sorted(pairs(result)) == [(1, 11), (2, 12)]
    # With one line and two candidates the closer donation wins, the other is flagged.
    closest = match([line(1, 500, 0)], [don(11, 500, -29), don(12, 500, 2)], MOBILE_WINDOW)
    assert pairs(closest) == [(1, 12)] and closest.not_on_statement == (11,)


def test_deterministic_whatever_the_input_order() -> None:
    lines = [line(k, 1000, m) for k, m in ((1, 0), (2, 0), (3, 5), (4, 5))]
    dons = [don(k, 1000, m) for k, m in ((11, 2), (12, 2), (13, 3), (14, 3))]
    results = {
        tuple(pairs(match(list(ls), list(ds), MOBILE_WINDOW)))
        for ls in itertools.permutations(lines)
        for ds in itertools.permutations(dons)
    }
    assert len(results) == 1


def test_reference_decides_between_equal_amounts() -> None:
    result = match(
        [line(1, 1000, 0, "4200A"), line(2, 1000, 1, "4200B")],
        [don(11, 1000, 1, "4200b"), don(12, 1000, 0)],  # references compare without case
        MOBILE_WINDOW,
    )
    assert sorted(pairs(result)) == [(1, 12), (2, 11)]
    assert {p.donation: p.by_reference for p in result.matched} == {11: True, 12: False}


def test_a_reference_match_needs_the_same_amount_but_no_window() -> None:
    late = match([line(1, 1000, 0, "4200A")], [don(11, 1000, 300, "4200A")], MOBILE_WINDOW)
    assert pairs(late) == [(1, 11)]
    wrong_amount = match([line(1, 1000, 0, "4200A")], [don(11, 1200, 0, "4200A")], MOBILE_WINDOW)
    assert wrong_amount.matched == ()


def test_a_donation_with_another_reference_does_not_take_a_line() -> None:
    result = match([line(1, 1000, 0, "4200A")], [don(11, 1000, 0, "9999")], MOBILE_WINDOW)
    assert result.matched == () and result.not_on_statement == (11,)
    # ... but may match a bank line that carries no reference at all.
    bank = match([line(1, 1000, 0)], [don(11, 1000, 0, "9999")], BANK_WINDOW)
    assert pairs(bank) == [(1, 11)]


def test_bank_window_is_the_business_day() -> None:
    result = match(
        [line(1, 30000, 0), line(2, 30000, 0, day=date(2026, 11, 4))],
        [don(11, 30000, 600), don(12, 30000, 1, day=date(2026, 11, 5))],
        BANK_WINDOW,
    )
    assert pairs(result) == [(1, 11)]
    assert result.not_recorded == (2,) and result.not_on_statement == (12,)


def _brute_force(lines, dons, seconds: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    best = (0, 0)

    def walk(i: int, used: frozenset[int], count: int, gaps: int) -> None:
        nonlocal best
        if i == len(lines):
            if (count, -gaps) > (best[0], -best[1]):
                best = (count, gaps)
            return
        walk(i + 1, used, count, gaps)
        for j, d in enumerate(dons):
            gap = abs(lines[i].at - d.at)
            if j not in used and lines[i].amount_fen == d.amount_fen and gap <= seconds:
                walk(i + 1, used | {j}, count + 1, gaps + gap)

    walk(0, frozenset(), 0, 0)
    return best


events = st.lists(st.tuples(st.sampled_from([1000, 2000]), st.integers(0, 120)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(events, events, st.integers(0, 45))
def test_as_good_as_trying_every_pairing(ls, ds, window_seconds) -> None:  # type: ignore[no-untyped-def]
    lines = [LineToMatch(i, a, DAY, T0 + t) for i, (a, t) in enumerate(ls)]
    dons = [DonationToMatch(100 + j, a, DAY, T0 + t) for j, (a, t) in enumerate(ds)]
    result = match(lines, dons, Window(window_seconds))
    assert len({p.line for p in result.matched}) == len(result.matched)
    assert len({p.donation for p in result.matched}) == len(result.matched)
    for p in result.matched:
        assert p.seconds_apart <= window_seconds
    found = (len(result.matched), sum(p.seconds_apart for p in result.matched))
    assert found == _brute_force(lines, dons, window_seconds)
    assert len(result.matched) + len(result.not_recorded) == len(lines)
    assert len(result.matched) + len(result.not_on_statement) == len(dons)

"""Statement lines matched one to one with recorded donations, deterministically and
optimally.

The rules (issue 19): a line and a donation of the same kind match when the amount is
exactly the same and the times are close: within a window (30 minutes for mobile
payments) or on the same business day (bank transfers).  A donation with a transaction
reference matches only the line with that reference.  Never two lines to one donation,
nor one line to two.

Ten ¥10 gifts within an hour make many ways to pair; the one chosen is the best, in a
fixed order of preference:

1. References first: a donation whose reference is a line's number is matched to it.
2. Then as many pairs as possible, and among those the smallest sum of time gaps.
   On a time line the best pairing never crosses (if payment A came before payment B,
   A's donation is not after B's): uncrossing two pairs keeps both within the window
   and never adds to the gaps.  So a dynamic programme over both lists in time order
   finds it, and since a line can only pair with donations inside its window (a
   contiguous run of the sorted donations) it visits only those cells.
3. Ties are broken by the lists' fixed order (time, then key), so the same statement
   and records always give the same result.

Donations with a reference that matched no line may still pair with a line that has no
reference at all (a bank statement without a reference column); that is a last pass.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

MOBILE_WINDOW_MINUTES: Final = 30


@dataclass(frozen=True, slots=True)
class Window:
    """How close in time a line and a donation must be: ``seconds`` either way, or (None)
    on the same business day."""

    seconds: int | None

    @classmethod
    def minutes(cls, n: int) -> Window:
        return cls(n * 60)

    @classmethod
    def same_day(cls) -> Window:
        return cls(None)


MOBILE_WINDOW: Final = Window.minutes(MOBILE_WINDOW_MINUTES)
BANK_WINDOW: Final = Window.same_day()


@dataclass(frozen=True, slots=True)
class LineToMatch:
    key: int
    amount_fen: int
    day: date
    at: int  # seconds since the epoch (a bank line without a time: noon of its day)
    references: frozenset[str] = frozenset()  # compared through reference_key


@dataclass(frozen=True, slots=True)
class DonationToMatch:
    key: int
    amount_fen: int
    day: date  # the business day
    at: int  # seconds since the epoch
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    line: int
    donation: int
    by_reference: bool
    seconds_apart: int


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The three lists: matched; on the statement, not recorded; recorded, not on it."""

    matched: tuple[Pair, ...]
    not_recorded: tuple[int, ...]  # line keys
    not_on_statement: tuple[int, ...]  # donation keys


_UP, _LEFT, _DIAG = 0, 1, 2


def _time_order(item: LineToMatch | DonationToMatch) -> tuple[int, int]:
    return (item.at, item.key)


def _day_order(item: LineToMatch | DonationToMatch) -> tuple[int, int, int]:
    return (item.day.toordinal(), item.at, item.key)


def _bands(
    lines: Sequence[LineToMatch], dons: Sequence[DonationToMatch], window: Window
) -> list[tuple[int, int]]:
    """For each line (in order), the inclusive run of donations it may pair with."""
    if window.seconds is not None:
        seconds = window.seconds
        times = [d.at for d in dons]
        return [
            (bisect_left(times, x.at - seconds), bisect_right(times, x.at + seconds) - 1)
            for x in lines
        ]
    days = [d.day.toordinal() for d in dons]
    return [
        (bisect_left(days, x.day.toordinal()), bisect_right(days, x.day.toordinal()) - 1)
        for x in lines
    ]


def _optimal_pairs(
    lines: Sequence[LineToMatch], dons: Sequence[DonationToMatch], window: Window
) -> list[tuple[int, int]]:
    """Most pairs, then least total gap, non-crossing; as (line index, donation index).

    ``V[j]`` holds the best score of the lines so far with the first ``j`` donations for
    ``j <= H``; beyond ``H`` the score is ``V[H]``, because no line so far can reach a
    later donation.  A row only touches its band, so the work is the sum of the bands.
    """
    n, m = len(lines), len(dons)
    if not n or not m:
        return []
    bands = _bands(lines, dons, window)
    times = [x.at for x in lines] + [d.at for d in dons]
    spread = max(times) - min(times)
    big = (min(n, m) + 1) * (spread + 1)  # one more pair outweighs any saving in gaps
    values = [0] * (m + 1)
    top = 0
    rows: list[tuple[int, int, list[int]] | None] = []
    for i, (lo, hi) in enumerate(bands):
        if lo > hi:
            rows.append(None)
            continue
        lo1, hi1 = lo + 1, hi + 1
        if lo1 - 1 > top:  # donations no earlier line could reach: inherit the plateau
            fill = values[top]
            for j in range(top + 1, lo1):
                values[j] = fill
            top = lo1 - 1
        plateau = values[top]
        left = diag = values[lo1 - 1]
        at = lines[i].at
        codes = []
        for j in range(lo1, hi1 + 1):
            up = values[j] if j <= top else plateau
            best, code = up, _UP
            if left > best:
                best, code = left, _LEFT
            gain = diag + big - abs(at - dons[j - 1].at)
            if gain > best:
                best, code = gain, _DIAG
            diag = up
            values[j] = left = best
            codes.append(code)
        top = hi1
        rows.append((lo1, hi1, codes))
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        row = rows[i - 1]
        if row is None:
            i -= 1
            continue
        lo1, hi1, codes = row
        if j > hi1:
            j = hi1
        elif j < lo1:
            i -= 1
        else:
            code = codes[j - lo1]
            if code == _DIAG:
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
            elif code == _UP:
                i -= 1
            else:
                j -= 1
    pairs.reverse()
    return pairs


def _pair_by_time(
    lines: Iterable[LineToMatch], dons: Iterable[DonationToMatch], window: Window
) -> list[Pair]:
    by_amount_lines: dict[int, list[LineToMatch]] = defaultdict(list)
    by_amount_dons: dict[int, list[DonationToMatch]] = defaultdict(list)
    for line in lines:
        by_amount_lines[line.amount_fen].append(line)
    for don in dons:
        by_amount_dons[don.amount_fen].append(don)
    found = []
    order = _time_order if window.seconds is not None else _day_order
    for amount in sorted(by_amount_lines.keys() & by_amount_dons.keys()):
        group_lines = sorted(by_amount_lines[amount], key=order)
        group_dons = sorted(by_amount_dons[amount], key=order)
        for li, di in _optimal_pairs(group_lines, group_dons, window):
            line, don = group_lines[li], group_dons[di]
            found.append(Pair(line.key, don.key, False, abs(line.at - don.at)))
    return found


def match(
    lines: Sequence[LineToMatch], donations: Sequence[DonationToMatch], window: Window
) -> MatchResult:
    """Match statement ``lines`` (payments only) with ``donations`` of the same kind."""
    pairs: list[Pair] = []
    used_lines: set[int] = set()
    used_dons: set[int] = set()
    by_reference: dict[str, list[LineToMatch]] = defaultdict(list)
    for line in lines:
        for ref in line.references:
            by_reference[ref.upper()].append(line)
    with_reference = sorted((d for d in donations if d.reference), key=lambda d: (d.at, d.key))
    for don in with_reference:
        assert don.reference is not None
        candidates = [
            line
            for line in by_reference.get(don.reference.upper(), ())
            if line.key not in used_lines and line.amount_fen == don.amount_fen
        ]
        if candidates:
            line = min(candidates, key=lambda x: (abs(x.at - don.at), x.at, x.key))
            pairs.append(Pair(line.key, don.key, True, abs(line.at - don.at)))
            used_lines.add(line.key)
            used_dons.add(don.key)
    for dons, only_lines_without_reference in (
        ([d for d in donations if not d.reference], False),
        ([d for d in donations if d.reference and d.key not in used_dons], True),
    ):
        free = [
            line
            for line in lines
            if line.key not in used_lines and not (only_lines_without_reference and line.references)
        ]
        for pair in _pair_by_time(free, dons, window):
            pairs.append(pair)
            used_lines.add(pair.line)
            used_dons.add(pair.donation)
    pairs.sort(key=lambda p: p.line)
    return MatchResult(
        matched=tuple(pairs),
        not_recorded=tuple(sorted(line.key for line in lines if line.key not in used_lines)),
        not_on_statement=tuple(sorted(d.key for d in donations if d.key not in used_dons)),
    )

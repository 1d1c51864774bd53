"""What a statement line is, whichever provider wrote it.

Every parser hands back the same shape, so matching, storage and the day close never
need to know whether a line came from WeChat Pay, Alipay or a bank.  Money is integer
fen; a line's amount is always positive and its :class:`LineDirection` says which way
the money went, so a refund can never be mistaken for a donation.  Fees are kept apart
in thousandths of a fen, because WeChat Pay states them to five decimals of a yuan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from station_app.domain.donations import DonationKind
from station_app.domain.errors import ValidationError


class StatementSource(StrEnum):
    WECHAT = "wechat"
    ALIPAY = "alipay"
    BANK = "bank"


#: The donation kind each source's lines are matched against.
SOURCE_KIND = {
    StatementSource.WECHAT: DonationKind.MOBILE,
    StatementSource.ALIPAY: DonationKind.MOBILE,
    StatementSource.BANK: DonationKind.BANK,
}


class LineDirection(StrEnum):
    #: Money paid to the station: a donation should be recorded for it.
    PAYMENT = "payment"
    #: Money given back to the payer (a refund, or a revoked payment).
    REFUND = "refund"
    #: Money the station's bank account paid out (fees, transfers): not a donation.
    OUTGOING = "outgoing"


#: One fen is this many units of ``fee_millifen`` (fees have five decimals of a yuan).
MILLIFEN_PER_FEN = 1000


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of a statement file: its line number as a person counts, and its cells."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One movement of money, as the provider reports it (payer identifiers masked)."""

    line_no: int
    direction: LineDirection
    day: date  # the station's local date of the movement
    local_time: datetime | None  # naive, station wall clock; None when the bank gives no time
    amount_fen: int  # > 0
    fee_millifen: int = 0  # charged to the station (> 0) or given back (< 0)
    reference: str | None = None  # the provider's transaction (or refund) number
    order_reference: str | None = None  # the merchant order number / the refunded payment
    payer_masked: str | None = None

    @property
    def references(self) -> frozenset[str]:
        """Every number a volunteer may have typed as the donation's reference."""
        return frozenset(r for r in (self.reference, self.order_reference) if r)


@dataclass(frozen=True, slots=True)
class ParsedStatement:
    """A whole file, checked: its lines, the days it covers, and what its summary said."""

    source: StatementSource
    lines: tuple[StatementLine, ...]
    first_day: date | None
    last_day: date | None
    bank_name: str | None = None
    #: True when the file carried its own totals and they agreed with the lines.
    summary_checked: bool = False
    variant: str = ""  # e.g. "ALL" or "SUCCESS" for a WeChat bill

    @classmethod
    def of(
        cls,
        source: StatementSource,
        lines: Sequence[StatementLine],
        *,
        bank_name: str | None = None,
        summary_checked: bool = False,
        variant: str = "",
    ) -> ParsedStatement:
        """The statement of these lines, covering the days they fall on."""
        days = [line.day for line in lines]
        return cls(
            source,
            tuple(lines),
            min(days, default=None),
            max(days, default=None),
            bank_name,
            summary_checked,
            variant,
        )

    @property
    def kind(self) -> DonationKind:
        return SOURCE_KIND[self.source]

    def total_fen(self, direction: LineDirection) -> int:
        return sum(line.amount_fen for line in self.lines if line.direction == direction)

    def count(self, direction: LineDirection) -> int:
        return sum(1 for line in self.lines if line.direction == direction)


@dataclass(frozen=True, slots=True)
class FormatName:
    """How a format is called in a message, in both languages."""

    zh: str
    en: str


WECHAT_NAME = FormatName("微信支付交易账单", "WeChat Pay merchant bill")
ALIPAY_NAME = FormatName("支付宝业务明细", "Alipay business details")


def bank_name(bank: str) -> FormatName:
    return FormatName(f"{bank}银行对账单", f"bank statement ({bank})")


class StatementError(ValidationError):
    """A file that is not a statement this program reads, or one that is damaged.

    The sentence always says which format was expected and, where it applies, which
    line of the file failed, so a coordinator knows whether to download it again.
    """


def line_error(fmt: FormatName, line: int | None, code: str, zh: str, en: str) -> StatementError:
    """``微信支付交易账单第 12 行：…`` / ``WeChat Pay merchant bill, line 12: …``."""
    if line is None:
        return StatementError(f"statement.{code}", f"{fmt.zh}：{zh}", f"{fmt.en}: {en}")
    return StatementError(
        f"statement.{code}", f"{fmt.zh}第 {line} 行：{zh}", f"{fmt.en}, line {line}: {en}"
    )

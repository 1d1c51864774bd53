"""Text from stations and clients, made safe to print on a terminal or write to a log.

A receipt number, a donor's name or a station's error message is whatever a client
sent; printed raw, ``\\x1b]…`` sequences retitle or rewrite the operator's terminal and a
``\\n`` forges a log line.  :func:`printable` shows every control and format character
(C0, DEL, C1, bidi overrides, zero-width marks) as a visible ``\\x..``/``\\u....``
escape instead, and leaves all other text (Chinese included) as it is.
"""

from __future__ import annotations

import logging
import unicodedata

__all__ = ["SafeFormatter", "printable"]


#: Control, format, surrogate, private-use, unassigned; line and paragraph separators.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """``str(value)`` with every control, format, surrogate or unassigned character escaped."""
    text = str(value)
    if text.isprintable():  # the common case: nothing to do
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _UNSAFE else ch for ch in text)


class SafeFormatter(logging.Formatter):
    """A log formatter whose records cannot carry terminal escapes or fake new lines.

    The message (with its arguments) is escaped; a traceback, which is ours, keeps its
    line breaks.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))

"""What may go into a spreadsheet cell without becoming a formula (OWASP CSV injection).

A donor named ``=HYPERLINK("http://e.vil","x")`` or an operator named ``@SUM(1+1)``
must read as that text when a coordinator opens an export in Excel or WPS, never run.
Spreadsheet programs treat a cell beginning with ``=``, ``+``, ``-`` or ``@`` (and, in
some, a tab or carriage return before one) as a formula, so such text is written with a
leading apostrophe, OWASP's rule, which the programs show as plain text.  Numbers stay
numbers; a plain number written as text (``-5.00``) is no formula and stays as it is.
Pure: the file writing is :mod:`station_app.spreadsheets`.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "inert_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)


def inert_cell(value: object) -> object:
    """``value`` as a spreadsheet may hold it without evaluating it."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value

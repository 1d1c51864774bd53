"""Payer identifiers reduced to a form a person recognises and nobody can use.

A statement names who paid: WeChat's ``用户标识`` (the payer's openid), Alipay's
``对方账户`` (a name and an account), a bank's counterparty name and account number.
The station keeps none of them beyond what this module leaves: enough for the
coordinator to say "that was 王*'s transfer", not enough to find or contact anyone.
"""

from __future__ import annotations

import re
from typing import Final

from station_app.domain.donations import clean_text, mask_name

MAX_MASKED: Final = 40
_NAME_AND_ACCOUNT: Final = re.compile(r"(?P<name>[^()（）]*)[(（](?P<account>[^()（）]*)[)）]")


def _tidy(text: str) -> str:
    """:func:`clean_text`, with a shortcut for the plain ASCII of ids and accounts."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    return clean_text(text)


def mask_account(account: str) -> str:
    """``oT2kauIMXH398DZBeJ4m22CuSDQ0`` → ``oT2****SDQ0``; ``602***@qq.com`` → ``6***@qq.com``."""
    account = "".join(_tidy(account).split())
    if not account:
        return ""
    if "@" in account:
        local, _, domain = account.partition("@")
        return f"{local[:1]}***@{domain}"[:MAX_MASKED]
    if len(account) <= 4:
        return "*" * len(account)
    if len(account) < 8:
        return "*" * (len(account) - 2) + account[-2:]
    return f"{account[:3]}****{account[-4:]}"


def mask_payer(name: str = "", account: str = "") -> str | None:
    """A payer as ``王*(138****5678)``, ``王*`` or ``oT2****SDQ0``; None when nothing is known.

    Alipay writes name and account in one cell, ``*津水(602***@qq.com)``; that form is
    split and each part masked again (Alipay's own mask differs from one file to the next).
    """
    name, account = _tidy(name), _tidy(account)
    if name and not account:
        found = _NAME_AND_ACCOUNT.fullmatch(name)
        if found:
            name, account = found["name"].strip(), found["account"].strip()
    masked_name = mask_name(name.strip("*")) if name.strip("*") else ("*" if name else "")
    masked_account = mask_account(account)
    if masked_name and masked_account:
        text = f"{masked_name}({masked_account})"
    else:
        text = masked_name or masked_account
    return text[:MAX_MASKED] or None

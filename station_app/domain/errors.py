"""Typed errors of the domain rules.

A refusal must reach the person at the station as a sentence they understand, in the
language the UI is using, and must never be a traceback.  So every refusal carries a
stable machine code (for tests and for logs), the field it concerns (so a form can put
the message next to the right box) and the sentence in Chinese and English.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base class of every refusal the station's rules can give."""

    def __init__(self, code: str, zh: str, en: str, *, field: str | None = None) -> None:
        super().__init__(zh)
        self.code = code
        self.field = field
        self.message_zh = zh
        self.message_en = en

    def message(self, language: str = "zh") -> str:
        """The sentence for a person, in ``language`` ("zh" or "en")."""
        return self.message_en if language.startswith("en") else self.message_zh

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, field={self.field!r})"


class ValidationError(DomainError):
    """What a person typed or chose is not acceptable; nothing was written."""


class PermissionDenied(DomainError):
    """The operator's role does not allow this action."""


class ConflictError(DomainError):
    """The action contradicts the state of the records (e.g. voiding twice, closed day)."""

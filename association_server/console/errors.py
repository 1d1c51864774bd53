"""What the console refuses, as one sentence in both languages (never a traceback)."""

from __future__ import annotations


class ConsoleError(Exception):
    """A refused action; the page shows ``zh`` or ``en`` and nothing was written."""

    def __init__(self, zh: str, en: str, *, status: int = 400) -> None:
        super().__init__(en)
        self.zh, self.en, self.status = zh, en, status

    def text(self, english: bool) -> str:
        return self.en if english else self.zh


class LoginRequired(Exception):
    """No valid session: the browser is sent to the login page."""


class NotAllowed(ConsoleError):
    """A viewer tried an officer's action."""

    def __init__(self) -> None:
        super().__init__(
            "只有主管（officer）可以这样做。", "Only an officer may do this.", status=403
        )

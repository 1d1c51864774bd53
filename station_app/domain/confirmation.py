"""A second person's word: the name and password of whoever confirms or overrides.

Handed from a form to a service, which checks the password and the person's role in the
same call (the trust model: roles are checked in services, never in the UI).  The
password is kept out of ``repr`` so a logged draft never shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A second person (or the coordinator overriding a rule): name, password, why."""

    name: str
    password: str = field(repr=False)
    reason: str = ""

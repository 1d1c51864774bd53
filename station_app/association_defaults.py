"""The city charity association this build of the desk is made for.

A station is usually set up before its enrolment code arrives, and meanwhile it records
donations and prints receipts offline. Those receipts' QR codes must still open on a
donor's phone. So they need the association's public address even though the station has
no address of its own yet. That address, and the association's name for first run, belong
to the city, not to one station. The city's packager writes them into
``resources/association.toml`` before building, so every station of the city gets them.
A station's own enrolled address, once it has one, always wins.

A missing or broken file never stops the desk. It only means such receipts fall back to
the ``/r/NUMBER`` form, which a station can check but a phone cannot open.
"""

from __future__ import annotations

import functools
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from station_app.domain.association_address import association_address
from station_app.domain.errors import ValidationError
from station_app.resources_path import resources_dir

__all__ = [
    "AssociationDefaults",
    "association_defaults",
    "load_association_defaults",
    "receipt_address",
]

log = logging.getLogger(__name__)

_FALLBACK_NAME = "广州市慈善会"
_MAX_NAME = 60


@dataclass(frozen=True, slots=True)
class AssociationDefaults:
    name: str
    #: Trimmed and checked like an enrolled address; "" when the build has none.
    public_url: str


def load_association_defaults(path: Path) -> AssociationDefaults:
    """The defaults in ``path``; a value that is missing or wrong is logged and left out."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("association defaults not read from %s: %s", path, exc)
        return AssociationDefaults(_FALLBACK_NAME, "")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > _MAX_NAME:
        if name is not None:
            log.warning("association defaults: unusable name %r", name)
        name = _FALLBACK_NAME
    url = data.get("public_url", "")
    public_url = ""
    if isinstance(url, str) and url.strip():
        try:
            public_url = association_address(url)
        except ValidationError as exc:
            log.warning("association defaults: public_url %r refused: %s", url, exc.message_en)
    elif not isinstance(url, str):
        log.warning("association defaults: public_url is not text: %r", url)
    return AssociationDefaults(name.strip(), public_url)


@functools.cache
def association_defaults() -> AssociationDefaults:
    """This build's defaults, read once from ``resources/association.toml``."""
    return load_association_defaults(resources_dir() / "association.toml")


def receipt_address(station_url: str, defaults: AssociationDefaults | None = None) -> str:
    """The address in front of ``/r/NUMBER`` on a receipt's QR code.

    The station's own enrolled address when it has one, otherwise this build's public
    address, otherwise "" (the ``/r/NUMBER`` form that only a station can check).
    """
    if station_url.strip():
        return station_url
    return (defaults or association_defaults()).public_url

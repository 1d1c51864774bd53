"""The association's address: https, except for a receiver on this very computer.

The station's sync token rides on every sync request, and the one-time enrolment code on
the enrolment request.  Over plain http anyone on the path (the building's router, a
shared Wi-Fi) could read them and then upload records as this station.  So an address on
another computer must be https.  Plain http is accepted only for a loopback host
(``localhost``, 127.0.0.0/8, ``::1``), where the reference receiver runs for demos and
tests and nothing crosses a network.

The same address also goes into every receipt's QR code, so it must be a plain base
address a phone can open: no user name or password in it, no query, no fragment.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from station_app.domain.errors import ValidationError

__all__ = ["association_address", "is_loopback_host", "is_safe_for_secrets"]

_FIELD = "association_url"


def _refuse(code: str, zh: str, en: str) -> ValidationError:
    return ValidationError(f"address.{code}", zh, en, field=_FIELD)


def is_loopback_host(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ``::1``: traffic that never leaves this computer."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def association_address(text: str) -> str:
    """The address as stored (trimmed, no trailing slash), or a refusal saying what to fix."""
    url = text.strip()
    if not url.lower().startswith(("https://", "http://")):
        raise _refuse(
            "scheme",
            "慈善会网址应以 https:// 开头",
            "The association URL should start with https://.",
        )
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise _refuse("space", "慈善会网址中不能有空格", "The URL must not contain spaces.")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number 0-65535
    except ValueError:
        host = ""
    if not host:
        raise _refuse(
            "host",
            "慈善会网址不完整，请照市慈善会给的网址填写（例如 https://cishan.example.org）",
            "The URL is incomplete; enter it as the association gave it "
            "(for example https://cishan.example.org).",
        )
    if parts.username is not None or parts.password is not None:
        raise _refuse(
            "credentials",
            "慈善会网址中不能包含用户名或密码",
            "The URL must not contain a user name or password.",
        )
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise _refuse(
            "query",
            "慈善会网址只需填到网站地址为止，不要带“?”或“#”后面的部分",
            "Enter only the site address, without anything after “?” or “#”.",
        )
    if parts.scheme.lower() == "http" and not is_loopback_host(host):
        raise _refuse(
            "insecure",
            "慈善会网址必须以 https:// 开头：同步令牌和登记码不能以明文在网络上传送。",
            "The association URL must start with https://: the sync token and enrolment "
            "code must not cross the network unencrypted.",
        )
    return url.rstrip("/")


def is_safe_for_secrets(url: str) -> bool:
    """Whether the sync token may be sent to ``url`` (an address saved by an older version
    or given on the command line has not necessarily been through :func:`association_address`)."""
    try:
        association_address(url)
    except ValidationError:
        return False
    return True

"""Enrolling this station with the association: swap a one-time code for a sync token.

The station's Ed25519 key pair already exists (made at set-up, private half in the
keyring, public half in the ``station`` row and in the ledger's ``station.created``
entry); enrolment sends that public key, so receipts printed before enrolment verify too.
The token goes to the keyring through :class:`~station_app.keystore.KeyStore` only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select, update

from station_app.association_defaults import association_defaults
from station_app.domain import signing
from station_app.domain.association_address import association_address
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, DomainError, ValidationError
from station_app.domain.roles import Action
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.sessions import OperatorSession, require_session
from station_app.storage.database import StationDatabase
from station_app.storage.models import Station
from station_app.sync.client import AssociationClient
from station_app.sync.errors import RefusedError, TransientError, UntrustedServerError
from station_app.sync.sync_messages import untrusted_message

_ST = Station.__table__


class EnrolmentKeys(Protocol):
    def get_signing_key(self) -> bytes | None: ...
    def set_sync_token(self, token: str) -> None: ...


ClientFactory = Callable[[str], AssociationClient]


@dataclass(frozen=True, slots=True)
class Enrolment:
    station_code: str
    association_url: str


def _refused_enrolment(exc: RefusedError) -> tuple[str, str]:
    """What to do about a refusal: only ``enrollment_refused`` is about the code itself."""
    if exc.code == "enrollment_refused":
        return (
            "市慈善会拒绝了登记：站点编号或登记码不正确，或登记码已用过、已过期。"
            "请向市慈善会索取新的登记码。",
            "The association refused enrolment: wrong station code or enrolment code, or "
            "the code was used or has expired. Ask the association for a new code.",
        )
    if exc.code == "key_mismatch":
        return (
            "市慈善会已收到本站用另一把密钥签名的记录，不能用这台电脑上的密钥登记。请联系市慈善会。",
            "The association already holds records of this station signed with another key, "
            "so the key on this PC cannot be enrolled. Contact the association.",
        )
    if exc.code == "moved":
        return (
            f"慈善会网址上的服务器把请求转到了别处（转到 {exc.message}）。"
            "请向市慈善会确认现在的网址后再登记。",
            f"The server at the association URL redirects elsewhere (to {exc.message}). "
            "Ask the association for its current URL, then enrol.",
        )
    return (
        f"这个网址上没有市慈善会的同步服务（{exc.status} {exc.code}）。"
        "请核对慈善会网址，它应与市慈善会给的完全一致。",
        f"There is no association sync service at this URL ({exc.status} {exc.code}). "
        "Check the association URL; it must be exactly as the association gave it.",
    )


def enrol_station(
    db: StationDatabase,
    keys: EnrolmentKeys,
    session: OperatorSession,
    enrollment_code: str,
    *,
    association_url: str | None = None,
    client_factory: ClientFactory = AssociationClient,
) -> Enrolment:
    """Enrol (the coordinator's action); raises :class:`DomainError` with a sentence for
    every failure.  The address enrolled at becomes the station's, ledgered with who
    enrolled, since every later receipt's QR code points there."""
    with db.read() as conn:
        require_session(conn, session, Action.SET_ASSOCIATION)
    if not enrollment_code.strip():
        raise ValidationError(
            "enrol.no_code", "请输入登记码", "Enter the enrolment code.", field="code"
        )
    with db.read() as conn:
        station = conn.execute(select(_ST)).first()
    if station is None:
        raise DomainError("station.none", "这台电脑还没有设置站点", "No station is set up here.")
    url = association_address(
        association_url or station.association_url or association_defaults().public_url
    )
    private = keys.get_signing_key()
    if private is None or signing.encode_key(signing.public_key_of(private)) != station.public_key:
        raise ConflictError(
            "enrol.key_mismatch",
            "钥匙串中的签名密钥与本站记录不符，无法登记。请联系市慈善会。",
            "The signing key in the keyring does not match this station's records; "
            "enrolment is not possible. Contact the association.",
        )
    with client_factory(url) as client:
        try:
            token = client.enroll(station.code, enrollment_code.strip(), station.public_key)
        except RefusedError as exc:
            raise DomainError(f"enrol.{exc.code}", *_refused_enrolment(exc)) from None
        except UntrustedServerError as exc:
            texts = untrusted_message(exc.reason, utc_now())
            raise DomainError("enrol.untrusted", *texts) from None
        except TransientError as exc:
            raise DomainError(
                "enrol.network",
                f"连不上市慈善会，请检查网络和地址后重试（{exc}）。",
                f"Could not reach the association; check the network and address ({exc}).",
            ) from None
    keys.set_sync_token(token)  # first: the one-time code is spent, the token must not be lost
    with db.write() as conn:
        actor = require_session(conn, session, Action.SET_ASSOCIATION)
        append_entry(
            conn,
            type=EntryType.STATION_ASSOCIATION_URL_SET,
            at=to_iso(utc_now()),
            station_code=station.code,
            data={"association_url": url, "by": actor.name},
        )
        if url != station.association_url:
            # Another association's list is not "the list we last merged".
            conn.execute(
                update(_ST).where(_ST.c.id == 1).values(association_url=url, designations_etag=None)
            )
    return Enrolment(station.code, url)

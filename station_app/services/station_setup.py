"""Setting up a station: its identity, signing key, first coordinator and designations.

The private signing key goes to the OS keyring before the database row is written; if
the keyring refuses, nothing is written and the person is told why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import insert, select

from station_app.domain import signing
from station_app.domain.association_address import association_address
from station_app.domain.donations import UNDESIGNATED, clean_text
from station_app.domain.entry_types import EntryType
from station_app.domain.errors import ConflictError, ValidationError
from station_app.domain.receipt_numbers import validate_station_code
from station_app.domain.roles import Role
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import append_entry
from station_app.services.operators import insert_operator
from station_app.services.records import StationInfo
from station_app.storage.database import StationDatabase
from station_app.storage.models import Designation, Station


class SigningKeyStore(Protocol):
    def set_signing_key(self, key: bytes) -> None: ...


@dataclass(frozen=True, slots=True)
class StationSetup:
    code: str
    name: str
    district: str
    association_url: str
    coordinator_name: str
    coordinator_password: str
    association_name: str = "广州市慈善会"


@dataclass(frozen=True, slots=True)
class DesignationSpec:
    code: str
    name: str
    category: str  # fund, project


def _require(value: str, code: str, zh: str, en: str, field: str) -> str:
    value = clean_text(value)
    if not value:
        raise ValidationError(code, zh, en, field=field)
    return value


def load_station(db: StationDatabase) -> StationInfo | None:
    with db.read() as conn:
        row = conn.execute(select(Station.__table__)).first()
    if row is None:
        return None
    return StationInfo(
        row.code, row.name, row.district, row.association_name, row.association_url, row.public_key
    )


def create_station(
    db: StationDatabase,
    setup: StationSetup,
    keys: SigningKeyStore,
    designations: Iterable[DesignationSpec] = (),
    *,
    demo: bool = False,
) -> StationInfo:
    """Set up a new station; ``demo`` lets the coordinator have the demo password."""
    code = validate_station_code(setup.code)
    name = _require(
        setup.name, "station.no_name", "请填写站点名称", "Enter the station's name.", "name"
    )
    district = _require(
        setup.district, "station.no_district", "请填写所在区", "Enter the district.", "district"
    )
    # No address yet is allowed (issue 17): the station works offline and is enrolled
    # later, in Settings, with the address the association gives with its code.
    url = association_address(setup.association_url) if setup.association_url.strip() else ""
    association = _require(
        setup.association_name,
        "station.no_association",
        "请填写慈善会名称",
        "Enter the association's name.",
        "association_name",
    )
    if load_station(db) is not None:
        raise ConflictError(
            "station.exists", "这台电脑已经设置了站点", "This PC is already set up as a station."
        )
    private = signing.generate_private_key()
    public = signing.encode_key(signing.public_key_of(private))
    keys.set_signing_key(private)
    at = to_iso(utc_now())
    with db.write() as conn:
        conn.execute(
            insert(Station.__table__).values(
                id=1,
                code=code,
                name=name,
                district=district,
                association_name=association,
                association_url=url,
                public_key=public,
                created_at=at,
            )
        )
        append_entry(
            conn,
            type=EntryType.STATION_CREATED,
            at=at,
            station_code=code,
            data={
                "code": code,
                "name": name,
                "district": district,
                "association_url": url,
                "association_name": association,
                "public_key": public,
            },
        )
        specs = [DesignationSpec(UNDESIGNATED, "非定向捐赠", "undesignated"), *designations]
        for order, spec in enumerate(specs):
            conn.execute(
                insert(Designation.__table__).values(
                    code=spec.code,
                    name=spec.name,
                    category=spec.category,
                    active=True,
                    sort_order=order,
                )
            )
        append_entry(
            conn,
            type=EntryType.DESIGNATIONS_SET,
            at=at,
            station_code=code,
            data={
                "designations": [
                    {"code": s.code, "name": s.name, "category": s.category} for s in specs
                ]
            },
        )
        insert_operator(
            conn,
            station_code=code,
            name=setup.coordinator_name,
            role=Role.COORDINATOR,
            password=setup.coordinator_password,
            created_by=None,
            at=at,
            demo=demo,
        )
    return StationInfo(code, name, district, association, url, public)

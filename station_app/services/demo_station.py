"""A demo station, so a newcomer can start the program and try every screen at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.services.donation_recording import DonationRecorder
from station_app.services.operators import create_operator
from station_app.services.receipt_signing import ReceiptSigner, SigningKeySource
from station_app.services.records import StationInfo
from station_app.services.sessions import authenticate
from station_app.services.station_setup import (
    DesignationSpec,
    SigningKeyStore,
    StationSetup,
    create_station,
)
from station_app.storage.database import StationDatabase

DEMO_SETUP = StationSetup(
    code="GZ-YX-0012",
    name="越秀区北京街社区慈善捐赠站",
    district="越秀区",
    # Not enrolled, as a real station is on its first day: it works offline, and its
    # receipts' QR codes point at the build's public association address.
    association_url="",
    coordinator_name="陈主任",
    coordinator_password=DEMO_PASSWORD,
    association_name="广州市慈善会",
)
DEMO_DESIGNATIONS = (
    DesignationSpec("BJJ-FUND", "北京街社区慈善基金", "fund"),
    DesignationSpec("WXY", "微心愿", "project"),
    DesignationSpec("QLAJ", "耆乐安居", "project"),
)
DEMO_OPERATORS = (("李社工", "social_worker"), ("王小明", "staff"))


class DemoKeys(SigningKeyStore, SigningKeySource, Protocol):
    """Combined protocol for the key store the demo needs."""


@dataclass(frozen=True, slots=True)
class DemoResult:
    station: StationInfo
    operators: tuple[str, ...]
    password: str


def init_demo(db: StationDatabase, keys: DemoKeys, *, with_donations: bool = True) -> DemoResult:
    station = create_station(db, DEMO_SETUP, keys, DEMO_DESIGNATIONS, demo=True)
    coordinator = authenticate(db, DEMO_SETUP.coordinator_name, DEMO_PASSWORD)
    for name, role in DEMO_OPERATORS:
        create_operator(db, coordinator, name, role, DEMO_PASSWORD, demo=True)
    if with_donations:
        recorder = DonationRecorder(db, ReceiptSigner.from_keystore(keys))
        for draft in (
            DonationDraft(
                kind="cash", amount="100", donor_name="张三", designation_code="BJJ-FUND"
            ),
            DonationDraft(kind="mobile", amount="50.5", anonymous=True, designation_code="WXY"),
            DonationDraft(
                kind="in_kind",
                donor_name="北京街商户联合会",
                designation_code="QLAJ",
                items=(ItemDraft("大米", "10", "袋", "500"), ItemDraft("食用油", "5", "桶", "350")),
            ),
            DonationDraft(kind="bank", amount="2,000", donor_name="广州某科技有限公司"),
        ):
            recorder.record(coordinator, draft)
    return DemoResult(
        station, (DEMO_SETUP.coordinator_name, *(n for n, _ in DEMO_OPERATORS)), DEMO_PASSWORD
    )

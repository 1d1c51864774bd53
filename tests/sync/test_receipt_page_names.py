"""The public receipt page names the fund (never its code) and an organisation in full.

Issue 17: a station's own fund, such as 北京街社区慈善基金 (BJJ-FUND), may not be on the
association's list; the donor still reads its name.  A company's gift shows the
company; a private person stays masked.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import select

from station_app.domain.donations import DonationDraft
from station_app.domain.receipt_qr import receipt_url
from station_app.services.donation_recording import DonationRecorder
from station_app.services.station_sync import sync_station
from station_app.storage.models import Receipt
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


def test_the_page_shows_the_funds_name_and_the_organisation(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    d = sqlite_deployment
    st = make_station(d)
    rec = DonationRecorder(st.db, st.signer)
    company = rec.record(
        st.coordinator,
        DonationDraft(
            kind="bank",
            amount="5000",
            donor_name="广州某某科技有限公司",
            organisation=True,
            designation_code="BJJ-FUND",
        ),
    )
    person = rec.record(
        st.coordinator,
        DonationDraft(kind="cash", amount="10", donor_name="张三丰", designation_code="BJJ-FUND"),
    )
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    with st.db.read() as conn:
        sigs = dict(conn.execute(select(Receipt.number, Receipt.signature)).all())
    page = httpx.get(receipt_url(d.url, company.receipt_number, sigs[company.receipt_number]))
    assert page.status_code == 200
    assert "北京街社区慈善基金" in page.text and "BJJ-FUND" not in page.text
    assert "广州某某科技有限公司" in page.text
    page = httpx.get(receipt_url(d.url, person.receipt_number, sigs[person.receipt_number]))
    assert "张**" in page.text and "张三丰" not in page.text
    assert "北京街社区慈善基金" in page.text

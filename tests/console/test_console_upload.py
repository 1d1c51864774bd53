"""Official numbers imported from an uploaded CSV file: multipart, size-limited, GB18030
or UTF-8, all rows or none, and no spreadsheet formula taken for a number."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from association_server.console import uploads
from tests.console.client import ConsoleClient, new_user, text_of
from tests.console.scenario import qr_path, synced
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation


@pytest.fixture
def officer(sqlite_deployment: Deployment) -> Iterator[ConsoleClient]:
    c = ConsoleClient(sqlite_deployment.url)
    assert c.login(new_user(sqlite_deployment.engine, "officer")).status_code == 303
    yield c
    c.close()


def _upload(c: ConsoleClient, content: bytes, *, csrf: str | None = None) -> httpx.Response:
    return c.http.post(
        "/console/receipts",
        data={"csrf": c.csrf if csrf is None else csrf},
        files={"csv_file": ("票据号.csv", content, "text/csv")},
    )


def _waiting(c: ConsoleClient, code: str) -> int:
    return c.get("/console/receipts", station=code).text.count("data-number=")


def test_an_uploaded_csv_records_the_numbers_shown_on_the_donors_page(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 2)
    numbers = [r["receipt"] for r in st.receipts()]
    page = officer.get("/console/receipts").text
    assert 'enctype="multipart/form-data"' in page and 'name="csv_file"' in page
    body = "收据编号,票据号,日期\r\n" + "".join(
        f"{n},粤财-U{i},2026-12-0{i + 1}\r\n" for i, n in enumerate(numbers)
    )
    reply = _upload(officer, body.encode("gb18030"))  # as Excel saves it on a Chinese PC
    assert reply.status_code == 303, text_of(reply.text)[-300:]
    assert "recorded=2" in reply.headers["location"]
    assert _waiting(officer, st.code) == 0
    donor = httpx.get(sqlite_deployment.url + qr_path(st.receipts()[1]))
    assert "粤财-U1" in donor.text


def test_an_upload_follows_the_paste_boxs_rules(
    officer: ConsoleClient, sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 2)
    first, second = (r["receipt"] for r in st.receipts())
    one_bad = f"{first},A-1,2026-12-01\n{st.code}-2026-999999,A-2,2026-12-01\n"
    refused = _upload(officer, one_bad.encode())
    assert refused.status_code == 400 and "第 2 行" in text_of(refused.text)
    formula = f'\ufeff{first},A-1,2026-12-01\n{second},"=HYPERLINK(""http://e.vil"")",\n'
    refused = _upload(officer, formula.encode())
    assert refused.status_code == 400 and "formula" in refused.text
    pasted = officer.post("/console/receipts", {"csv": formula})
    assert pasted.status_code == 400  # the paste box: the same rule
    single = officer.post("/console/receipts", {"number": first, "official": "@SUM(1)"})
    assert single.status_code == 400
    assert _waiting(officer, st.code) == 2  # none of it recorded
    assert _upload(officer, b"").status_code == 400  # nothing to record
    assert _upload(officer, b"\x00\x01PK\x03\x04binary").status_code == 400
    assert _upload(officer, b"\xff\xfe\xfa\xfb" * 10).status_code == 400
    line = f"{first},A-1,2026-12-01\n".encode()
    big = line * (uploads.MAX_FILE // len(line) + 1)  # over the file's limit, under the body's
    too_big = _upload(officer, big)
    assert too_big.status_code == 413 and "256 KB" in text_of(too_big.text)
    assert _upload(officer, f"{first},A-1,\n".encode(), csrf="0" * 40).status_code == 403
    assert _waiting(officer, st.code) == 2


def test_a_viewer_cannot_upload_and_junk_multipart_is_no_crash(
    sqlite_deployment: Deployment, make_station: Callable[..., SyncStation]
) -> None:
    st = synced(sqlite_deployment, make_station, 1)
    viewer = ConsoleClient(sqlite_deployment.url)
    try:
        viewer.login(new_user(sqlite_deployment.engine, "viewer"))
        row = f"{st.receipts()[0]['receipt']},V-1,\n".encode()
        assert _upload(viewer, row).status_code == 403
        for ctype, body in (
            ("multipart/form-data", b"no boundary"),
            ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
            ("multipart/form-data; boundary=x", b"--x\r\n\r\n--x--"),
            ("multipart/form-data; boundary=" + "x" * 300, b"\x00" * 1000),
        ):
            reply = viewer.http.post(
                "/console/receipts", content=body, headers={"content-type": ctype}
            )
            assert reply.status_code in (400, 403), (ctype, reply.status_code)
    finally:
        viewer.close()
    assert uploads.file_text("a,b\n".encode("utf-8-sig")) == "a,b\n"

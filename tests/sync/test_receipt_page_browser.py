"""The public receipt page in a real browser, as a donor's phone shows it.

A donor scans the receipt's QR code and lands on ``/r/{number}?s=…``.  Here Debian's
chromium, headless, at a phone-sized viewport (390×844 CSS px, an ordinary phone) loads
that page from the real receiver and we check what a person would read: the status
text for a genuine, a forged, a voided and a not-yet-synced receipt, in Chinese by
default and in English when the browser asks for it — and that nothing spills past the
right edge of the screen (the screenshot's right margin is still page background).
``RECEIPT_PAGE_SCREENSHOT=docs/screenshots/receipt-page-phone.png`` saves the genuine
receipt's page (at 2x, like a phone's screen) for the documentation.

Chromium is started with background networking, component updates and sync switched
off: it must not try to reach the internet (it would stall on a closed network), and it
downloads nothing.  Apt: ``chromium`` and a CJK font (``fonts-wqy-microhei``), see
``packaging/apt-sync-test.txt``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from station_app.domain.receipt_qr import receipt_url
from station_app.domain.signing import generate_private_key, sign_receipt
from station_app.services.receipt_actions import void_donation
from station_app.services.station_sync import sync_station
from tests.sync.conftest import Deployment
from tests.sync.harness import SyncStation

WIDTH, HEIGHT = 390, 844
#: Background of the page and the status box's colour per verdict (receipt_page.py).
PAGE_BG = (0xF4, 0xF4, 0xF4)
COLOURS = {
    "genuine": (0x1B, 0x7F, 0x3B),
    "voided": (0xB2, 0x6A, 0x00),
    "not_synced": (0x2B, 0x5F, 0xA8),
    "forged": (0xB3, 0x26, 0x1E),
    "unsigned": (0x6B, 0x6B, 0x6B),
}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # tests may run as root in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    f"--window-size={WIDTH},{HEIGHT}",
]


@dataclass(frozen=True)
class Seen:
    """What the browser showed: the DOM after loading, and where its screenshot is."""

    dom: str
    screenshot: Path

    @property
    def verdict(self) -> str:
        match = re.search(r'data-verdict="([a-z_]+)"', self.dom)
        assert match, self.dom[:2000]
        return match.group(1)

    @property
    def headline(self) -> str:
        match = re.search(r'id="status"[^>]*><strong>([^<]+)</strong>', self.dom)
        assert match, self.dom[:2000]
        return match.group(1)


def _chromium_binary() -> str:
    found = shutil.which("chromium")
    if found is None:
        message = "Debian's chromium is not installed (apt: chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def browse(tmp_path: Path) -> Callable[..., Seen]:
    """Open a URL in headless chromium at phone size; return its DOM and a screenshot."""
    binary = _chromium_binary()
    shots = iter(range(1000))

    def open_page(url: str, *, lang: str = "zh-CN", scale: int = 1) -> Seen:
        n = next(shots)
        png = tmp_path / f"page-{n}.png"
        proc = subprocess.run(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={tmp_path / f'profile-{n}'}",
                f"--lang={lang}",
                f"--accept-lang={lang}",
                f"--force-device-scale-factor={scale}",
                f"--screenshot={png}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            timeout=90,
            env={**os.environ, "HOME": str(tmp_path)},
        )
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-3000:]
        assert png.exists(), proc.stderr.decode(errors="replace")[-3000:]
        return Seen(proc.stdout.decode("utf-8"), png)

    return open_page


def _issued_at(st: SyncStation, number: str) -> str:
    return next(r["issued_at"] for r in st.receipts() if r["receipt"] == number)


def _receipts(st: SyncStation) -> list[tuple[str, str]]:
    return [(r["receipt"], r["signature"]) for r in st.receipts()]


def _assert_fits_phone_width(seen: Seen, verdict: str) -> None:
    """The status box is on screen with its margins, and nothing reaches the right edge.

    Content wider than the viewport would either push the box to the edge or paint
    over the last columns, which must stay the plain page background.
    """
    from PIL import Image

    with Image.open(seen.screenshot) as img:
        rgb = img.convert("RGB")
        assert rgb.size == (WIDTH, HEIGHT)
        colour = COLOURS[verdict]
        xs = [
            x for y in range(0, HEIGHT, 4) for x in range(WIDTH) if rgb.getpixel((x, y)) == colour
        ]
        assert xs, f"no {verdict} status box on screen"
        assert min(xs) >= 8 and max(xs) <= WIDTH - 9, (min(xs), max(xs))
        for x in range(WIDTH - 6, WIDTH):
            for y in range(HEIGHT):
                assert rgb.getpixel((x, y)) == PAGE_BG, f"something drawn at ({x}, {y})"


def test_receipt_page_on_a_phone(
    sqlite_deployment: Deployment,
    make_station: Callable[..., SyncStation],
    browse: Callable[..., Seen],
) -> None:
    d = sqlite_deployment
    st = make_station(d)
    st.record(2)
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    void_donation(st.db, st.coordinator, _receipts(st)[1][0], "重复录入")
    assert sync_station(st.db, st.keys, base_url=d.url, pull_designations=False).ok
    st.record(1)  # printed and handed over, but the day's sync has not run yet
    (good, good_sig), (voided, voided_sig), (fresh, fresh_sig) = _receipts(st)
    # A forger who knows the number and amount signs them with a key of their own.
    amount_fen = 10_000
    issued_at = _issued_at(st, good)
    forged_sig = sign_receipt(generate_private_key(), good, amount_fen, issued_at, st.code)

    cases = {
        "genuine": (
            receipt_url(d.url, good, good_sig),
            "真实有效",
            ["¥100.00", "壹佰元整", "非定向捐赠"],
        ),
        "voided": (receipt_url(d.url, voided, voided_sig), "已作废", ["作废时间"]),
        "not_synced": (  # as printed today: the link carries the signed amount and time
            receipt_url(
                d.url, fresh, fresh_sig, amount_fen=10_000, issued_at=_issued_at(st, fresh)
            ),
            "签名有效，尚未同步",
            ["¥100.00", "壹佰元整", "下班时同步"],
        ),
        "forged": (receipt_url(d.url, good, forged_sig), "无法核验，疑似伪造", ["请勿相信"]),
        "unsigned": (f"{d.url}/r/{good}", "缺少签名", ["请直接扫描收据上的二维码"]),
    }
    for verdict, (url, headline, details) in cases.items():
        seen = browse(url)
        assert seen.verdict == verdict
        assert seen.headline == headline
        assert '<html lang="zh-CN">' in seen.dom
        for text in details:
            assert text in seen.dom, (verdict, text)
        if verdict in ("forged", "unsigned"):  # no amount for a forgery or a bare number
            assert "¥" not in seen.dom and "张*" not in seen.dom
        _assert_fits_phone_width(seen, verdict)

    if dest := os.environ.get("RECEIPT_PAGE_SCREENSHOT"):  # docs/screenshots, by hand
        shutil.copy(browse(cases["genuine"][0], scale=2).screenshot, dest)

    english = {
        "genuine": (cases["genuine"][0], "Genuine"),
        "forged": (cases["forged"][0], "Cannot be verified — possibly forged"),
        "voided": (cases["voided"][0], "Voided"),
        "not_synced": (cases["not_synced"][0], "Signature valid, not yet synced"),
    }
    for verdict, (url, headline) in english.items():
        seen = browse(url, lang="en-US")
        assert (seen.verdict, seen.headline) == (verdict, headline)
        assert '<html lang="en">' in seen.dom and "真实有效" not in seen.dom
        if verdict == "genuine":
            assert "Undesignated" in seen.dom
        _assert_fits_phone_width(seen, verdict)

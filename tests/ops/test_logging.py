"""No donor phone number and no secret ever reaches the log file."""

from __future__ import annotations

import base64
import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from station_app.logging_setup import LOG_FILE_NAME, redact, setup_logging
from station_app.paths import DataPaths


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = setup_logging(DataPaths(tmp_path / "d"))
    yield path
    for handler in root.handlers:
        if handler not in before:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(level)


def test_phone_and_token_are_masked_in_the_file(log_file: Path) -> None:
    token = secrets.token_urlsafe(32)
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    log = logging.getLogger("station_app.test")
    log.info("donation from 张三, phone 13812345678")
    log.info("donor phone %s", "+86 139-8765-4321")
    log.warning("sync request headers: %s", {"Authorization": f"Bearer {token}"})
    log.info("enrolled, token=%s", token)
    try:
        raise RuntimeError(f"keyring refused key {key}")
    except RuntimeError:
        log.exception("storing the signing key failed")
    log.info(
        "backup station-20261122T194142810403Z-manual.sqlite3 made; receipt "
        "GZ-YX-0012-2026-000005, 10000 fen"
    )
    for handler in logging.getLogger().handlers:
        handler.flush()

    text = log_file.read_text(encoding="utf-8")
    assert log_file.name == LOG_FILE_NAME
    for secret in ("13812345678", "13987654321", "8765-4321", token, key):
        assert secret not in text
    assert "138****5678" in text and "139****4321" in text
    assert "[redacted]" in text and "Traceback" in text
    assert "station-20261122T194142810403Z-manual.sqlite3" in text
    assert "GZ-YX-0012-2026-000005" in text and "10000 fen" in text


def test_text_from_a_damaged_database_is_still_logged(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A flipped byte in a stored UUID comes back as a lone surrogate; the line that
    reports the damage must reach the file, and no "Logging error" traceback anywhere."""
    damaged = b"e34c174a-e2a5-4cee-8eae-6c6\xb203630ba9".decode("utf-8", "surrogateescape")
    logging.getLogger("station_app.test").error("station database damaged: goods_lot %s", damaged)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "station database damaged: goods_lot e34c174a-e2a5-4cee-8eae-6c6\\udcb2" in text
    assert "Logging error" not in capsys.readouterr().err


def test_setup_twice_adds_one_handler(log_file: Path) -> None:
    root = logging.getLogger()
    n = len(root.handlers)
    assert setup_logging(DataPaths(log_file.parent.parent)) == log_file
    assert len(root.handlers) == n


@pytest.mark.parametrize(
    "kept",
    [
        "3f2a1c4e-9b7d-4e2a-8c1f-0a1b2c3d4e5f",
        "0e015346de848e8e212de9831e3bc9e628884a3bf04ada60db1113ca44f903c8",
        "GET /api/v1/stations/GZ-YX-0012/cursor",
        "seq 1234567890123",
        "backups/station-20261122T194142810403Z-manual.sqlite3",
    ],
)
def test_ordinary_values_stay_readable(kept: str) -> None:
    assert redact(kept) == kept


@pytest.mark.parametrize(
    "secret",
    [
        "kUraEWfB/PiieHkvFS02MmBJcbbIRJFrieVuKNi+nok=",  # a real key with only two digits
        "QmFzZTY0IGtleSB3aXRob3V0IGRpZ2l0cyBhdCBhbGw",  # base64url, no digit at all
        "xZPqLrTnWvBkMdHsJfGaYcUeNiQoRtVwXzAbCdEfGhI-",
    ],
)
def test_random_keys_are_masked_whatever_their_letters(secret: str) -> None:
    assert secret not in redact(f"keyring refused key {secret}")


def test_random_keys_are_masked_over_many_draws() -> None:
    for _ in range(1000):
        for value in (
            secrets.token_urlsafe(32),
            base64.b64encode(secrets.token_bytes(32)).decode(),
        ):
            assert value not in redact(f"x {value} y")

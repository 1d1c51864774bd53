"""The program's log: a rotating file in the data folder that never holds a secret.

The log is what the IT helper sends when something goes wrong, so it must be safe to
send: a donor's full mobile number, the sync bearer token or a key must never be in it.
Code is written not to log them, and :class:`RedactingFilter` is the net under that,
applied to the final text of every record (message, arguments and traceback), so that
an exception that echoes a request header or a SQL parameter is masked too.
"""

from __future__ import annotations

import itertools
import logging
import logging.handlers
import re
from pathlib import Path

from station_app.paths import DataPaths

__all__ = [
    "LOG_FILE_NAME",
    "RedactingFilter",
    "redact",
    "setup_logging",
]

LOG_FILE_NAME = "station-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 10
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# A mainland mobile number: 1[3-9] and nine more digits, not inside a longer number
# (receipt serials, amounts in fen and timestamps are left alone).
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
# "Bearer <token>", "Authorization: <anything>" and key=value style secrets.
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
_AUTH_HEADER = re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)[^'\",\s][^'\",]*")
_KEY_VALUE = re.compile(
    r"(?i)\b((?:sync[_-]?)?token|secret|password|passwd|private[_-]?key|signing[_-]?key|"
    r"api[_-]?key)(['\"]?\s*[:=]\s*['\"]?)[^'\"\s,;}]+"
)
# Candidates for keys and tokens: long runs of the base64/base64url alphabet.  Which of
# them are secrets is decided in _looks_random, so that file names, UUIDs, hashes (hex),
# receipt numbers and URL paths stay readable.
_BLOB = re.compile(r"(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_=-])")
MASK = "[redacted]"


def _char_class(c: str) -> int:
    return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3


def _looks_random(run: str) -> bool:
    """A key or token, not a name: both cases present and well mixed, as in random base64.

    Random base64 has about as many capitals as small letters and changes character
    class (capital, small, digit, symbol) at about two of three positions (mean 0.64,
    s.d. 0.08 for a 32-byte key).  A backup file name
    (``station-20261122T194142Z-manual``), a UUID or a SHA-256 in hex has fewer than 3
    capitals or changes class far less often.  The threshold sits five standard
    deviations below the keys, so no unlucky key slips through (a first version that
    counted digits let some through: a key can have only two); the price is that a
    rare long CamelCase word is masked too, which a log can afford.  A run that starts
    with ``/`` and has no ``+`` or ``=`` is a URL path.
    """
    if run.startswith("/") and not any(c in run for c in "+="):
        return False  # a URL path; padded base64 (our keys) always ends in "="
    upper = sum(c.isupper() for c in run)
    lower = sum(c.islower() for c in run)
    changes = sum(_char_class(a) != _char_class(b) for a, b in itertools.pairwise(run))
    return upper >= 3 and lower >= 3 and changes >= 0.25 * (len(run) - 1)


def redact(text: str) -> str:
    """``text`` with mobile numbers masked (138****5678) and secrets replaced."""
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    text = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{MASK}", text)
    text = _KEY_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    text = _BLOB.sub(lambda m: MASK if _looks_random(m.group(0)) else m.group(0), text)
    return _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's final text (with its traceback) through :func:`redact`.

    Formatting here, once, is what makes it reliable: masking ``record.msg`` alone would
    miss a phone number passed as ``%s`` argument or shown in an exception's message.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(paths: DataPaths, *, level: int = logging.INFO) -> Path:
    """Log to ``logs/station-desk.log`` (1 MB × 10 files), masked; returns the file.

    Calling it again with the same folder changes nothing, so the GUI and the CLI can
    both call it.  The filter sits on the handler, so records from every logger,
    including libraries, pass through it.
    """
    paths.logs.mkdir(parents=True, exist_ok=True)
    log_file = paths.logs / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(log_file):
            # Set up elsewhere first (e.g. an older start-up path): make sure it is masked.
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
            return log_file
    # backslashreplace: text read from a damaged database can hold lone surrogates (bytes
    # that are not UTF-8), and the line that reports the damage must still be written.
    handler = logging.handlers.RotatingFileHandler(
        log_file,
        maxBytes=MAX_BYTES,
        backupCount=BACKUP_COUNT,
        encoding="utf-8",
        errors="backslashreplace",
        delay=True,
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return log_file

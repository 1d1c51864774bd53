"""What an association may tune on its receiver, in one immutable value.

``association-server serve`` builds it from its options; tests build it directly.  The
defaults are what a city deployment should run with.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.domain.money import DEFAULT_CEILING_FEN

#: When receipts started to carry their signed amount and time in the QR code (commit
#: d75faef, 2026-11-23).  A link without them, for a receipt issued after this, is not
#: one the station printed.
SIGNED_QR_SINCE = "2026-11-23T00:00:00Z"


@dataclass(frozen=True, slots=True)
class ReceiverSettings:
    #: Largest amount of one donation, in fen (the station's own ceiling by default).
    max_amount_fen: int = DEFAULT_CEILING_FEN
    #: A station silent for this many days while donors scan its receipts is an incident.
    silent_days: int = 3
    signed_qr_since: str = SIGNED_QR_SINCE
    #: Largest batch body, in bytes; read only after the token was checked.
    max_body: int = 16 * 1024 * 1024
    #: Largest body of any other request (enrolment), in bytes.
    small_body: int = 4 * 1024
    #: Seconds a client has to send a whole request body.
    body_timeout_s: float = 20.0
    #: Batches handled at once by one process; more are asked to retry ("busy").
    max_concurrent_batches: int = 4
    #: Wrong enrolment codes allowed per client address / per station code in a window.
    enroll_client_failures: int = 10
    enroll_station_failures: int = 5
    enroll_window_s: float = 600.0
    enroll_lockout_s: float = 900.0
    #: Serve the interactive API pages (/docs, /redoc).
    docs: bool = False
    #: The console's cookie-signing secret lives in this file (created if missing); without
    #: one, a random secret per process (sessions end with the process).
    console_secret_file: str | None = None
    #: The console highlights a station that has not synced for this many days.
    console_stale_days: int = 3
    #: Largest body of a console form (a pasted CSV of official receipt numbers), in bytes.
    console_body: int = 512 * 1024

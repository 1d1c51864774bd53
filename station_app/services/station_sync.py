"""Syncing a station: what ``station-app sync`` and the desk's Sync panel call.

:func:`sync_station` finds the token and the association's address, refuses to send the
token anywhere unsafe, pulls the designations (their change travels in the same run),
then hands over to :class:`~station_app.services.sync_service.SyncService` for the
ledger.  A run that ends before its upload is still recorded in the sync history.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from station_app.domain.association_address import is_safe_for_secrets
from station_app.domain.station_time import utc_now
from station_app.services.designation_pull import designations_etag, merge_designations
from station_app.services.sync_result import SyncProgress, SyncResult
from station_app.services.sync_service import SyncService, record_unstarted_run
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import association_url
from station_app.sync.client import AssociationClient
from station_app.sync.errors import RefusedError, TransientError, UntrustedServerError
from station_app.sync.sync_messages import (
    Outcome,
    insecure_address_message,
    not_enrolled_message,
    refusal_message,
    untrusted_message,
)


def _unstarted(
    db: StationDatabase, outcome: Outcome, texts: tuple[str, str], code: str | None = None
) -> SyncResult:
    """The result of a run that ended before its upload, recorded in the history."""
    result = SyncResult(outcome, 0, None, 0, *texts, refusal_code=code)
    record_unstarted_run(db, result, utc_now())
    return result


class SyncTokenSource(Protocol):
    def get_sync_token(self) -> str | None: ...


def sync_station(
    db: StationDatabase,
    keys: SyncTokenSource,
    *,
    base_url: str | None = None,
    pull_designations: bool = True,
    progress: Callable[[SyncProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    client_factory: Callable[..., AssociationClient] = AssociationClient,
    **service_options: Any,
) -> SyncResult:
    """What ``station-app sync`` and the Sync panel call: designations, then the ledger.

    Designations are pulled first because a change to them is itself a ledger entry that
    should travel in the same run.  Failing to pull them only adds a warning: uploading
    the donations matters more.
    """
    token = keys.get_sync_token()
    if not token:
        return SyncResult(Outcome.NOT_ENROLLED, 0, None, 0, *not_enrolled_message())
    if base_url is None:
        with db.read() as conn:
            base_url = association_url(conn)
    if not is_safe_for_secrets(base_url):
        # Saved by an older version, or given on the command line: never send the token.
        return _unstarted(
            db, Outcome.REFUSED, insecure_address_message(base_url), "insecure_address"
        )
    started = time.monotonic()
    with client_factory(base_url, token=token) as client:
        warn: tuple[str, str] | None = None
        if pull_designations:
            try:
                # An unchanged list costs a 304 (If-None-Match with the ETag we merged).
                listing = client.designations(designations_etag(db))
                started = time.monotonic()  # the association answered
                if listing.designations is not None:
                    merge_designations(db, listing.designations, listing.etag)
            except TransientError:
                warn = (
                    "未能更新捐赠意向列表，下次同步时再试。",
                    "Could not update the designations; will retry at the next sync.",
                )
            except RefusedError as exc:
                return _unstarted(db, Outcome.REFUSED, refusal_message(exc.code, exc.seq), exc.code)
            except UntrustedServerError as exc:
                # The first request of a run; the upload would meet the same certificate.
                return _unstarted(db, Outcome.UNTRUSTED, untrusted_message(exc.reason, utc_now()))
        service_options.setdefault("contacted_at", started)
        result = SyncService(db, client, **service_options).run(progress, cancelled)
    if warn is not None:
        result = replace(
            result,
            warnings_zh=(*result.warnings_zh, warn[0]),
            warnings_en=(*result.warnings_en, warn[1]),
        )
    return result

"""A sync run: ship the station's ledger to the association, in order, exactly once.

The receiver's cursor is the only truth about what it holds.  A run reads it, sends the
entries after it in batches, and marks local entries ``synced_batch`` only for what the
receiver acknowledged.  After any interruption (timeout, dropped connection, 5xx, a
receiver restarted mid-batch) the run re-reads the cursor and carries on from there: an
entry the receiver stored but never confirmed is simply acknowledged by the cursor, and
one resent by mistake is a no-op on the receiver.  A refusal (4xx) stops the run at once
with a sentence saying what to do, because retrying cannot change the answer.

Every run — also a refused or failed one — is recorded in ``sync_run``; only one run at a
time is possible per station database (:class:`~station_app.sync.lock.SyncLock`).
"""

from __future__ import annotations

import json
import logging
import time
import uuid as uuidlib
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, and_, func, insert, select, update

from station_app.domain.entry_types import EntryType
from station_app.domain.ledger import LedgerEntry
from station_app.domain.station_time import to_iso, utc_now
from station_app.services.ledger_writer import iter_entries
from station_app.services.sync_result import SyncProgress, SyncResult
from station_app.storage.database import StationDatabase
from station_app.storage.lookups import station_code
from station_app.storage.models import LedgerEntryRow, SyncRun
from station_app.storage.rows import inserted_id
from station_app.sync.client import CONNECT_TIMEOUT_S, AssociationClient
from station_app.sync.errors import RefusedError, TransientError, UntrustedServerError
from station_app.sync.lock import SyncLock
from station_app.sync.protocol import BatchAck, Cursor
from station_app.sync.retry import Backoff
from station_app.sync.sync_messages import (
    Outcome,
    busy_message,
    cancelled_message,
    diverged_message,
    network_message,
    ok_message,
    refusal_message,
    skew_warning,
    untrusted_message,
)

log = logging.getLogger(__name__)
_L, _RUN = LedgerEntryRow.__table__, SyncRun.__table__
BATCH_SIZE = 500
CLOCK_SKEW_LIMIT_S = 300.0
HEARTBEAT_EVERY_S = 30.0
#: Without any answer from the association for this long, a run gives up (it is tried
#: again later, in the background): a person waiting at the desk hears within seconds.
CONTACT_BUDGET_S = 10.0


class _Diverged(Exception):
    """The receiver's stream is not a prefix of ours (restored backup, or a forgery)."""

    def __init__(self, acked_seq: int, head_seq: int) -> None:
        super().__init__(f"receiver cursor {acked_seq} vs local head {head_seq}")
        self.acked_seq = acked_seq
        self.head_seq = head_seq


def record_unstarted_run(db: StationDatabase, result: SyncResult, now: datetime) -> None:
    """A run that never reached the upload still belongs in the sync history."""
    with db.write() as conn:
        at = to_iso(now)
        conn.execute(
            insert(_RUN).values(
                started_at=at,
                finished_at=at,
                entries_sent=0,
                outcome=result.outcome.value,
                error=result.message_en,
            )
        )


def _head_seq(conn: Connection) -> int:
    seq: int = conn.execute(select(func.coalesce(func.max(_L.c.seq), 0))).scalar_one()
    return seq


class SyncService:
    """Runs syncs for one station database against one receiver client."""

    def __init__(
        self,
        db: StationDatabase,
        client: AssociationClient,
        *,
        batch_size: int = BATCH_SIZE,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = utc_now,
        lock: SyncLock | None = None,
        contact_budget_s: float = CONTACT_BUDGET_S,
        contacted_at: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._client = client
        self.contact_budget_s = contact_budget_s
        self._monotonic = monotonic
        #: When the association last answered (or the run began, which counts the same).
        self._contacted_at = contacted_at if contacted_at is not None else monotonic()
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self._sleep = sleep
        self._clock = clock
        self._lock = lock or SyncLock(db)
        with db.read() as conn:
            self.station_code: str = station_code(conn)

    # -- local bookkeeping -----------------------------------------------------------------

    def _start_run(self) -> int:
        with self._db.write() as conn:
            # A run left unfinished by a crash is closed as such, so history stays honest.
            conn.execute(
                update(_RUN)
                .where(_RUN.c.finished_at.is_(None))
                .values(finished_at=to_iso(self._clock()), outcome="interrupted")
            )
            return inserted_id(
                conn.execute(insert(_RUN).values(started_at=to_iso(self._clock()), entries_sent=0))
            )

    def _finish_run(self, run_id: int, result: SyncResult, error: str | None) -> None:
        with self._db.write() as conn:
            conn.execute(
                update(_RUN)
                .where(_RUN.c.id == run_id)
                .values(
                    finished_at=to_iso(self._clock()),
                    entries_sent=result.entries_sent,
                    acked_seq=result.acked_seq,
                    outcome=result.outcome.value,
                    error=error,
                )
            )

    def record_unstarted(self, result: SyncResult) -> None:
        record_unstarted_run(self._db, result, self._clock())

    def _accept_cursor(self, cursor: Cursor) -> tuple[int, Cursor]:
        """Check the receiver's cursor against our ledger, mark what it holds.

        Returns our head and where to send from: the receiver's cursor, or, when our
        chain forks at a restore whose old database was unreadable (the receiver still
        holds the entries it lost), the entry before that restore.  The receiver accepts
        the fork at exactly that entry and keeps what it supersedes (CONTRACT.md).
        """
        with self._db.write() as conn:
            head = _head_seq(conn)
            diverged = cursor.acked_seq > head
            if not diverged and cursor.acked_seq > 0:
                local = conn.execute(select(_L.c.hash).where(_L.c.seq == cursor.acked_seq)).scalar()
                diverged = local != cursor.acked_hash
            if diverged:
                fork = _fork_point(conn, cursor.acked_seq)
                if fork is None:
                    raise _Diverged(cursor.acked_seq, head)
                cursor = Cursor(fork.seq - 1, fork.prev_hash)
            self._mark(conn, cursor.acked_seq, str(uuidlib.uuid4()))
            return head, cursor

    @staticmethod
    def _mark(conn: Connection, acked_seq: int, batch_id: str, from_seq: int = 1) -> None:
        """Mark entries ``from_seq``..``acked_seq`` as held by the association.

        ``from_seq`` bounds the scan: everything before a batch was marked when its own
        acknowledgement (or the run's first cursor) arrived, and without the bound each
        mark walked the ledger from its start, which made a long backlog quadratic.
        """
        conn.execute(
            update(_L)
            .where(
                and_(
                    _L.c.seq >= from_seq,
                    _L.c.seq <= acked_seq,
                    _L.c.synced_batch.is_(None),
                )
            )
            .values(synced_batch=batch_id)
        )

    def _accept_ack(self, batch_id: str, sent: list[LedgerEntry], ack: BatchAck) -> None:
        by_seq = {e.seq: e.hash for e in sent}
        with self._db.write() as conn:
            local = by_seq.get(ack.acked_seq)
            if local is None:
                local = conn.execute(select(_L.c.hash).where(_L.c.seq == ack.acked_seq)).scalar()
            if local != ack.acked_hash or ack.acked_seq > sent[-1].seq:
                raise _Diverged(ack.acked_seq, sent[-1].seq)
            self._mark(conn, ack.acked_seq, batch_id, from_seq=sent[0].seq)

    def _next_batch(self, after_seq: int) -> list[LedgerEntry]:
        with self._db.read() as conn:
            batch: list[LedgerEntry] = []
            for entry in iter_entries(conn, after_seq=after_seq, chunk=self.batch_size):
                batch.append(entry)
                if len(batch) >= self.batch_size:
                    break
            return batch

    def _skew(self) -> float | None:
        server = self._client.last_server_date
        if server is None:
            return None
        return (self._clock() - server).total_seconds()

    # -- the run ---------------------------------------------------------------------------

    def run(
        self,
        progress: Callable[[SyncProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SyncResult:
        """One complete sync; never raises for network or receiver trouble."""
        if not self._lock.acquire():
            result = SyncResult(Outcome.BUSY, 0, None, 0, *busy_message())
            self.record_unstarted(result)
            return result
        try:
            if self._lock.recovered is not None:
                log.warning("recovered a stale sync lock of pid %s", self._lock.recovered.pid)
            run_id = self._start_run()
            result, error = self._upload(progress, cancelled)
            self._finish_run(run_id, result, error)
            log.info("sync %s: %s", result.outcome.value, result.message_en)
            return result
        finally:
            self._lock.release()

    def _upload(
        self,
        progress: Callable[[SyncProgress], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> tuple[SyncResult, str | None]:
        sent, failures, head = 0, 0, 0
        cursor: Cursor | None = None
        acked: int | None = None  # last acknowledgement heard, kept across failures
        skew: float | None = None
        last_beat = time.monotonic()
        code = self.station_code

        def finish(
            outcome: Outcome, texts: tuple[str, str], refusal_code: str | None = None
        ) -> SyncResult:
            warn_zh: tuple[str, ...] = ()
            warn_en: tuple[str, ...] = ()
            if skew is not None and abs(skew) > CLOCK_SKEW_LIMIT_S:
                zh, en = skew_warning(skew)
                warn_zh, warn_en = (zh,), (en,)
            return SyncResult(
                outcome,
                sent,
                acked,
                head,
                *texts,
                clock_skew_s=skew,
                warnings_zh=warn_zh,
                warnings_en=warn_en,
                refusal_code=refusal_code,
            )

        while True:
            if cancelled is not None and cancelled():
                return finish(Outcome.CANCELLED, cancelled_message()), None
            try:
                if cursor is None:
                    fresh = self._client.cursor(code)
                    self._contacted_at = self._monotonic()
                    if skew is None:
                        skew = self._skew()
                    head, cursor = self._accept_cursor(fresh)
                    acked = fresh.acked_seq
                batch = self._next_batch(cursor.acked_seq)
                if not batch:
                    return finish(Outcome.OK, ok_message(cursor.acked_seq)), None
                batch_id = str(uuidlib.uuid4())
                sent += len(batch)  # counted when sent: a lost reply still cost the upload
                ack = self._client.send_batch(code, batch_id, batch)
                self._contacted_at = self._monotonic()
                self._accept_ack(batch_id, batch, ack)
                cursor, acked = Cursor(ack.acked_seq, ack.acked_hash), ack.acked_seq
                head = max(head, batch[-1].seq)
                failures = 0
                if progress is not None:
                    progress(SyncProgress(sent, ack.acked_seq, head))
                if time.monotonic() - last_beat > HEARTBEAT_EVERY_S:
                    self._lock.heartbeat()
                    last_beat = time.monotonic()
            except TransientError as exc:
                failures += 1
                # The receiver may have stored the batch before the failure: ask it again.
                cursor = None
                log.info("sync attempt failed (%s), failure %d", exc, failures)
                wait = self.backoff.delay(failures, asked=exc.retry_after)
                silent = self._monotonic() - self._contacted_at
                out_of_time = silent + wait + CONNECT_TIMEOUT_S > self.contact_budget_s
                if self.backoff.exhausted(failures) or out_of_time:
                    return finish(Outcome.NETWORK, network_message(exc.kind)), str(exc)
                self._sleep(wait)
            except RefusedError as exc:
                log.warning("sync refused: %s", exc)
                return (
                    finish(
                        Outcome.REFUSED, refusal_message(exc.code, exc.seq), refusal_code=exc.code
                    ),
                    str(exc),
                )
            except _Diverged as exc:
                log.error("sync stopped: %s", exc)
                return finish(Outcome.DIVERGED, diverged_message(exc.acked_seq)), str(exc)
            except UntrustedServerError as exc:
                log.error("sync stopped: %s", exc)
                texts = untrusted_message(exc.reason, self._clock())
                return finish(Outcome.UNTRUSTED, texts), str(exc)


def _fork_point(conn: Connection, acked_seq: int) -> LedgerEntry | None:
    """Our latest ``station.restored`` entry made without the old ledger, at or below what
    the receiver holds: the receiver's entries from there on are the ones we lost."""
    rows = conn.execute(
        select(_L.c.seq, _L.c.uuid, _L.c.type, _L.c.payload, _L.c.prev_hash, _L.c.hash)
        .where(and_(_L.c.type == EntryType.STATION_RESTORED, _L.c.seq <= acked_seq))
        .order_by(_L.c.seq.desc())
    ).all()
    for r in rows:
        if json.loads(r.payload)["data"].get("previous_readable") is False:
            return LedgerEntry(r.seq, r.uuid, r.type, r.payload, r.prev_hash, r.hash)
    return None

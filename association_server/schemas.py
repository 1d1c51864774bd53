"""The JSON shapes of sync protocol v1, as the receiver validates and documents them.

Strict on purpose (unknown fields refused, sizes bounded, hashes must look like hashes),
so malformed input is refused with ``invalid_request`` before any database work, and the
OpenAPI document describes exactly what a station may send.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

_HASH = r"^[0-9a-f]{64}$"
MAX_BATCH_ENTRIES = 2000
MAX_PAYLOAD_CHARS = 256_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrollRequest(_Strict):
    station_code: str = Field(min_length=1, max_length=32)
    enrollment_code: str = Field(min_length=1, max_length=64)
    public_key: str = Field(min_length=1, max_length=100, description="Ed25519, base64")


class EnrollResponse(_Strict):
    station_code: str
    token: str


class CursorResponse(_Strict):
    acked_seq: int
    acked_hash: str


class EntryIn(_Strict):
    seq: int = Field(ge=1, le=2**53)
    uuid: str = Field(min_length=1, max_length=36)
    type: str = Field(min_length=1, max_length=40)
    payload: str = Field(min_length=2, max_length=MAX_PAYLOAD_CHARS)
    prev_hash: str = Field(pattern=_HASH)
    hash: str = Field(pattern=_HASH)


class BatchRequest(_Strict):
    batch_id: str = Field(min_length=1, max_length=64)
    entries: list[EntryIn] = Field(max_length=MAX_BATCH_ENTRIES)


class BatchResponse(_Strict):
    acked_seq: int
    acked_hash: str
    stored: int
    duplicates: int


class DesignationOut(_Strict):
    code: str
    name: str
    category: str
    active: bool
    sort_order: int


class DesignationsResponse(_Strict):
    designations: list[DesignationOut]


class ErrorResponse(_Strict):
    code: str
    message: str
    seq: int | None = None

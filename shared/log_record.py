"""The CloudEvents 1.0 structured-mode log record of DESIGN §2."""

from __future__ import annotations

import msgspec
from msgspec import Struct

SOURCE = "coopline/ingest"
RECORDED = "coopline.cooperation.recorded"
CORRECTED = "coopline.cooperation.corrected"
RETRACTED = "coopline.cooperation.retracted"
# A release names the log as it stood at the record before it; it is no cooperation event.
RELEASED = "coopline.release.tagged"
RELEASE_PREFIX = "release:"  # a release's subject: `release:<name>`
TYPES = (RECORDED, CORRECTED, RETRACTED, RELEASED)


class LogRecord(Struct, kw_only=True):
    specversion: str = "1.0"
    id: str
    source: str = SOURCE
    type: str
    subject: str
    time: str
    datacontenttype: str = "application/json"
    position: int
    streamversion: int
    actor: str
    # The hash chain (shared/log_chain.py), a CloudEvents extension attribute. Optional only
    # so that a reader decodes pages of an ingest service older than the chain.
    hash: str | None = None
    data: msgspec.Raw


class Page(Struct):
    """The body of `GET /v1/log`."""

    records: list[LogRecord]
    head: int


class Head(Struct):
    """The body of `GET /v1/log/head`: the last record's position, hash and time."""

    position: int
    hash: str
    time: str | None


page_decoder = msgspec.json.Decoder(Page)

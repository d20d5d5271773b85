"""The CloudEvents 1.0 structured-mode log record of DESIGN §2."""

from __future__ import annotations

import msgspec
from msgspec import Struct

SOURCE = "coopline/ingest"
RECORDED = "coopline.cooperation.recorded"
CORRECTED = "coopline.cooperation.corrected"
RETRACTED = "coopline.cooperation.retracted"
TYPES = (RECORDED, CORRECTED, RETRACTED)


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
    data: msgspec.Raw


class Page(Struct):
    """The body of `GET /v1/log`."""

    records: list[LogRecord]
    head: int


page_decoder = msgspec.json.Decoder(Page)

"""The log's hash chain: each record's `hash` seals it and every record before it.

`hash` = lower-case hex SHA-256 of the previous record's `hash` (64 ASCII hex characters; 64
`0`s before position 1) followed by this record's canonical JSON: the record as `GET /v1/log`
serves it, without `hash`, in RFC 8785 form (JSON Canonicalization Scheme).

Why msgspec and not a JCS library: a log record holds only strings, integers below 2**53,
booleans, null, lists and objects. For those, msgspec's output with sorted keys *is* RFC 8785:
it writes no whitespace, integers in plain decimal, and escapes strings exactly as RFC 8785
does (`\\"`, `\\\\`, `\\b \\f \\n \\r \\t`, other controls as lower-case `\\u00xx`, everything
else — U+2028, U+007F, non-BMP — as raw UTF-8). The one difference is key order: RFC 8785
sorts by UTF-16 code units, msgspec by code points; they disagree only when one key holds a
character from U+E000–U+FFFF where another holds one above U+FFFF. Record keys are schema field
names (ASCII), so that never happens in a log this service wrote; `canonical_json` still
re-sorts any object whose text holds such characters, so it is exact for any JSON value of
those types. tests/unit/test_log_chain.py checks all of this against the independent
`rfc8785` package. (Floats are never written to the log; RFC 8785 would print them in
ECMAScript form, which msgspec does not.)
"""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec

from shared.log_record import SOURCE

GENESIS = "0" * 64
_sorted = msgspec.json.Encoder(order="sorted")
_plain = msgspec.json.Encoder()
_decode = msgspec.json.decode
# UTF-8 lead bytes of U+E000 and above: only texts holding them can sort differently in UTF-16.
# Looked for one by one (`in` is a memchr): several times faster than a regex character class.
_HIGH = tuple(bytes([b]) for b in range(0xEE, 0xF5))
_sha256 = hashlib.sha256


class _Canonical(msgspec.Struct):
    """A log record without `hash`, its fields in RFC 8785 order (ASCII names, sorted)."""

    actor: str
    data: Any  # msgspec.Raw of canonical bytes, or a decoded value (encoded with sorted keys)
    datacontenttype: str
    id: str
    position: int
    source: str
    specversion: str
    streamversion: int
    subject: str
    time: str
    type: str


def _utf16_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _utf16_sorted(value[k]) for k in sorted(value, key=lambda k: k.encode("utf-16-be"))}
    if isinstance(value, list):
        return [_utf16_sorted(v) for v in value]
    return value


def canonical_json(value: Any) -> bytes:
    """RFC 8785 bytes of a decoded JSON value (strings, integers, booleans, null, lists, dicts)."""
    text = _sorted.encode(value)
    for lead in _HIGH:
        if lead in text:
            break
    else:
        return text
    return _plain.encode(_utf16_sorted(value))  # dicts keep the insertion order given here


def canonical_ascii_keys(value: Any) -> bytes:
    """RFC 8785 bytes of a value whose object keys are all ASCII: a msgspec Struct of the record
    schemas (fields are written sorted too), or a dict built from one — what the ingest service
    appends (and stores as `data`: already canonical, it is hashed as it is). No check, so it
    is as fast as one msgspec encode."""
    return _sorted.encode(value)


# The append path's byte template of a record's canonical JSON (keys in RFC 8785 order).
_ENVELOPE = (b'{"actor":%b,"data":%b,"datacontenttype":"application/json","id":"%b","position":%d,'
             b'"source":"' + SOURCE.encode() + b'","specversion":"1.0","streamversion":%d,"subject":"%b",'
             b'"time":"%b","type":"%b"}')


def seal(previous: str, position: int, id: str, subject: str, streamversion: int, type: str, time: str,
         actor: str, data: bytes) -> str:
    """The hash of a record the ingest service appends, `data` its RFC 8785 bytes: the same as
    `link(previous, canonical_record(...))`, on the append path's budget. Its id (a UUID),
    subject (the id pattern), time and type need no JSON escaping by construction; the actor
    is encoded."""
    return _sha256(previous.encode() + _ENVELOPE % (
        _plain.encode(actor), data, id.encode(), position, streamversion, subject.encode(), time.encode(),
        type.encode())).hexdigest()


def canonical_data(data: bytes) -> bytes:
    """RFC 8785 bytes of a JSON text (a stored record's `data`)."""
    return canonical_json(_decode(data))


def canonical_record(position: int, id: str, subject: str, streamversion: int, type: str, time: str,
                     actor: str, data: bytes) -> bytes:
    """RFC 8785 bytes of a log record given its columns, `data` already canonical."""
    return _plain.encode(_Canonical(actor, msgspec.Raw(data), "application/json", id, position, SOURCE,
                                    "1.0", streamversion, subject, time, type))


def canonical_decoded(position: int, id: str, subject: str, streamversion: int, type: str, time: str,
                      actor: str, data: Any) -> bytes:
    """RFC 8785 bytes of a log record given its columns and its `data` decoded (one encode)."""
    envelope = _Canonical(actor, data, "application/json", id, position, SOURCE, "1.0", streamversion,
                          subject, time, type)
    text = _sorted.encode(envelope)
    for lead in _HIGH:
        if lead in text:
            return _plain.encode(_utf16_sorted(msgspec.structs.asdict(envelope)))
    return text


def link(previous: str, canonical: bytes) -> str:
    """The next `hash` of the chain."""
    h = _sha256(previous.encode("ascii"))
    h.update(canonical)
    return h.hexdigest()

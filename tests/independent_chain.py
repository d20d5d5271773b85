"""A second computation of the log's hash chain, independent of the service's own
(shared/log_chain.py): the definition read literally, with hashlib and the `rfc8785` package."""

from __future__ import annotations

import hashlib

import rfc8785

ZEROS = "0" * 64


def expected_hashes(records: list[dict]) -> list[str]:
    """The hashes the records as served by `GET /v1/log` (dicts, in position order from 1)
    should carry: SHA-256 of the previous hash's 64 ASCII characters, then the record's RFC 8785
    canonical JSON without `hash`."""
    out, previous = [], ZEROS
    for rec in records:
        body = {k: v for k, v in rec.items() if k != "hash"}
        previous = hashlib.sha256(previous.encode("ascii") + rfc8785.dumps(body)).hexdigest()
        out.append(previous)
    return out


def assert_chain(records: list[dict]) -> None:
    assert [r["position"] for r in records] == list(range(1, len(records) + 1))
    assert [r.get("hash") for r in records] == expected_hashes(records)

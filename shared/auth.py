"""Bearer tokens (DESIGN §7): a file of `NAME ROLE sha256:<hex>` lines; only hashes kept in memory.

Roles are ordered reader < writer < admin. Lookup hashes the presented token and compares it
with every stored hash in constant time, so timing reveals neither which hash nor how much of
it matched.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

import msgspec

from shared.settings import SettingsError

ROLES = {"reader": 1, "writer": 2, "admin": 3}
_LINE = re.compile(r"^(?P<name>[A-Za-z0-9._@-]{1,64})\s+(?P<role>reader|writer|admin)\s+sha256:(?P<hex>[0-9a-fA-F]{64})$")


class Principal(msgspec.Struct, frozen=True):
    name: str
    role: str

    def allows(self, role: str) -> bool:
        return ROLES[self.role] >= ROLES[role]


DEV = Principal("dev", "admin")


class TokenTable:
    def __init__(self, entries: list[tuple[str, str, bytes]]):
        self._entries = entries  # (name, role, sha256 digest)

    @classmethod
    def load(cls, path: str) -> TokenTable:
        entries = []
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                m = _LINE.match(line)
                if not m:
                    raise SettingsError(f"COOPLINE_TOKENS_FILE: line {n} is not 'NAME ROLE sha256:<64 hex digits>'")
                entries.append((m["name"], m["role"], bytes.fromhex(m["hex"])))
        if not entries:
            raise SettingsError("COOPLINE_TOKENS_FILE: the file holds no tokens")
        return cls(entries)

    def lookup(self, token: str) -> Principal | None:
        digest = hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()
        found = None
        for name, role, stored in self._entries:  # no early exit: constant time over the table
            if hmac.compare_digest(digest, stored) and found is None:
                found = Principal(name, role)
        return found


def new_token() -> str:
    return "cl_" + secrets.token_urlsafe(32)


def token_line(name: str, role: str, token: str) -> str:
    return f"{name} {role} sha256:{hashlib.sha256(token.encode()).hexdigest()}"

"""The benchmark's events: deterministic, valid cooperation records shaped like the seed data.

Every figure (the services, the in-process baselines, the `eventsourcing` peer) is fed the same
bodies, so the ratios compare the work done on the same bytes. Ids are unique per run (a prefix
plus a counter) so every single POST is a real append (201), never an idempotent replay (200).
"""

from __future__ import annotations

import random

import msgspec

# Korea-centred like the seeds: KR in most events, partners from a long tail (so timelines
# have one huge country and many small ones).
PARTNERS = ["BY", "RU", "DK", "NZ", "US", "JP", "CN", "DE", "FR", "GB", "VN", "ID", "IN", "UZ", "KZ",
            "MN", "TH", "PH", "MY", "SG", "AU", "CA", "BR", "MX", "CL", "PE", "EG", "KE", "ZA", "NG",
            "TR", "IL", "AE", "SA", "PL", "CZ", "HU", "FI", "SE", "NO"]
KINDS = ["signing", "visit", "forum", "meeting", "opening", "project", "other"]
SECTORS = ["ict", "telecom", "software", "ai", "robotics", "healthcare", "biotech", "materials",
           "nuclear", "energy", "environment", "agriculture", "space", "smart-city", "startups",
           "basic-science", "education", "manufacturing", "semiconductors", "optics"]
TYPES = ["government", "agency", "research", "university", "company", "association"]
ID_PLACEHOLDER = "__ID__"
_enc = msgspec.json.Encoder()


def _date(rng: random.Random) -> str:
    year = rng.randint(1992, 2025)
    shape = rng.random()
    if shape < 0.55:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if shape < 0.75:
        return f"{year}-{rng.randint(1, 12):02d}"
    if shape < 0.85:
        return f"{year}"
    if shape < 0.95:
        m, d = rng.randint(1, 12), rng.randint(1, 20)
        return f"{year}-{m:02d}-{d:02d}/{year}-{m:02d}-{d + rng.randint(1, 8):02d}"
    return f"{year}/.."


def record(n: int, rng: random.Random, id_: str) -> dict:
    partner = rng.choice(PARTNERS)
    parties = [{"name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT", "country": "KR",
                "type": "government", "role": "signatory"},
               {"name": f"Organisation {n % 997} of {partner}", "country": partner,
                "type": rng.choice(TYPES), "role": "signatory"}]
    if rng.random() < 0.3:
        parties.append({"name": f"Institute {n % 113}", "country": rng.choice(PARTNERS), "type": "research"})
    if rng.random() < 0.05:  # a few events without Korea
        parties[0]["country"] = rng.choice(PARTNERS)
    return {
        "id": id_,
        "kind": rng.choice(KINDS),
        "date": _date(rng),
        "title": f"한-{partner} 과학기술 협력 양해각서 체결 {n}",
        "summary": "양국 연구기관은 공동연구, 인력교류, 기술이전 분야에서 협력하기로 했다. " * rng.randint(1, 3),
        "participants": parties,
        "place": {"city": "Seoul", "country": "KR"},
        "sectors": rng.sample(SECTORS, rng.randint(1, 3)),
        "sources": [{"publisher": "이뉴스투데이", "url": f"https://example.org/news/{n}", "published": "2018-06"}],
    }


def records(start: int, count: int, prefix: str, seed: int = 7) -> list[dict]:
    """`count` records with ids `<prefix>-<start>`…, the same for the same arguments."""
    rng = random.Random(seed * 1_000_003 + start)
    return [record(n, rng, f"{prefix}-{n}") for n in range(start, start + count)]


def bodies(start: int, count: int, prefix: str) -> list[bytes]:
    return [_enc.encode(r) for r in records(start, count, prefix)]


def templates(count: int = 4096) -> list[bytes]:
    """One-line JSON bodies with `__ID__` where the id goes (wrk's Lua script and the fast
    loaders fill it in: generating a million records in Python would load the client core)."""
    return [_enc.encode({**r, "id": ID_PLACEHOLDER}) for r in records(0, count, "tmpl")]


class Filler:
    """Bodies from templates with fresh ids: `<prefix>-<n>` for n = 0, 1, 2…"""

    def __init__(self, prefix: str, count: int = 4096):
        self.prefix, self.n = prefix, 0
        self._t = templates(count)

    def one(self) -> bytes:
        n, self.n = self.n, self.n + 1
        return self._t[n % len(self._t)].replace(b"__ID__", f"{self.prefix}-{n}".encode(), 1)

    def batch(self, size: int) -> bytes:
        return b"[" + b",".join(self.one() for _ in range(size)) + b"]"

"""The cooperation record (DESIGN §1) and the bodies that change it, as msgspec schemas.

Decoding validates structure in one step (msgspec); `_check` adds what a type cannot say
(EDTF dates, ISO country codes, distinct sectors, "occurred is not in the future").
Records are stored *normalised*: defaults filled in, country codes upper-cased; the
canonical JSON of a normalised record is what idempotency compares.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from shared import changes as shared_changes
from shared import countries, edtf, record_errors
from shared.ids import new_id
from shared.log_record import RELEASE_PREFIX
from shared.vocabulary import KINDS, PARTICIPANT_ROLES, PARTICIPANT_TYPES, SECTORS, STATUSES

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
CoopId = Annotated[str, Meta(pattern=ID_PATTERN)]
Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
Sector = Literal[tuple(SECTORS)]  # type: ignore[valid-type]
PType = Literal[PARTICIPANT_TYPES]  # type: ignore[valid-type]
PRole = Literal[PARTICIPANT_ROLES]  # type: ignore[valid-type]
Country = Annotated[str, Meta(pattern=r"^[A-Za-z]{2}$")]
DateText = Annotated[str, Meta(min_length=1, max_length=64)]
# A stable organisation id: a Wikidata item, a ROR id, or a local slug prefixed with the
# country code (`kr.msit`, `by.nasb`); two participants with one `org` are one organisation.
ORG_PATTERN = r"^(Q[1-9][0-9]{0,11}|ror:0[a-z0-9]{8}|[a-z]{2}\.[a-z0-9]+(-[a-z0-9]+)*)$"
OrgId = Annotated[str, Meta(pattern=ORG_PATTERN, description="Wikidata item (Q1144569), ROR id (ror:05dxps055) "
                            "or a local slug prefixed with the country code (kr.msit)")]
LangTag = Annotated[str, Meta(pattern=r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", max_length=64)]


def _text(lo: int, hi: int) -> Any:
    return Annotated[str, Meta(min_length=lo, max_length=hi)]


class Participant(Struct, forbid_unknown_fields=True, kw_only=True):
    name: _text(1, 300)
    name_en: _text(1, 300) | UnsetType = UNSET
    country: Country
    type: PType = "other"
    role: PRole = "participant"
    org: OrgId | UnsetType = UNSET


class Place(Struct, forbid_unknown_fields=True, kw_only=True):
    city: _text(1, 200) | UnsetType = UNSET
    country: Country | UnsetType = UNSET


class Source(Struct, forbid_unknown_fields=True, kw_only=True):
    url: Annotated[str, Meta(min_length=1, max_length=2000, description="an http:// or https:// address with a host "
                             "(other schemes are refused)")] | UnsetType = UNSET
    publisher: _text(1, 300) | UnsetType = UNSET
    title: _text(1, 500) | UnsetType = UNSET
    published: DateText | UnsetType = UNSET
    # The passage of the source that states the event, so that a fact can be traced to its sentence.
    quote: _text(1, 1000) | UnsetType = UNSET


class Record(Struct, forbid_unknown_fields=True, kw_only=True):
    id: CoopId | UnsetType = UNSET
    kind: Kind
    date: DateText
    status: Status = "occurred"
    title: _text(1, 500)
    title_en: _text(1, 500) | UnsetType = UNSET
    summary: _text(0, 5000) | UnsetType = UNSET
    lang: LangTag = "ko"
    participants: Annotated[list[Participant], Meta(min_length=1, max_length=100)]
    place: Place | UnsetType = UNSET
    sectors: Annotated[list[Sector], Meta(max_length=20)] = []
    sources: Annotated[list[Source], Meta(min_length=1, max_length=20)]


class Correction(Struct, forbid_unknown_fields=True, kw_only=True):
    expected_version: Annotated[int, Meta(ge=1)]
    changes: Annotated[dict[str, Any], Meta(min_length=1)]
    reason: _text(1, 2000)


class Retraction(Struct, forbid_unknown_fields=True, kw_only=True):
    expected_version: Annotated[int, Meta(ge=1)]
    reason: _text(1, 2000)


class RecordInvalid(ValueError):
    """A body that decodes as JSON but breaks the schema; `errors` are `{path, message}` dicts."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__("; ".join(f"{e['path']}: {e['message']}" for e in errors))
        self.errors = errors


class MalformedJSON(ValueError):
    """A body that is not JSON (or not UTF-8)."""


CHANGEABLE = frozenset(Record.__struct_fields__) - {"id"}
REQUIRED = frozenset(f.name for f in msgspec.structs.fields(Record) if f.required)
_encoder = msgspec.json.Encoder()
_record_decoder = msgspec.json.Decoder(Record)
_records_decoder = msgspec.json.Decoder(list[Record])


def _from_validation_error(exc: msgspec.ValidationError, prefix: str = "$") -> RecordInvalid:
    # msgspec says "Expected `str`, got `int` - at `$.participants[0].country`".
    msg, sep, where = str(exc).rpartition(" - at `")
    if not sep:
        return RecordInvalid([{"path": prefix, "message": str(exc)}])
    path = where.rstrip("`")
    return RecordInvalid([{"path": prefix + path[1:], "message": msg}])


def decode(body: bytes, decoder: msgspec.json.Decoder, prefix: str = "$") -> Any:
    """Decode and validate structure; MalformedJSON or RecordInvalid on failure."""
    try:
        return decoder.decode(body)
    except msgspec.ValidationError as exc:
        try:  # a type error met before the JSON breaks off is still malformed JSON (400)
            doc = msgspec.json.decode(body)
        except (msgspec.DecodeError, UnicodeDecodeError) as bad:
            raise MalformedJSON(str(bad)) from None
        except RecursionError:
            raise MalformedJSON(_TOO_DEEP) from None
        # msgspec stops at the first error: name them all, in words that say what to write
        try:
            errors = record_errors.all_errors(doc, decoder.type, prefix)
        except RecursionError:  # deeper than Python's own stack: the first error will do
            errors = []
        raise (RecordInvalid(errors) if errors else _from_validation_error(exc, prefix)) from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise MalformedJSON(str(exc)) from None
    except RecursionError:  # msgspec's own depth limit: `[[[[…` 100k deep is no request of ours
        raise MalformedJSON(_TOO_DEEP) from None


_TOO_DEEP = "the JSON is nested too deeply"


_COUNTRY_CODES = countries.CODES
_replace = msgspec.structs.replace
_parse_date = edtf.parse


def _check(rec: Record, path: str, today) -> tuple[Record, list[dict[str, str]]]:
    """Semantic checks; returns the normalised record and the errors found.

    One pass over the decoded record; it is copied (`structs.replace`) only where normalising
    changes something (a lower-case country code), so a record already in normal form costs
    no allocation beyond the decode."""
    errors: list[dict[str, str]] = []
    if rec.id is not UNSET and rec.id.startswith(RELEASE_PREFIX):  # the subjects of releases
        errors.append({"path": f"{path}.id", "message": f"ids beginning with {RELEASE_PREFIX!r} are reserved for releases"})
    try:
        when = _parse_date(rec.date)
        # An open start (`../B`) is unknown, so it cannot be shown to lie in the future.
        if rec.status == "occurred" and when.start is not None and when.start > today:
            errors.append({"path": f"{path}.date", "message": f"an occurred event cannot start in the future ({rec.date}); use status planned"})
    except edtf.EDTFError as exc:
        errors.append({"path": f"{path}.date", "message": str(exc)})
    participants = rec.participants
    parts = None  # a copy of the list, made at the first participant that needs normalising
    for i, p in enumerate(participants):
        if p.country in _COUNTRY_CODES:
            continue
        code = countries.normalise(p.country)
        if code is None:
            errors.append({"path": f"{path}.participants[{i}].country", "message": f"{p.country!r} is not an ISO 3166-1 alpha-2 country code"})
        elif code != p.country:
            if parts is None:
                parts = list(participants)
            parts[i] = _replace(p, country=code)
    place = rec.place
    if place is not UNSET and place.country is not UNSET and place.country not in _COUNTRY_CODES:
        code = countries.normalise(place.country)
        if code is None:
            errors.append({"path": f"{path}.place.country", "message": f"{place.country!r} is not an ISO 3166-1 alpha-2 country code"})
        else:
            place = _replace(place, country=code)
    sectors = rec.sectors
    if len(sectors) > 1 and len(set(sectors)) != len(sectors):
        errors.append({"path": f"{path}.sectors", "message": "sectors must be distinct"})
    for i, s in enumerate(rec.sources):
        url = s.url
        if url is UNSET:
            if s.publisher is UNSET:
                errors.append({"path": f"{path}.sources[{i}]", "message": "a source needs a url or a publisher"})
        elif not _web_url(url):
            errors.append({"path": f"{path}.sources[{i}].url",
                           "message": f"{url[:80]!r} is not an http:// or https:// address with a host"})
        if s.published is not UNSET:
            try:
                _parse_date(s.published)
            except edtf.EDTFError as exc:
                errors.append({"path": f"{path}.sources[{i}].published", "message": str(exc)})
    if parts is not None:
        rec = _replace(rec, participants=parts, place=place)
    elif place is not rec.place:
        rec = _replace(rec, place=place)
    return rec, errors


# A source url is shown as a link: only http(s) with a host, no blanks or control characters
# (javascript:, data:, file: and the like are refused; see docs/decisions.md).
_WEB_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
# The common case, decided without urlsplit: a plain host name (it starts with a letter or
# digit, so urlsplit's hostname is not empty), an optional numeric port, then a path, query or
# fragment or nothing; no userinfo, no brackets. Whatever this accepts `_WEB_URL` and urlsplit
# accept too; anything else takes the full check.
_PLAIN_WEB_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]*)?(?:[/?#][^\s\x00-\x1f\x7f]*)?$")


def _web_url(url: str) -> bool:
    if _PLAIN_WEB_URL.match(url):
        return True
    if not _WEB_URL.match(url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # e.g. a malformed IPv6 literal
        return False


is_web_url = _web_url  # the same rule for other requests that carry a source's address (drafts)


def semantic_errors(rec: Record, path: str = "$") -> list[dict[str, str]]:
    """What a structurally valid record breaks beyond its types (dates, codes, sectors, sources)."""
    return _check(rec, path, edtf.today_utc())[1]


def validate(rec: Record, path: str = "$", *, assign_id: bool = True) -> Record:
    """Semantic validation and normalisation of a decoded record (raises RecordInvalid)."""
    rec, errors = _check(rec, path, edtf.today_utc())
    if errors:
        raise RecordInvalid(errors)
    if assign_id and rec.id is UNSET:
        rec = msgspec.structs.replace(rec, id=new_id())
    return rec


def decode_record(body: bytes) -> Record:
    """Bytes of one submitted record → the normalised Record (id assigned if absent)."""
    return validate(decode(body, _record_decoder))


def decode_batch(body: bytes) -> list[Record]:
    """Bytes of a JSON array of records → normalised Records; errors name the index (`$[3].date`)."""
    recs = decode(body, _records_decoder)
    today = edtf.today_utc()
    out, errors = [], []
    for i, rec in enumerate(recs):
        rec, errs = _check(rec, f"$[{i}]", today)
        errors += errs
        out.append(rec if rec.id is not UNSET else msgspec.structs.replace(rec, id=new_id()))
    if errors:
        raise RecordInvalid(errors)
    return out


def encode(rec: Record) -> bytes:
    """Canonical JSON of a normalised record (field order fixed, absent optionals omitted)."""
    return _encoder.encode(rec)


def apply_changes(current: dict[str, Any], changes: dict[str, Any]) -> Record:
    """The record after a correction: whole top-level fields replaced, `null` removes an optional one.

    Errors are reported under `$.changes.<field>`.
    """
    errors = [{"path": f"$.changes.{k}", "message": "id cannot be changed" if k == "id" else "unknown field"}
              for k in changes if k not in CHANGEABLE]
    errors += [{"path": f"$.changes.{k}", "message": f"{k} is required and cannot be removed"}
               for k, v in changes.items() if v is None and k in REQUIRED]
    if errors:
        raise RecordInvalid(errors)
    merged = shared_changes.merge(current, changes)
    try:
        rec = msgspec.convert(merged, Record)
    except msgspec.ValidationError as exc:
        raise _rebase(_from_validation_error(exc)) from None
    try:
        return validate(rec, assign_id=False)
    except RecordInvalid as exc:
        raise _rebase(exc) from None


def _rebase(exc: RecordInvalid) -> RecordInvalid:
    # "$.date" of the corrected record is "$.changes.date" of the request body.
    return RecordInvalid([{**e, "path": "$.changes" + e["path"][1:] if e["path"] != "$" else "$.changes"}
                          for e in exc.errors])

"""Every structural error of a request body, in words that say what to write instead.

msgspec decodes and validates in one step but stops at the first error. When a body fails,
`structural` walks the generic JSON against the same schema, field by field and item by item,
so that a client hears of every defect at once: enum errors list the allowed values, and a
country given by name (`Korea`, `벨라루스`) is answered with the code to use. It also returns
the body with its defective parts replaced by harmless stand-ins, so that the semantic checks
(dates, codes, sources) can still run on the rest (`POST /v1/events/batch?dry_run=true`).
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec
from msgspec import UnsetType

from shared import countries

DROP = object()  # a value with errors, left out of the repaired body

# Valid stand-ins for required fields whose own value was defective (never reported: the
# defect itself is), keyed by schema name.
STAND_INS: dict[str, dict[str, Any]] = {
    "Record": {"kind": "other", "date": "2000", "title": "-", "participants": [{"name": "-", "country": "KR"}],
               "sources": [{"publisher": "-"}]},
    "Participant": {"name": "-", "country": "KR"},
}


def _without_unset(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        args = tuple(a for a in get_args(tp) if a is not UnsetType)
        return args[0] if len(args) == 1 else Union[args]  # noqa: UP007 - built from a tuple
    return tp


def _base(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _msgspec_message(exc: msgspec.ValidationError) -> str:
    return str(exc).rpartition(" - at `")[0] or str(exc)


def message(exc: msgspec.ValidationError, value: Any, tp: Any, field: str) -> str:
    """msgspec's message, or a better one for enums and country codes."""
    base = _base(_without_unset(tp))
    if get_origin(base) is Literal and isinstance(value, str):
        allowed = ", ".join(str(a) for a in get_args(base))
        return f"{value!r} is not one of the allowed values: {allowed}"
    if field == "country" and isinstance(value, str):
        return countries.not_a_code(value)
    return _msgspec_message(exc)


def structural(value: Any, tp: Any, path: str = "$", field: str = "") -> tuple[list[dict[str, str]], Any]:
    """→ (every error of `value` against the schema `tp`, the value with defective parts
    dropped and required ones replaced by stand-ins — or DROP)."""
    tp = _without_unset(tp)
    base = _base(tp)
    if isinstance(base, type) and issubclass(base, msgspec.Struct) and isinstance(value, dict):
        return _struct(value, base, path)
    try:
        msgspec.convert(value, tp)
        return [], value
    except msgspec.ValidationError as exc:
        if get_origin(base) is list and isinstance(value, list):
            (item_type,) = get_args(base)
            errors, kept = [], []
            for i, item in enumerate(value):
                errs, fixed = structural(item, item_type, f"{path}[{i}]", field)
                errors += errs
                if fixed is not DROP:
                    kept.append(fixed)
            if errors:
                return errors, kept
        return [{"path": path, "message": message(exc, value, tp, field)}], DROP


def _struct(value: dict, cls: type, path: str) -> tuple[list[dict[str, str]], Any]:
    fields = {f.encode_name: f for f in msgspec.structs.fields(cls)}
    # at the object's path, as msgspec reports it (clients already match on it)
    errors = [{"path": path, "message": f"unknown field `{key}`; the fields are {', '.join(fields)}"}
              for key in value if key not in fields]
    fixed: dict[str, Any] = {}
    stand_ins = STAND_INS.get(cls.__name__, {})
    for name, f in fields.items():
        if name not in value:
            if f.required:
                errors.append({"path": f"{path}.{name}", "message": f"required field `{name}` is missing"})
                if name in stand_ins:
                    fixed[name] = stand_ins[name]
            continue
        errs, good = structural(value[name], f.type, f"{path}.{name}", name)
        errors += errs
        if good is not DROP:
            fixed[name] = good
        elif f.required and name in stand_ins:
            fixed[name] = stand_ins[name]
    return errors, fixed


def all_errors(doc: Any, tp: Any, path: str = "$") -> list[dict[str, str]]:
    """Every structural error of an already-parsed JSON body against `tp`."""
    return structural(doc, tp, path)[0]

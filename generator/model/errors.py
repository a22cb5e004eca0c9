"""Turn pydantic validation errors into located problems in plain words."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.problems import Position, Problems
from generator.read.yaml_positions import Document, Loc


def did_you_mean(word: str, candidates: typing.Iterable[str]) -> str:
    """A hint naming the closest candidate, or listing them when few."""
    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if options and len(options) <= 8:
        return "expected one of: " + ", ".join(options)
    return ""


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], list[...], dict[..., ...] and Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _unwrap(arg)
    if origin in (list, dict):
        return _unwrap(typing.get_args(annotation)[-1])
    return annotation


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc`, walking fields by alias."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        if part not in fields:
            if current.model_config.get("extra") == "forbid":
                return None
            continue
        current = _unwrap(fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return "text"


def _describe(err: ErrorDetails, model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    """Message and hint for one pydantic error."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    parent = _model_at(model, loc[:-1])
    name = loc[-1] if loc and isinstance(loc[-1], str) else None
    if kind == "extra_forbidden":
        known = _field_names(parent)
        return f"unknown key '{name}'", did_you_mean(str(name), known) or "remove the key"
    if kind == "missing":
        return f"missing required key '{name}'", f"add '{name}:' with a value"
    if kind == "string_type":
        return (f"expected text but found {_type_name(value)} ({value!r})",
                "put the value in quotes, like \"2026.2\"" if isinstance(value, (int, float)) else "write plain text")
    if kind == "literal_error":
        allowed = [a.strip().strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        return f"'{value}' is not allowed here", did_you_mean(str(value), [a for a in allowed if a])
    if kind in ("list_type", "tuple_type"):
        return f"expected a list but found {_type_name(value)}", "write [a, b] or one '- item' per line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys but found {_type_name(value)}", "write 'key: value' lines indented under it"
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "bool_type"):
        wanted = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {wanted} but found {value!r}", "write digits without quotes or units"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{value}' is not a valid date", "write it as YYYY-MM-DD, like 2026-03-14"
    if kind == "too_short":
        return "this list needs at least one item", "add an item"
    if kind == "too_long":
        return (f"this list has {ctx.get('actual_length')} items, more than the limit of {ctx.get('max_length')}",
                "keep the items that matter, or split the work into several entries")
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    message, _, hint = msg.partition("; ")  # custom errors read "what is wrong; how to fix it"
    return message, hint


CODES = {"extra_forbidden": "unknown-key", "missing": "missing-key", "literal_error": "invalid-value",
         "too_short": "empty-list", "too_long": "too-many-items"}


def _code(kind: str) -> str:
    if kind in CODES:
        return CODES[kind]
    if kind.endswith(("_type", "_parsing")) or kind.startswith(("date", "int_", "float_")):
        return "wrong-type"
    return kind.replace("_", "-")


def _misspelt(errors: list[ErrorDetails]) -> set[Loc]:
    """Missing keys whose unknown sibling is a near spelling: report the typo only."""
    unknown = {tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"}
    skip = set()
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "missing":
            siblings = [str(u[-1]) for u in unknown if u[:-1] == loc[:-1]]
            if difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6):
                skip.add(loc)
    return skip


# The branches of a value that may be text or a mapping (a behaviour): pydantic names them in the location.
UNION_BRANCHES = {"str": str, "BehaviourItem": dict}


def _branch_taken(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Each error of a text-or-mapping value in the branch its value is written in, without the branch's name.

    A behaviour written as a mapping fails the text branch too ("expected text"); that says nothing.
    """
    kept = []
    for err in errors:
        loc = tuple(err["loc"])
        at = next((i for i, part in enumerate(loc) if i and part in UNION_BRANCHES and isinstance(loc[i - 1], int)),
                  None)
        if at is not None:
            # An error about the value itself counts in the branch of the value's shape (text, unless a
            # mapping); an error inside the value comes from the branch that could read it.
            mapping_branch = UNION_BRANCHES[str(loc[at])] is dict
            if at == len(loc) - 1 and mapping_branch != isinstance(err.get("input"), dict):
                continue
            err = {**err, "loc": loc[:at] + loc[at + 1:]}
        kept.append(err)
    return kept


def report_validation_error(exc: ValidationError, model: type[BaseModel], doc: Document,
                            problems: Problems) -> None:
    errors = _branch_taken(exc.errors())
    skip = _misspelt(errors)
    for err in errors:
        if err["type"] == "missing" and tuple(err["loc"]) in skip:
            continue
        loc = tuple(p for p in err["loc"] if p != "[key]")
        if err["type"] == "extra_forbidden" or err["loc"][-1:] == ("[key]",):
            pos = doc.key_at(loc)
        elif err["type"] == "missing":
            pos = doc.at(loc[:-1])
        else:
            pos = doc.at(loc)
        message, hint = _describe(err, model, loc)
        field = next((p for p in reversed(loc) if isinstance(p, str)), None)
        if field and err["type"] not in ("extra_forbidden", "missing", "missing-key") and not message.startswith(field):
            message = f"{field}: {message}"
        problems.add(doc.display, pos if isinstance(pos, Position) else Position(), _code(err["type"]), message, hint)

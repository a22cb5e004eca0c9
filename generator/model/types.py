"""Value types shared by the models: ids, durations, targets, dates, enums.

Each validator raises a `PydanticCustomError` whose message is already what a
user should read, so the error mapper can show it unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# Ids name folders, files and anchors: 64 characters keeps every path well under the limits.
MAX_ID = 64
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
LEVEL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# A track's name for a level (M3, IC4, "Senior 2"): shown in tables and headings, so no Markdown syntax.
LABEL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./+-]{0,23}$")
REF_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}/[a-z0-9][a-z0-9-]{0,63}$")
COMPETENCY_REF_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}(@[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$")
METRIC_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DURATION_RE = re.compile(r"^\s*(\d{1,6})\s*([dwmy])\s*$")
# Dates outside these years are typos (9999-12-31) and would overflow date arithmetic.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
MAX_DURATION_DAYS = 100 * 365
TARGET_RE = re.compile(r"^\s*(>=|<=|==|>|<)?\s*(-?\d+(?:\.\d+)?)\s*$")

UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq,
}


def _pattern(regex: re.Pattern[str], code: str, what: str, hint: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > MAX_ID + 1 + MAX_ID:
            raise PydanticCustomError(code, "this {what} is {n} characters long; {hint}, at most {limit} characters",
                                      {"what": what, "n": len(value), "hint": hint, "limit": MAX_ID})
        if not regex.match(value):
            raise PydanticCustomError(code, "'{value}' is not a valid {what}; {hint}",
                                      {"value": value, "what": what, "hint": hint})
        return value

    return check


def _schema(regex: re.Pattern[str], description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": regex.pattern, "description": description})


Slug = Annotated[
    str,
    AfterValidator(_pattern(SLUG_RE, "id", "id", "use lowercase letters, digits and hyphens")),
    _schema(SLUG_RE, "A lowercase id: letters, digits and hyphens."),
]
LevelId = Annotated[
    str,
    AfterValidator(_pattern(LEVEL_RE, "level-id", "level id", "use letters, digits, '.', '_' or '-', like L3")),
    _schema(LEVEL_RE, "A level id such as L3."),
]
LevelLabel = Annotated[
    str,
    AfterValidator(_pattern(LABEL_RE, "level-label", "level label",
                            "use at most 24 letters, digits, spaces, '.', '/', '+' or '-', like M3 or IC4")),
    _schema(LABEL_RE, "A track's short name for a level, such as M3 or IC4."),
]
MilestoneRef = Annotated[
    str,
    AfterValidator(_pattern(REF_RE, "milestone-ref", "milestone reference",
                            "write it as track-id/milestone-id, like engineering/lead-pilot")),
    _schema(REF_RE, "A milestone as track-id/milestone-id."),
]
CompetencyRef = Annotated[
    str,
    AfterValidator(_pattern(COMPETENCY_REF_RE, "competency-ref", "competency reference",
                            "write a competency id, or competency-id@level like code-craft@L3")),
    _schema(COMPETENCY_REF_RE, "A competency id, or competency-id@level."),
]
BehaviourRef = Annotated[
    str,
    AfterValidator(_pattern(REF_RE, "behaviour-ref", "behaviour reference",
                            "write it as competency-id/behaviour-id, like communication/seeks-feedback")),
    _schema(REF_RE, "A behaviour as competency-id/behaviour-id."),
]
MetricName = Annotated[
    str,
    AfterValidator(_pattern(METRIC_RE, "metric-name", "metric name",
                            "use lowercase letters, digits and underscores, like efficiency_gain_pct")),
    _schema(METRIC_RE, "A metric name in snake_case."),
]


def duration_days(text: str) -> int:
    """Days in a duration such as `90d`, `6w`, `3m` (30 days) or `1y` (365 days)."""
    match = DURATION_RE.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r}")
    return int(match.group(1)) * UNIT_DAYS[match.group(2)]


DURATION_UNITS = {"d": ("day", "days"), "w": ("week", "weeks"), "m": ("month", "months"), "y": ("year", "years")}


def duration_words(text: str | None) -> str:
    """A duration as a person reads it: `90d` → "90 days", `1y` → "1 year"; none → "none"."""
    match = DURATION_RE.match(str(text or ""))
    if not match:
        return str(text) if text else "none"
    number, (one, many) = int(match.group(1)), DURATION_UNITS[match.group(2)]
    return f"{number} {one if number == 1 else many}"


def _check_duration(value: Any) -> str:
    text = str(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not DURATION_RE.match(text):
        raise PydanticCustomError(
            "duration", "'{value}' is not a duration; write a number and a unit: 90d, 6w, 3m or 1y",
            {"value": text[:80]})
    if duration_days(text) > MAX_DURATION_DAYS:
        raise PydanticCustomError("duration", "'{value}' is longer than 100 years; write a shorter duration",
                                  {"value": text.strip()})
    return text.strip()


Duration = Annotated[
    str,
    BeforeValidator(_check_duration),
    WithJsonSchema({"type": "string", "pattern": DURATION_RE.pattern,
                    "description": "A duration: a number then d (days), w (weeks), m (30 days) or y (365 days)."}),
]


def parse_target(text: str) -> tuple[str, float]:
    """Split a target such as `>= 15` into operator and number; a bare number means >=."""
    match = TARGET_RE.match(text)
    if not match:
        raise ValueError(f"not a target: {text!r}")
    return match.group(1) or ">=", float(match.group(2))


def meets_target(value: float, target: str) -> bool:
    op, number = parse_target(target)
    return OPERATORS[op](value, number)


def _check_target(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("target", "target must be a comparison such as \">= 15\"", {})
    text = str(value)
    match = TARGET_RE.match(text)
    if not match:
        raise PydanticCustomError(
            "target",
            "'{value}' is not a target; write an operator (>=, >, <=, <, ==) then a number, like \">= 15\"",
            {"value": text})
    return f"{match.group(1) or '>='} {match.group(2)}"


Target = Annotated[
    str,
    BeforeValidator(_check_target),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": TARGET_RE.pattern}, {"type": "number"}],
                    "description": "Operator and number, like \">= 15\"; a bare number means >=."}),
]


def _check_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date", "'{value}' is not a date; write it as YYYY-MM-DD",
                                  {"value": value})
    return value


def date_in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError("implausible-date", "{value} is not a plausible date; write a date between {first} "
                                  "and {last}", {"value": value.isoformat(), "first": FIRST_DATE.isoformat(),
                                                 "last": LAST_DATE.isoformat()})
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_check_date), AfterValidator(date_in_range)]


def _check_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number", "'{value}' is not a number; write digits without quotes or units",
                                  {"value": value})
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        raise PydanticCustomError("number", "'{value}' is not a finite number; write the measured value in digits",
                                  {"value": value})
    return value


Number = Annotated[float, BeforeValidator(_check_number)]

Role = Literal["self", "peer", "manager", "mentor", "sponsor", "committee", "customer"]
Verdict = Literal["met", "not_yet"]
Cadence = Literal["micro", "weekly", "quarterly", "once"]
Kind = Literal["project", "course", "certification", "feedback", "reflection", "rotation",
               "mentoring", "recognition"]
ROLES: tuple[str, ...] = get_args(Role)
KINDS: tuple[str, ...] = get_args(Kind)
CADENCES: tuple[str, ...] = get_args(Cadence)
VERDICT_ROLES = ("manager", "sponsor", "committee")

# Readers' and signers' public keys: age recipients and the SSH keys code hosts list.
KEY_RE = re.compile(r"^(?:age1[0-9a-z]+|ssh-ed25519 AAAA[A-Za-z0-9+/=]+|ssh-rsa AAAA[A-Za-z0-9+/=]+)"
                    r"(?: [^\x00-\x1f\x7f]*)?$")
MAX_KEY = 2000


def _check_key(value: str) -> str:
    value = value.strip()
    if value.upper().startswith("AGE-SECRET-KEY") or "PRIVATE KEY" in value.upper():
        # Never echo a private key into check output or CI logs.
        raise PydanticCustomError("public-key", "this is a private key, which must never be committed; remove it "
                                  "from the repository (and its history), make a new key, and write its public "
                                  "part (age1... from `age-keygen -y`, or the SSH .pub file)")
    if len(value) > MAX_KEY or not KEY_RE.match(value):
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise PydanticCustomError("public-key", "'{value}' is not a public key; write an age key (age1...) or an SSH "
                                  "public key (ssh-ed25519 AAAA... or ssh-rsa AAAA...), as one line as `age-keygen -y` "
                                  "or the .pub file prints it",
                                  {"value": shown})
    return value


PublicKey = Annotated[
    str,
    AfterValidator(_check_key),
    WithJsonSchema({"type": "string", "pattern": r"^(age1|ssh-ed25519 |ssh-rsa )",
                    "description": "A public key: age1..., ssh-ed25519 AAAA... or ssh-rsa AAAA..."}),
]

"""The strict base model and the link from a model back to its source file."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

from generator.problems import Position
from generator.read.yaml_positions import Document, Loc


class Strict(BaseModel):
    """A record whose unknown keys are errors; remembers where it was read from."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=True)

    _doc: Document | None = PrivateAttr(default=None)
    _loc: Loc = PrivateAttr(default=())

    @property
    def path(self) -> str:
        """The display path of the file this record was read from."""
        return self._doc.display if self._doc else "<memory>"

    def pos(self, *keys: str | int) -> Position:
        """Where the value of `keys` (or the record itself) sits in its file."""
        return self._doc.at(self._loc + keys) if self._doc else Position()

    def key_pos(self, *keys: str | int) -> Position:
        return self._doc.key_at(self._loc + keys) if self._doc else Position()


def attach(value: Any, doc: Document, loc: Loc = ()) -> None:
    """Record `doc` and the location in it on every model inside `value`."""
    if isinstance(value, Strict):
        value._doc, value._loc = doc, loc
        for name, key in _nested_fields(type(value)):
            attach(getattr(value, name), doc, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            attach(item, doc, loc + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            attach(item, doc, loc + (key,))


_NESTED: dict[type, tuple[tuple[str, str], ...]] = {}


def _nested_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(name, key) of the fields whose type can hold a model: the only ones `attach` walks.

    Every entry is attached; walking its titles, dates and lists of ids too would visit
    every value of the repository once more.
    """
    found = _NESTED.get(model)
    if found is None:
        found = _NESTED[model] = tuple((name, info.alias or name) for name, info in model.model_fields.items()
                                       if _holds_model(info.annotation))
    return found


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))

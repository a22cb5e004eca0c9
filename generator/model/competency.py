"""content/competencies/*.yml: the competency map, its sets and inheritance."""

from __future__ import annotations

import re

from pydantic import Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.types import LevelId, Slug

URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


def web_address(value: str) -> bool:
    """An http(s) address: a javascript:, data: or file: link in content would run or read on the reader's side."""
    return bool(URL_RE.match(value)) and not any(ord(ch) < 32 or ch in '<>"' for ch in value)


class BehaviourLink(Strict):
    title: str = Field(description="What the link points to, as the page shows it.")
    url: str = Field(description="An http:// or https:// address.")

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not web_address(value):
            raise PydanticCustomError("url", "'{value}' is not an http(s) address; give a link that starts with "
                                      "https:// (or http://), like https://example.com/guide", {"value": value[:80]})
        return value


class BehaviourItem(Strict):
    id: Slug | None = Field(None, description="Id unique in the competency; needed to link evidence, "
                                              "`remove` or `replaces` it.")
    text: str = Field(description="The observable behaviour.")
    examples: list[str] = Field(default_factory=list, description="Examples of this behaviour in practice.")
    replaces: Slug | None = Field(None, description="Id of a behaviour at a lower level that this one replaces "
                                                    "from this level up.")
    links: list[BehaviourLink] = Field(default_factory=list, description="Supporting reading for this behaviour: "
                                                                         "`title` and an http(s) `url` each.")


class CompetencyLevel(Strict):
    summary: str = Field("", description="What the competency looks like at this level (Markdown).")
    behaviours: list[str | BehaviourItem] = Field(
        default_factory=list, description="Observable behaviours at this level: text, or an object with an id.")
    examples: list[str] = Field(default_factory=list, description="Examples of the behaviours in practice.")
    remove: list[Slug] = Field(default_factory=list,
                               description="Ids of inherited behaviours no longer expected from this level up.")

    @model_validator(mode="after")
    def _something_listed(self) -> CompetencyLevel:
        # An explicit `behaviours: []` says "nothing expected at this level"; only an absent key is an error.
        if "behaviours" not in self.model_fields_set and not self.remove:
            raise PydanticCustomError("missing-key", "missing required key 'behaviours'; add 'behaviours:' with "
                                      "at least one behaviour, or 'remove:' inherited ones", {})
        return self

    @property
    def texts(self) -> list[str]:
        """The behaviours' texts, in order."""
        return [b if isinstance(b, str) else b.text for b in self.behaviours]


class Competency(Strict):
    id: Slug = Field(description="Competency id, referenced by milestones, tracks and entries.")
    extends: Slug | None = Field(None, description="Id of a competency whose name, domain, summary, behaviours "
                                                   "and examples this one inherits.")
    name: str | None = Field(None, description="Display name (inherited with `extends`).")
    domain: Slug | None = Field(None, description="Id of the framework domain it belongs to "
                                                  "(inherited with `extends`).")
    summary: str = Field("", description="What the competency is (Markdown).")
    owners: list[str] = Field(default_factory=list, description="CODEOWNERS of this competency, like @backend-leads.")
    levels: dict[LevelId, CompetencyLevel] = Field(
        default_factory=dict, description="Expectations keyed by level id; any subset of levels.")

    # The competency set it belongs to: the file's `set`, else the file's stem.
    _set: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _name_and_domain(self) -> Competency:
        if self.extends is None:
            missing = [k for k in ("name", "domain") if getattr(self, k) is None]
            if missing:
                raise PydanticCustomError(
                    "missing-key", "missing required key '{key}'; add '{key}:' with a value, or extend a competency "
                    "with 'extends:'", {"key": missing[0]})
        return self

    @property
    def set_id(self) -> str:
        return self._set


class CompetencyFile(Strict):
    set: Slug | None = Field(None, description="Id of the competency set this file defines, which tracks include; "
                                               "default: the file name without .yml.")
    competencies: list[Competency] = Field(description="Competencies defined in this file.")

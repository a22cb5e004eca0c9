"""handbook.yml: optional project settings, every key with a default."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.brand import Brand
from generator.model.keys import Confidentiality
from generator.model.types import IsoDate, Slug

_UNSAFE_URL = re.compile(r"[\s\"'<>\\`]")


@functools.cache
def material_languages() -> frozenset[str]:
    """The `language` values Material for MkDocs ships translations for."""
    import material  # type: ignore[import-untyped]  # Material ships no type information

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html") if p.stem != "custom")


def _web_url(value: str, key: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or _UNSAFE_URL.search(value):
        raise PydanticCustomError("url", "'{value}' is not a web address; write a full https:// URL "
                                  "without spaces or quotes, like https://example.com/{key}",
                                  {"value": value[:200], "key": key})
    return value


class PortfolioSettings(Strict):
    """How readiness portfolios are printed."""

    pdf_summary_after: int = Field(
        200, description="A person with more entries than this gets a PDF that prints in full only what counts "
                         "towards readiness (evidence for target milestones and competencies, its feedback) and "
                         "lists every other entry in one line; the HTML portfolio always shows every entry. "
                         "0 summarises every PDF.", strict=True)
    pdf_page_budget: int = Field(
        2000, ge=1, description="Pages one portfolio PDF may have; a longer one fails alone (that person's "
                                "previous portfolio is kept) and the others are printed.")
    pdf_seconds: float = Field(
        600, gt=0, allow_inf_nan=False, description="Seconds one portfolio PDF may take to lay out and write; "
                                                     "a slower one fails alone and the others are printed.")

    @field_validator("pdf_summary_after")
    @classmethod
    def _entries(cls, value: int) -> int:
        if value < 0:
            raise PydanticCustomError("entries", "{value} is not a number of entries; write 0 or more, like 200 "
                                      "(0 summarises every PDF)", {"value": value})
        return value


_REF = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/+-]*")


class FrameworkSource(Strict):
    """The framework a person's own repository is assessed against: a git repository at a ref, or a folder."""

    git: str | None = Field(None, description="Address of the framework's git repository (https://, ssh://, "
                                              "git@host:path or file://), fetched into the user's cache.")
    ref: str | None = Field(None, description="The tag, branch or commit of `git` to use; a tag or commit is "
                                              "fetched once, a branch again whenever the network allows.")
    folder: str | None = Field(None, alias="path",
                               description="A folder holding the framework (its handbook.yml and content/), "
                                           "relative to this repository; instead of git and ref.")

    @field_validator("git", "folder")
    @classmethod
    def _not_an_option(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or value.startswith("-") or _UNSAFE_URL.search(value)):
            raise PydanticCustomError("source", "'{value}' is not a repository address or folder; write it "
                                      "without spaces or quotes and not starting with '-'", {"value": value[:200]})
        return value

    @field_validator("ref")
    @classmethod
    def _ref(cls, value: str | None) -> str | None:
        if value is not None and (not _REF.fullmatch(value) or ".." in value or value.endswith((".", "/", ".lock"))):
            raise PydanticCustomError("ref", "'{value}' is not a tag, branch or commit name; write one like "
                                      "v2026.2 or main", {"value": value[:200]})
        return value

    @model_validator(mode="after")
    def _one_source(self) -> FrameworkSource:
        if (self.git is None) == (self.folder is None):
            raise PydanticCustomError("source", "name the framework either by git and ref (like git: "
                                      "https://git.example.com/acme/career-framework.git with ref: v2026.2) or by "
                                      "path", {})
        if self.git is not None and self.ref is None:
            raise PydanticCustomError("source", "a framework from git needs the ref to use, like ref: v2026.2", {})
        if self.folder is not None and self.ref is not None:
            raise PydanticCustomError("source", "a framework from a folder takes no ref; remove ref:, or name "
                                      "the repository with git:", {})
        return self


Engine = Literal["mkdocs", "zensical"]


class SiteSettings(Strict):
    engine: Engine = Field(
        "mkdocs", description="What builds the handbook site from the generated mkdocs.yml: MkDocs with "
                              "Material (the default), or Zensical, their successor "
                              "(`pip install 'career-handbook[zensical]'`).")


class HandbookConfig(Strict):
    site_name: str | None = Field(None, description="Site title; defaults to the framework's name.")
    site_url: str = Field("", description="Public URL of the site, needed for the version selector.")
    repo_url: str | None = Field(None, description="Repository URL shown in the site header.")
    language: str = Field("en", description="Language of the handbook and portfolios (a Material language code).")
    as_of: IsoDate | None = Field(None, description="Pins the assessment date (for reproducible examples).")
    owners: list[str] = Field(default_factory=list, description="Framework owners (handles or emails) for CODEOWNERS.")
    tag_pattern: str = Field("v*", description="Git tags that are framework releases (--all-versions).")
    benchmark_min_cohort: int = Field(5, ge=2, description="Fewest other people at the same track and level "
                                                           "before a portfolio shows the peer benchmark.")
    signals_min_cohort: int = Field(5, ge=1, description="Fewest people with a milestone as a target before the "
                                                          "programme report draws recalibration signals from it.")
    copyright: str | None = Field(None, description="Copyright line in the site footer.")
    site: SiteSettings = Field(default_factory=SiteSettings, description="How the handbook site is built.")
    brand: Brand = Field(default_factory=Brand, description="The company's logo, favicon and colours, applied to "
                                                            "the site, the portfolios and every PDF.")
    portfolio: PortfolioSettings = Field(default_factory=PortfolioSettings,
                                         description="How readiness portfolios are printed.")
    portfolios: list[str] = Field(default_factory=lambda: ["portfolios"], min_length=1,
                                  description="Folders of person folders, or globs of person folders (such as "
                                              "../people/*), relative to the handbook's root.")
    confidentiality: Confidentiality | None = Field(None, description="Who reads what; without it nothing is "
                                                                      "sealed.")
    framework: FrameworkSource | None = Field(
        None, description="Makes this a person's own repository (profile.yml and entries/ at its top): the "
                          "framework it is assessed against, whose content, themes, people.yml and settings apply.")
    person: Slug | None = Field(None, description="In a person's own repository: their id; defaults to the "
                                                  "folder's name.")

    @field_validator("site_url")
    @classmethod
    def _site_url(cls, value: str) -> str:
        return _web_url(value, "handbook/") if value else value

    @field_validator("repo_url")
    @classmethod
    def _repo_url(cls, value: str | None) -> str | None:
        return _web_url(value, "career-handbook") if value else value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        known = material_languages()
        if value not in known:
            from generator.model.errors import did_you_mean

            raise PydanticCustomError("language", "'{value}' is not a language code Material knows; {hint}",
                                      {"value": value[:40],
                                       "hint": did_you_mean(value, known) or "use a code such as en, de or fr"})
        return value

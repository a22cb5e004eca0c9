"""handbook.yml: optional project settings, every key with a default."""

from __future__ import annotations

from pydantic import Field

from generator.model.base import Strict
from generator.model.types import IsoDate


class HandbookConfig(Strict):
    site_name: str | None = Field(None, description="Site title; defaults to the framework's name.")
    site_url: str = Field("", description="Public URL of the site, needed for the version selector.")
    repo_url: str | None = Field(None, description="Repository URL shown in the site header.")
    language: str = Field("en", description="Language of the handbook and portfolios.")
    as_of: IsoDate | None = Field(None, description="Pins the assessment date (for reproducible examples).")
    owners: list[str] = Field(default_factory=list, description="Framework owners (handles or emails) for CODEOWNERS.")
    tag_pattern: str = Field("v*", description="Git tags that are framework releases (--all-versions).")
    benchmark_min_cohort: int = Field(5, ge=2, description="Fewest other people at the same track and level "
                                                           "before a portfolio shows the peer benchmark.")
    copyright: str | None = Field(None, description="Copyright line in the site footer.")

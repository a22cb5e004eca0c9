"""handbook.yml's `brand:` the company's logo, favicon and colours, applied to every output."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.model.base import Strict
from generator.model.colours import AA_TEXT, HEX, WHITE, contrast, darkened, normalise, shown_ratio

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
FAVICON_SUFFIXES = (".svg", ".png", ".ico")


def _hex(value: str, key: str) -> str:
    if not HEX.match(value):
        raise PydanticCustomError("colour", "'{value}' is not a hex colour; write it as #rrggbb, like {example}",
                                  {"value": value[:40], "example": "#243b6b" if key == "primary" else "#a3360f"})
    return normalise(value)


def _readable(value: str, what: str) -> str:
    """Refuse a colour that white text on it (or it as text on white) cannot be read against."""
    ratio = contrast(value, WHITE)
    if ratio < AA_TEXT:
        better = darkened(value)
        raise PydanticCustomError(
            "contrast", what + " a contrast of {ratio}, below the {needed} WCAG AA asks for text; use a darker "
            "colour, such as {better} ({better_ratio})",
            {"value": value, "ratio": shown_ratio(ratio), "needed": shown_ratio(AA_TEXT),
             "better": better, "better_ratio": shown_ratio(contrast(better, WHITE))})
    return value


class Brand(Strict):
    """The company's look: paths are inside the handbook repository, colours are checked for contrast."""

    logo: str | None = Field(None, description="The logo in the site header, on portfolios and on the first page "
                                               "of every PDF: an SVG, PNG, JPEG or WebP file in the repository, "
                                               "like brand/logo.svg.")
    favicon: str | None = Field(None, description="The site's browser-tab icon: an SVG, PNG or ICO file in the "
                                                  "repository, like brand/favicon.png.")
    primary: str | None = Field(None, description="The header colour, with white text on it (#rrggbb); it must "
                                                  "reach WCAG AA's 4.5:1 contrast with white.")
    accent: str | None = Field(None, description="The colour of links being pointed at and of headings' marks, on "
                                                 "white (#rrggbb); it must reach 4.5:1 contrast with white.")

    @field_validator("primary")
    @classmethod
    def _primary(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return _readable(_hex(value, "primary"), "the header's white text on '{value}' has")

    @field_validator("accent")
    @classmethod
    def _accent(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return _readable(_hex(value, "accent"), "'{value}' on white has")

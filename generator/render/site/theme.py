"""The handbook theme: the bundled default, overridden file by file by the repository's.

A handbook repository may hold `themes/handbook/` with any of `templates/` (generated
Markdown pages), `print/` (the PDF), `overrides/` (Material's custom_dir) and
`assets/`; each file there replaces the bundled file of the same name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.render.sandbox import sandboxed_environment
from generator.render.site.paths import unlink_docs
from generator.render.site.text import block_html, content_html, escape_text, inline_html

BUNDLED = (Path(__file__).resolve().parent.parent.parent / "themes" / "handbook").resolve()


def theme_dirs(root: Path) -> list[Path]:
    """The theme folders, the repository's own first."""
    own = root / "themes" / "handbook"
    return [own, BUNDLED] if own.is_dir() and own.resolve() != BUNDLED else [BUNDLED]


def theme_files(root: Path, part: str) -> Iterator[tuple[str, Path]]:
    """(relative name, file) of every file of one theme part, overrides winning."""
    seen: set[str] = set()
    for folder in theme_dirs(root):
        base = folder / part
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            name = path.relative_to(base).as_posix()
            if path.is_file() and name not in seen:
                seen.add(name)
                yield name, path


def _finalize(value: object) -> object:
    """Every `{{ value }}` in a Markdown template is literal text unless it is already Markup."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return escape_text(value)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in a private per-user temporary folder.

    Jinja compiles a filter call differently when the filter takes the context, so the
    key names the environment's filters and how they are called, beside the template.
    """

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        calls = ",".join(f"{key}:{getattr(f, 'jinja_pass_arg', '')}" for key, f in sorted(environment.filters.items()))
        return super().get_bucket(environment, f"{name}|{calls}", filename, source)


@functools.cache
def _bytecode_cache() -> jinja2.BytecodeCache:
    return _BytecodeCache()


def markdown_env(root: Path) -> jinja2.Environment:
    """Templates that write Markdown pages: content is escaped or sanitized by default."""
    env = sandboxed_environment(
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs(root)]),
        bytecode_cache=_bytecode_cache(),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # autoescape makes macros and blocks return Markup, so their output is not escaped twice
        undefined=jinja2.StrictUndefined, finalize=_finalize, autoescape=True)
    env.filters.update(inline=inline_html, block=block_html, text=escape_text)
    return env


def print_env(root: Path) -> jinja2.Environment:
    """Templates of the printable handbook: HTML with autoescape on."""
    env = sandboxed_environment(
        loader=jinja2.FileSystemLoader([str(d / "print") for d in theme_dirs(root)]),
        bytecode_cache=_bytecode_cache(),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters["markdown"] = lambda text: Markup(unlink_docs(content_html(text or "")))
    env.filters["inline"] = lambda text: Markup(unlink_docs(content_html(text or "", inline=True)))
    return env

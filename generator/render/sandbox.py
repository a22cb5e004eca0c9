"""Theme templates run sandboxed: a repository's themes/ folder is as untrusted as its portfolios.

Anyone who can commit to themes/ could otherwise reach Python through attributes such as
`''.__class__.__mro__` and run commands on the machine that builds the handbook. Jinja's
sandbox refuses those attributes (templates may still fill a dict of their own, as
evidence.html does to show each entry once); a template that tries
is a user error naming the template and its line, never a traceback.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator.problems import UserError


def sandboxed_environment(**options: Any) -> jinja2.Environment:
    """A Jinja environment whose templates cannot reach Python internals."""
    return SandboxedEnvironment(**options)


def render_template(env: jinja2.Environment, name: str, *args: Any, **context: Any) -> str:
    """`name` rendered; a template that breaks out of the sandbox is a located user error."""
    try:
        return env.get_template(name).render(*args, **context)
    except jinja2.exceptions.SecurityError as exc:
        raise UserError(f"{_where(exc, name)}: the theme template '{name}' tried something templates "
                        f"may not do ({exc}), so nothing was rendered",
                        "templates may only show the values they are given: remove the attribute access "
                        "(such as __class__, __globals__ or mro) from the theme") from None


def _where(exc: BaseException, name: str) -> str:
    """`path:line` of the template frame that failed (Jinja puts template lines in the traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".j2", ".md.j2")) or frame.filename.endswith(name):
            return f"{_shown(frame.filename)}:{frame.lineno}"
    return name


def _shown(filename: str) -> str:
    """A repository's theme file as `themes/...`, the way its author knows it."""
    parts = Path(filename).parts
    return Path(*parts[len(parts) - 1 - parts[::-1].index("themes"):]).as_posix() if "themes" in parts else filename

"""Asking for missing values on a terminal, or taking defaults without asking.

A scaffold never prompts when stdin is not a terminal or `--yes` was given: then a
missing value falls back to its default, and a missing required value is a user
error naming the flag to pass.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import click

from generator.problems import UserError

S = TypeVar("S")
T = TypeVar("T")


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Prompter:
    interactive: bool

    @classmethod
    def for_terminal(cls, yes: bool) -> Prompter:
        return cls(interactive=not yes and stdin_is_terminal())

    def text(self, label: str, flag: str, default: str | None = None) -> str:
        """A required value: asked for, or the default, or an error naming `flag`."""
        if self.interactive:
            return str(click.prompt(label, default=default)).strip()
        if default is None:
            raise UserError(f"missing {label.lower()}", f"pass {flag} (or run on a terminal to be asked)")
        return default

    def optional(self, label: str, default: str | None = None) -> str | None:
        if not self.interactive:
            return default
        answer = str(click.prompt(f"{label} (optional)", default=default or "", show_default=bool(default))).strip()
        return answer or None

    def choice(self, label: str, flag: str, choices: Sequence[str], default: str | None = None) -> str:
        if self.interactive:
            return str(click.prompt(label, type=click.Choice(list(choices)), default=default))
        if default is None:
            raise UserError(f"missing {label.lower()}", f"pass {flag} with one of: {', '.join(choices)}")
        return default

    def until_valid(self, given: S | None, ask: Callable[[], S], check: Callable[[S], T]) -> T:
        """`check` the value given by a flag (an error if wrong), or ask until the answer passes `check`."""
        if given is not None:
            return check(given)
        if not self.interactive:
            return check(ask())
        while True:
            try:
                return check(ask())
            except UserError as exc:  # said, then asked again: a typo should not end the session
                click.echo(f"  {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)

    def confirm(self, label: str, default: bool = True) -> bool:
        return bool(click.confirm(label, default=default)) if self.interactive else default

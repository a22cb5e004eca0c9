"""--identity: the private keys of the reader running a command that reads portfolios."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from generator.read.sealing import ENV, identity_paths, read_identities, use_identities

F = TypeVar("F", bound=Callable[..., Any])


def identity_option(func: F) -> F:
    """Add --identity FILE (repeatable, and HANDBOOK_IDENTITY) to a command; place it below handle_errors.

    The keys are read before the command runs (an unreadable file is a user error naming
    it) and open sealed feedback in every project the command loads.
    """

    @click.option("--identity", "identities", multiple=True, metavar="FILE",
                  help=f"A private key that opens sealed feedback (age identity file or SSH key); repeatable. "
                       f"Also {ENV}, a path list.")
    @functools.wraps(func)
    def wrapper(*args: Any, identities: tuple[str, ...] = (), **kwargs: Any) -> Any:
        use_identities(read_identities(identity_paths(identities)))
        try:
            return func(*args, **kwargs)
        finally:
            use_identities([])

    return cast(F, wrapper)

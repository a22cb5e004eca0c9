"""Sealed feedback: the verdict and text of a feedback entry, encrypted with age to its readers.

The encryption is age's (through pyrage): x25519 (`age1...`) and SSH (`ssh-ed25519`,
`ssh-rsa`) recipients, ASCII-armoured. The sealed content repeats the entry's envelope
(person, giver, role, date, links), so a block copied under another envelope is told
apart when it is opened. Identities are the private keys `age -i` accepts: age identity
files and unencrypted OpenSSH private keys.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from pydantic import Field, ValidationError

from generator.model.base import Strict
from generator.model.types import BehaviourRef, CompetencyRef, IsoDate, MilestoneRef, Role, Slug, Verdict
from generator.problems import UserError

BEGIN, END = "-----BEGIN AGE ENCRYPTED FILE-----", "-----END AGE ENCRYPTED FILE-----"
ARMOUR = re.compile(rf"\A{re.escape(BEGIN)}\n(?:[A-Za-z0-9+/=]{{1,64}}\n)+{re.escape(END)}\n\Z")
MAX_SEALED = 1_000_000  # characters of armour: feedback is text, and every build decrypts it
MAX_IDENTITY = 100_000
AGE_SECRET = re.compile(r"^AGE-SECRET-KEY-1[0-9A-Z]+$")
SSH_PRIVATE = re.compile(r"-----BEGIN OPENSSH PRIVATE KEY-----\s+([A-Za-z0-9+/=\s]+?)\s+"
                         r"-----END OPENSSH PRIVATE KEY-----")
ENV = "HANDBOOK_IDENTITY"


class Envelope(Strict):
    """What the public part of a feedback entry says, repeated inside the sealed content."""

    person: Slug
    from_: Slug = Field(alias="from")
    role: Role
    date: IsoDate
    milestones: list[MilestoneRef] = Field(default_factory=list)
    competencies: list[CompetencyRef] = Field(default_factory=list)
    behaviours: list[BehaviourRef] = Field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class SealedContent(Envelope):
    """The sealed content: the envelope, then the verdict and the text.

    `nonce` is random, so the digest the entry shows in the clear says nothing of the content.
    """

    verdict: Verdict | None = None
    text: str = ""
    nonce: str = Field(default_factory=lambda: secrets.token_hex(16), pattern=r"^[0-9a-f]{32}$")

    def envelope(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude={"verdict", "text", "nonce"})

    def digest(self) -> str:
        """What the giver commits in the clear beside the block: a reseal keeps it, any other content breaks it."""
        canonical = json.dumps(self.as_data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def envelope_differences(content: SealedContent, envelope: Envelope) -> list[str]:
    """The envelope fields whose sealed value differs from the public one, as 'field: sealed → public'."""
    sealed, public = content.envelope(), envelope.as_data()
    return [f"{key} is {_shown(sealed[key])} inside but {_shown(public[key])} outside"
            for key in public if sealed.get(key) != public[key]]


def _shown(value: object) -> str:
    return ", ".join(value) or "none" if isinstance(value, list) else str(value)


def armour_problem(text: str) -> str | None:
    """Why `text` is not one ASCII-armoured age file, or None when it is."""
    if len(text) > MAX_SEALED:
        return f"the sealed block is {len(text)} characters long, more than the limit of {MAX_SEALED}"
    if not ARMOUR.match(text.strip() + "\n"):
        return (f"the sealed block is not an ASCII-armoured age file: it must start with '{BEGIN}', hold lines of "
                f"base64 and end with '{END}'")
    return None


def seal(content: SealedContent, recipients: Sequence[str]) -> str:
    """The content encrypted to these public keys, ASCII-armoured."""
    if not recipients:
        raise UserError("there is nobody to seal the feedback for: no reader of the policy has a key",
                        "add keys: to the readers of confidentiality.sealed_feedback.readers")
    payload = json.dumps(content.as_data(), ensure_ascii=False, sort_keys=True).encode()
    armour: bytes = pyrage.encrypt(payload, [recipient(k) for k in dict.fromkeys(recipients)], armored=True)
    return armour.decode()


def recipient(key: str) -> Any:
    """The age recipient of a public key line (age1... or an SSH key); ValueError when it is not one."""
    key = key.strip()
    try:
        if key.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(key)
        return pyrage.ssh.Recipient.from_str(" ".join(key.split()[:2]))
    except (pyrage.RecipientError, ValueError) as exc:
        raise ValueError(f"not a usable public key ({exc})") from None


class OpenError(Exception):
    """A block that the identities do not open, or whose content does not parse."""


def open_sealed(text: str, identities: Sequence[Identity]) -> SealedContent | None:
    """The content, or None when none of the identities opens it; OpenError when it cannot be read."""
    if not identities:
        return None
    try:
        plain = pyrage.decrypt(text.strip().encode() + b"\n", [i.secret for i in identities])
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            return None
        raise OpenError(f"the sealed block cannot be decrypted ({exc})") from exc
    try:
        return SealedContent.model_validate(json.loads(plain.decode()))
    except (ValueError, ValidationError) as exc:  # JSON, UTF-8 and model errors are all ValueErrors
        raise OpenError("the sealed block opens, but its content is not sealed feedback "
                        "(the verdict and text with their envelope)") from exc


@dataclass(frozen=True)
class Identity:
    """One private key: the file it came from, the key for pyrage and its public key when known."""

    path: str
    secret: Any
    public: str | None


def read_identities(paths: Sequence[str]) -> list[Identity]:
    """Every private key in these files; an unreadable or unusable file is a user error naming it."""
    found: list[Identity] = []
    for path in paths:
        found.extend(_read_identity_file(path))
    return found


_SESSION: list[Identity] = []


def use_identities(identities: Sequence[Identity]) -> None:
    """The identities of whoever runs this command, for every project it loads."""
    _SESSION[:] = identities


def session_identities() -> list[Identity]:
    return list(_SESSION)


def identity_paths(options: Sequence[str], environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """--identity files, then those of HANDBOOK_IDENTITY (a path list)."""
    listed = [p for p in environ.get(ENV, "").split(os.pathsep) if p.strip()]
    return list(dict.fromkeys([*options, *listed]))


def _read_identity_file(path: str) -> list[Identity]:
    hint = "pass the file of a private key, as age -i takes it (an age identity file or an OpenSSH private key)"
    if Path(path).exists() and not Path(path).is_file():  # a FIFO or a device would block or never end
        raise UserError(f"{path}: the identity is not a regular file", hint)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_IDENTITY + 1)
    except OSError as exc:
        raise UserError(f"{path}: the identity file cannot be read ({exc.strerror or exc})", hint) from exc
    try:
        text = data.decode()
    except UnicodeDecodeError:
        raise UserError(f"{path}: the identity file is not text", hint) from None
    if len(data) > MAX_IDENTITY:
        raise UserError(f"{path}: the identity file is longer than {MAX_IDENTITY} bytes", hint)
    if "PRIVATE KEY-----" in text:
        return [_ssh_identity(path, data, text, hint)]
    keys = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not AGE_SECRET.match(line):
            raise UserError(f"{path}: the identity file holds a line that is not an age secret key "
                            "(AGE-SECRET-KEY-1...)", hint)
        try:
            secret = pyrage.x25519.Identity.from_str(line)
        except pyrage.IdentityError:
            raise UserError(f"{path}: the identity file holds an age secret key that is not valid", hint) from None
        keys.append(Identity(path, secret, str(secret.to_public())))
    if not keys:
        raise UserError(f"{path}: the identity file holds no private key", hint)
    return keys


def _ssh_identity(path: str, data: bytes, text: str, hint: str) -> Identity:
    try:
        secret = pyrage.ssh.Identity.from_buffer(data)
    except (pyrage.IdentityError, ValueError) as exc:
        raise UserError(f"{path}: the SSH private key cannot be used ({exc}); a key protected by a passphrase "
                        "is not supported", hint) from None
    return Identity(path, secret, _ssh_public(text))


def _ssh_public(text: str) -> str | None:
    """The public key an OpenSSH private key file carries in the clear (its first key), as 'type base64'."""
    match = SSH_PRIVATE.search(text)
    if not match:
        return None
    try:
        blob = base64.b64decode("".join(match.group(1).split()))
        magic = b"openssh-key-v1\0"
        if not blob.startswith(magic):
            return None
        at = len(magic)
        for _ in range(3):  # cipher, kdf and kdf options
            (size,) = struct.unpack(">I", blob[at:at + 4])
            at += 4 + size
        at += 4  # the number of keys
        (size,) = struct.unpack(">I", blob[at:at + 4])
        public = blob[at + 4:at + 4 + size]
        (name_size,) = struct.unpack(">I", public[:4])
        kind = public[4:4 + name_size].decode()
    except (ValueError, struct.error, UnicodeDecodeError):
        return None
    return f"{kind} {base64.b64encode(public).decode()}"


def same_key(public: str, key: str) -> bool:
    """Whether two public keys are the same, ignoring an SSH key's comment."""
    return public.split()[:2] == key.split()[:2]

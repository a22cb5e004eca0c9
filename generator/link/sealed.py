"""Who reads sealed feedback under the policy, and opening each sealed entry of a portfolio.

The readers come from handbook.yml's `confidentiality:`: `committee` and `programme` are
keys listed there, `manager`, `mentor` and `sponsor` the keys of the people the person's
profile names, `learner` the person's own keys. A sealed entry is opened here, while the
project is linked, with the identities of whoever runs the command; readiness only ever
receives the opened content as data, and nothing opened is written to a cache.
"""

from __future__ import annotations

from generator.link.project import LoadedEntry, Portfolio, Project
from generator.link.roles import RELATIONS, keys_of
from generator.model.keys import SealedFeedback
from generator.model.portfolio import Entry, FeedbackItem
from generator.problems import Problems
from generator.read.sealing import Envelope, Identity, OpenError, envelope_differences, open_sealed, same_key

READER_WORDS = {"committee": "the committee", "programme": "the programme", "manager": "the manager",
                "mentor": "the mentor", "sponsor": "the sponsor", "learner": "the learner"}


def policy(project: Project) -> SealedFeedback | None:
    confidentiality = project.config.confidentiality
    return confidentiality.sealed_feedback if confidentiality else None


def readers_in_words(project: Project) -> str:
    """'the committee and the manager': who the policy seals feedback for."""
    sealed = policy(project)
    words = [READER_WORDS[r] for r in (sealed.readers if sealed else [])] or ["its readers"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def sealed_sentence(project: Project, count: int) -> str:
    """What readiness says of verdicts it could not open: nothing is claimed from them."""
    if not count:
        return ""
    return (f"{count} verdict{'' if count == 1 else 's'} sealed for {readers_in_words(project)}: the status counts "
            "only who gave {} and in which role; open {} with a reader's key (--identity) for the full result"
            .format("it" if count == 1 else "them", "it" if count == 1 else "them"))


def reader_keys(project: Project, portfolio: Portfolio) -> dict[str, list[str]]:
    """The public keys of each reader of this person's sealed feedback, by reader."""
    confidentiality = project.config.confidentiality
    if confidentiality is None:
        return {}
    found: dict[str, list[str]] = {}
    for reader in confidentiality.sealed_feedback.readers:
        if reader in ("committee", "programme"):
            found[reader] = list(getattr(confidentiality.readers, reader))
        elif reader in RELATIONS:
            person = getattr(portfolio.profile, reader)
            found[reader] = keys_of(project, person) if person else []
        else:  # the learner
            found[reader] = keys_of(project, portfolio.id) or list(portfolio.profile.keys)
    return found


def recipients(project: Project, portfolio: Portfolio) -> list[str]:
    return list(dict.fromkeys(k for keys in reader_keys(project, portfolio).values() for k in keys))


def envelope_of(portfolio: Portfolio, loaded: LoadedEntry) -> Envelope:
    meta = loaded.meta
    return Envelope.model_validate({"person": portfolio.id, "from": meta.from_, "role": meta.role,
                                    "date": meta.date, "milestones": meta.milestones,
                                    "competencies": meta.competencies, "behaviours": meta.behaviours})


def should_open(identities: list[Identity], readers: list[str]) -> Identity | None:
    """One of the identities whose public key is among the readers, or None."""
    return next((i for i in identities if i.public and any(same_key(i.public, k) for k in readers)), None)


def open_portfolio(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """Open every sealed entry the project's identities open, and check the rest as far as can be told."""
    sealed_entries = [e for e in portfolio.entries if e.meta.sealed]
    if not sealed_entries:
        return
    readers = recipients(project, portfolio) if project.identities else []
    for loaded in sealed_entries:
        loaded.opened = None
        meta = loaded.meta
        where = meta.pos("sealed")
        if loaded.body.strip():
            problems.add(meta.path, meta.pos("sealed"), "sealed-in-clear",
                         f"the sealed feedback entry '{loaded.id}' also has text in the clear below its front "
                         "matter", "keep the feedback inside sealed: only (handbook feedback give writes it so) "
                         "and remove the text after the closing ---")
        if not project.identities:
            continue
        try:
            content = open_sealed(meta.sealed or "", project.identities)
        except OpenError as exc:
            problems.add(meta.path, where, "sealed-unreadable", f"the entry '{loaded.id}': {exc}",
                         "ask the giver to give the feedback again with handbook feedback give")
            continue
        if content is None:
            if (key := should_open(project.identities, readers)):
                problems.add(meta.path, where, "sealed-not-for-reader",
                             f"the sealed feedback of the entry '{loaded.id}' does not open with {key.path}, a key of "
                             "one of its readers",
                             "have a reader who can open it run handbook feedback reseal, or ask the giver to "
                             "give it again")
            continue
        moved = envelope_differences(content, envelope_of(portfolio, loaded))
        if moved:
            problems.add(meta.path, where, "sealed-envelope",
                         f"the sealed feedback of the entry '{loaded.id}' was sealed for another envelope: "
                         + "; ".join(moved),
                         "a sealed block belongs to the person, giver, role, date and links it was given for; "
                         "ask the giver to give this feedback again with handbook feedback give")
            continue
        if meta.sealed_digest is not None and meta.sealed_digest != content.digest():
            problems.add(meta.path, meta.pos("sealed_digest"), "sealed-digest",
                         f"the sealed feedback of the entry '{loaded.id}' is not the content its sealed_digest "
                         "names: the block was replaced", "ask the giver to give this feedback again with "
                         "handbook feedback give")
            continue
        loaded.opened = content


def check_sealed(project: Project, portfolio: Portfolio, problems: Problems) -> None:
    """Open what can be opened; warn where feedback the policy seals is in the clear."""
    open_portfolio(project, portfolio, problems)
    sealed = policy(project)
    if sealed is None or not sealed.roles:
        return
    for loaded in portfolio.entries:
        meta = loaded.meta
        records: list[Entry | FeedbackItem] = [meta] if meta.kind == "feedback" and meta.role and not meta.sealed \
            else []
        for record in [*records, *meta.feedback]:
            if record.role in sealed.roles:
                problems.warn(record.path, record.pos("role"), "feedback-in-clear",
                              f"{record.role} feedback in the entry '{loaded.id}' is in the clear, but handbook.yml "
                              f"seals {record.role} feedback for {readers_in_words(project)}",
                              f"have the giver write it with handbook feedback give {portfolio.id} --role "
                              f"{record.role}, which seals it, and remove it from here")

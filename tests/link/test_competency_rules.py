"""Each rule of the competency model, broken once in a copy of the minimal fixture, through the real CLI.

Every case lists the edits (edit: replace one exact text; write: create a file; append) and every problem
`handbook check --format json` then reports, exactly: (path, line, column, severity, code, message, hint).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import edit

CASES = {
    "cut": (
        [
            (
                "edit",
                "content/competencies/core.yml",
                "summary: Writes tests that catch regressions.",
                "summary: Writes tests that catch regressions in #ci-alerts",
            )
        ],
        [
            (
                "content/competencies/core.yml",
                5,
                14,
                "warning",
                "comment-cut",
                "the text is cut at ' #': YAML reads '#ci-alerts' as a comment",
                "quote it: put the whole value in double quotes",
            )
        ],
    ),
    "tab": (
        [("edit", "content/framework.yml", "  - {id: L3, name: Senior}", "\t- {id: L3, name: Senior}")],
        [
            (
                "content/framework.yml",
                11,
                1,
                "error",
                "yaml-tab",
                "invalid YAML: a tab is used for indentation",
                "indent with spaces; YAML does not allow tabs",
            )
        ],
    ),
    "empty title": (
        [("edit", "content/tracks/engineering.yml", "title: Engineer\n", "title:\n")],
        [
            (
                "content/tracks/engineering.yml",
                8,
                5,
                "warning",
                "empty-value",
                "'title:' is empty and is treated as absent",
                "write the title after the colon, or remove the line",
            )
        ],
    ),
    "empty summary": (
        [("edit", "content/competencies/core.yml", "summary: Writes tests that catch regressions.", "summary: ''")],
        [
            (
                "content/competencies/core.yml",
                5,
                5,
                "warning",
                "empty-value",
                "'summary:' is empty and is treated as absent",
                "write the summary after the colon, or remove the line",
            )
        ],
    ),
    "unknown parent": (
        [
            (
                "write",
                "content/competencies/backend.yml",
                "competencies:\n  - id: backend-testing\n    extends: testin\n",
            )
        ],
        [
            (
                "content/competencies/backend.yml",
                3,
                14,
                "error",
                "unknown-parent",
                "competency 'backend-testing' extends unknown competency 'testin'",
                "did you mean 'testing'?",
            )
        ],
    ),
    "cycle": (
        [
            (
                "write",
                "content/competencies/backend.yml",
                "competencies:\n  - id: a\n    extends: b\n  - id: b\n    extends: a\n",
            )
        ],
        [
            (
                "content/competencies/backend.yml",
                3,
                14,
                "error",
                "extends-cycle",
                "competency 'a' extends itself: a -> b -> a",
                "remove 'extends' from one competency of the cycle",
            ),
            (
                "content/competencies/backend.yml",
                5,
                14,
                "error",
                "extends-cycle",
                "competency 'b' extends itself: b -> a -> b",
                "remove 'extends' from one competency of the cycle",
            ),
        ],
    ),
    "remove unknown": (
        [
            (
                "write",
                "content/competencies/backend.yml",
                "competencies:\n  - id: backend-testing\n    extends: testing\n    levels:\n      L2:\n       "
                " remove: [adds-tests]\n",
            )
        ],
        [
            (
                "content/competencies/backend.yml",
                6,
                18,
                "error",
                "unknown-behaviour",
                "'adds-tests' is not a behaviour id that 'testing' has at L2 or below",
                "the behaviours of 'testing' have no ids; write the one you mean as {id: adds-tests, text: ...} and"
                " use that id",
            )
        ],
    ),
    "remove named": (
        [
            (
                "edit",
                "content/competencies/core.yml",
                "behaviours: [Adds tests for own changes]",
                "behaviours: [{id: adds-tests, text: Adds tests for own changes}]",
            ),
            (
                "write",
                "content/competencies/backend.yml",
                "competencies:\n  - id: backend-testing\n    extends: testing\n    levels:\n      L2:\n       "
                " remove: [add-tests]\n",
            ),
        ],
        [
            (
                "content/competencies/backend.yml",
                6,
                18,
                "error",
                "unknown-behaviour",
                "'add-tests' is not a behaviour id that 'testing' has at L2 or below",
                "did you mean 'adds-tests'?",
            )
        ],
    ),
    "replaces unknown": (
        [
            (
                "edit",
                "content/competencies/core.yml",
                "behaviours: [Pairs with new joiners]",
                "behaviours: [{id: pairs, text: Pairs with new joiners, replaces: coaches}]",
            )
        ],
        [
            (
                "content/competencies/core.yml",
                16,
                74,
                "error",
                "unknown-behaviour",
                "'coaches' is not a behaviour id of 'mentoring' below L2",
                "'mentoring' has no behaviour with that id",
            )
        ],
    ),
    "dup text": (
        [
            (
                "edit",
                "content/competencies/core.yml",
                "behaviours: [Pairs with new joiners]",
                "behaviours: [Pairs with new joiners, Pairs with  new joiners]",
            )
        ],
        [
            (
                "content/competencies/core.yml",
                16,
                46,
                "warning",
                "duplicate-behaviour",
                "behaviour 'Pairs with  new joiners' is listed twice at L2 of 'mentoring' (first on line 16)",
                "remove one of the two",
            )
        ],
    ),
    "dup id": (
        [
            (
                "edit",
                "content/competencies/core.yml",
                "behaviours: [Pairs with new joiners]",
                "behaviours: [{id: pairs, text: Pairs with new joiners}, {id: pairs, text: Coaches}]",
            )
        ],
        [
            (
                "content/competencies/core.yml",
                16,
                70,
                "error",
                "duplicate-id",
                "duplicate behaviour id 'pairs' at L2 of 'mentoring' (first on line 16)",
                "give each behaviour its own id",
            )
        ],
    ),
    "set is competency": (
        [
            (
                "write",
                "content/competencies/extra.yml",
                "set: testing\ncompetencies:\n  - id: coaching\n    name: Coaching\n    domain: leadership\n",
            )
        ],
        [
            (
                "content/competencies/extra.yml",
                1,
                6,
                "error",
                "set-is-competency",
                "set id 'testing' is also a competency id",
                "name the set differently with 'set:' at the top of the file, so tracks can tell them apart",
            )
        ],
    ),
    "track unknown comp": (
        [
            (
                "edit",
                "content/tracks/engineering.yml",
                "name: Engineering\n",
                "name: Engineering\ncompetencies: [cor, mentoring]\n",
            )
        ],
        [
            (
                "content/tracks/engineering.yml",
                3,
                16,
                "error",
                "unknown-competency",
                "unknown competency or set 'cor' in track 'engineering'",
                "did you mean 'core'?",
            ),
            (
                "content/tracks/engineering.yml",
                14,
                24,
                "warning",
                "competency-not-in-track",
                "competency 'testing' is not among the competencies of track 'engineering'",
                "add it (or its set) to the track's 'competencies:' list",
            ),
        ],
    ),
    "milestone comp out of track": (
        [
            (
                "edit",
                "content/tracks/engineering.yml",
                "name: Engineering\n",
                "name: Engineering\ncompetencies: [mentoring]\n",
            )
        ],
        [
            (
                "content/tracks/engineering.yml",
                14,
                24,
                "warning",
                "competency-not-in-track",
                "competency 'testing' is not among the competencies of track 'engineering'",
                "add it (or its set) to the track's 'competencies:' list",
            )
        ],
    ),
    "entry unknown comp": (
        [
            (
                "edit",
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                "kind: mentoring",
                "kind: mentoring\ncompetencies: [mentorin]",
            )
        ],
        [
            (
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                5,
                16,
                "error",
                "unknown-competency",
                "unknown competency 'mentorin'",
                "did you mean 'mentoring'?",
            )
        ],
    ),
    "entry comp level": (
        [
            (
                "edit",
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                "kind: mentoring",
                "kind: mentoring\ncompetencies: [mentoring@L9]",
            )
        ],
        [
            (
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                5,
                16,
                "error",
                "unknown-level",
                "unknown level 'L9' in 'mentoring@L9'",
                "expected one of: L1, L2, L3",
            )
        ],
    ),
    "entry comp out of track": (
        [
            (
                "edit",
                "content/tracks/engineering.yml",
                "name: Engineering\n",
                "name: Engineering\ncompetencies: [testing, mentoring]\n",
            ),
            (
                "write",
                "content/competencies/z.yml",
                "competencies:\n  - id: hiring\n    name: Hiring\n    domain: leadership\n    levels:\n      L2:\n  "
                "      behaviours: [Interviews]\n",
            ),
            (
                "edit",
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                "kind: mentoring",
                "kind: mentoring\ncompetencies: [hiring]",
            ),
        ],
        [
            (
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                5,
                16,
                "warning",
                "competency-not-in-track",
                "competency 'hiring' is not among the competencies of track 'engineering'; it does not count",
                "link a competency of your own track: testing, mentoring",
            )
        ],
    ),
    "entry behaviour no ids": (
        [
            (
                "edit",
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                "kind: mentoring",
                "kind: mentoring\nbehaviours: [mentoring/pairs]",
            )
        ],
        [
            (
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                5,
                14,
                "error",
                "unknown-behaviour",
                "competency 'mentoring' has no behaviour with id 'pairs'",
                "the behaviours of 'mentoring' have no ids; write the one you mean as {id: pairs, text: ...} and use"
                " that id",
            )
        ],
    ),
    "entry behaviour typo": (
        [
            (
                "edit",
                "content/competencies/core.yml",
                "behaviours: [Pairs with new joiners]",
                "behaviours: [{id: pairs-with-joiners, text: Pairs with new joiners}]",
            ),
            (
                "edit",
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                "kind: mentoring",
                "kind: mentoring\nbehaviours: [mentoring/pairs-with-joiner]",
            ),
        ],
        [
            (
                "portfolios/ada/entries/2026-04-02-mentoring.md",
                5,
                14,
                "error",
                "unknown-behaviour",
                "competency 'mentoring' has no behaviour with id 'pairs-with-joiner'",
                "did you mean 'pairs-with-joiners'?",
            )
        ],
    ),
    "nothing to assess": (
        [
            ("edit", "content/tracks/engineering.yml", "name: Engineering\n", "name: Engineering\ncompetencies: []\n"),
            ("append", "content/tracks/engineering.yml", "  - level: L3\n    title: Senior\n"),
            ("edit", "portfolios/ada/profile.yml", "target: L2", "target: L3"),
        ],
        [
            (
                "content/tracks/engineering.yml",
                14,
                24,
                "warning",
                "competency-not-in-track",
                "competency 'testing' is not among the competencies of track 'engineering'",
                "add it (or its set) to the track's 'competencies:' list",
            ),
            (
                "content/tracks/engineering.yml",
                24,
                24,
                "warning",
                "competency-not-in-track",
                "competency 'mentoring' is not among the competencies of track 'engineering'",
                "add it (or its set) to the track's 'competencies:' list",
            ),
            (
                "portfolios/ada/profile.yml",
                5,
                9,
                "warning",
                "nothing-to-assess",
                "target level 'L3' of track 'engineering' has no milestones and no competency behaviours, so there"
                " is nothing to assess",
                "add milestones or competencies to that level of the track, or choose another target",
            ),
        ],
    ),
    "nothing expected at a level": (
        [("edit", "content/competencies/core.yml", "      L2:\n        behaviours: [Pairs with new joiners]",
          "      L1:\n        behaviours: []\n      L2:\n        behaviours: [Pairs with new joiners]")],
        [],
    ),
    "entry competency at another level": (
        [("edit", "portfolios/ada/entries/2026-04-02-mentoring.md", "kind: mentoring",
          "kind: mentoring\ncompetencies: [mentoring@L3]")],
        [("portfolios/ada/entries/2026-04-02-mentoring.md", 5, 16, "warning", "not-target-level",
          "'mentoring@L3' is not at ada's target level L2; it does not count", "write 'mentoring' or 'mentoring@L2'")],
    ),
    "one behaviour id at two levels with other words": (
        [("edit", "content/competencies/core.yml", "      L1:\n        behaviours: [Adds tests for own changes]\n"
          "      L2:\n        behaviours: [Reviews tests of others]",
          "      L1:\n        behaviours: [{id: adds-tests, text: Adds tests for own changes}]\n"
          "      L2:\n        behaviours: [{id: adds-tests, text: Reviews tests of others}]")],
        [("content/competencies/core.yml", 10, 27, "error", "duplicate-id",
          "behaviour id 'adds-tests' of 'testing' names 'Adds tests for own changes' at L1 (line 8) and "
          "'Reviews tests of others' at L2: an entry linking it could mean either",
          "give the L2 behaviour its own id, with 'replaces: adds-tests' if it takes the other's place")],
    ),
    "a comma in a flow list splits a behaviour": (
        [("edit", "content/competencies/core.yml", "behaviours: [Pairs with new joiners]",
          "behaviours: [Grows mentors, not only mentees]")],
        [("content/competencies/core.yml", 16, 37, "warning", "split-behaviour",
          "'not only mentees' reads as the end of 'Grows mentors': a comma inside [...] starts a new behaviour",
          "quote the behaviour: [\"Grows mentors, not only mentees\"], or write each behaviour on its own "
          "'- ' line")],
    ),
    "a behaviour said again at a higher level of a cumulative framework": (
        [("edit", "content/competencies/core.yml", "behaviours: [Reviews tests of others]",
          "behaviours: [Adds tests for own changes, Reviews tests of others]")],
        [("content/competencies/core.yml", 10, 22, "warning", "restated-behaviour",
          "'Adds tests for own changes' at L2 of 'testing' is already expected from L1",
          "remove it here: expectations are cumulative, so it stays expected at every higher level")],
    ),
    "a family's own behaviour under an id it removed": (
        [("edit", "content/competencies/core.yml", "behaviours: [Adds tests for own changes]",
          "behaviours: [{id: adds-tests, text: Adds tests for own changes}]"),
         ("write", "content/competencies/backend.yml",
          "competencies:\n  - id: backend-testing\n    extends: testing\n    levels:\n      L2:\n"
          "        remove: [adds-tests]\n      L3:\n"
          "        behaviours: [{id: adds-tests, text: Adds contract tests between services}]\n")],
        [("content/competencies/backend.yml", 8, 27, "warning", "removed-id-reused",
          "behaviour id 'adds-tests' of 'backend-testing' names 'Adds contract tests between services' at L3, but "
          "the inherited 'Adds tests for own changes' under that id is removed at L2: an entry linking "
          "'backend-testing/adds-tests' could mean either", "give the L3 behaviour an id of its own")],
    ),
    "entry behaviour not expected at the target": (
        [("edit", "content/competencies/core.yml", "      L2:\n        behaviours: [Pairs with new joiners]",
          "      L2:\n        behaviours: [Pairs with new joiners]\n"
          "      L3:\n        behaviours: [{id: grows-mentors, text: Grows mentors}]"),
         ("edit", "portfolios/ada/entries/2026-04-02-mentoring.md", "kind: mentoring",
          "kind: mentoring\nbehaviours: [mentoring/grows-mentors]")],
        [("portfolios/ada/entries/2026-04-02-mentoring.md", 5, 14, "warning", "behaviour-not-expected",
          "'mentoring/grows-mentors' is not expected at ada's target level L2 (it is first expected at L3); "
          "it evidences nothing", "link the competency itself: 'mentoring'")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule(name: str, minimal: Path, check) -> None:  # type: ignore[no-untyped-def]
    ops, expected = CASES[name]
    for op, path, *text in ops:
        target = minimal / path
        if op == "edit":
            edit(target, text[0], text[1])
        elif op == "append":
            target.write_text(target.read_text(encoding="utf-8") + text[0], encoding="utf-8")
        else:
            target.write_text(text[0], encoding="utf-8")
    got = [
        (p["path"], p["line"], p["column"], p["severity"], p["code"], p["message"], p["hint"]) for p in check(minimal)
    ]
    assert got == expected

"""The hostile corpus: crafted repositories, each with the exact located problems `handbook check` must report.

Every case starts from a copy of tests/fixtures/minimal (Ada, with Grace as her manager
and Linus a peer) and changes a few files: what a hostile learner or a careless framework
owner could commit. `expect` lists the problem lines, exactly as `handbook check` prints
them (`path:line:col: severity: message`), that the case must produce.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ENTRY = "---\ntitle: Crafted\ndate: 2026-04-10\nkind: project\n{extra}---\n{body}\n"
FEEDBACK = "---\ntitle: Said about Ada\ndate: 2026-04-10\nkind: feedback\nfrom: {giver}\nrole: {role}\n---\nGood.\n"
ENTRY_FILE = "portfolios/ada/entries/2026-04-10-crafted.md"
PROFILE = "portfolios/ada/profile.yml"
PEOPLE = "portfolios/people.yml"
X = "</title><img src=x onerror=alert(1)>"


def entry(extra: str = "", body: str = "Body.") -> str:
    return ENTRY.format(extra=extra, body=body)


@dataclass
class Case:
    name: str
    kind: str                                          # the class of attack, for the tally
    expect: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)    # written (replacing)
    append: dict[str, str] = field(default_factory=dict)            # appended to existing files
    links: dict[str, str] = field(default_factory=dict)             # symlink -> target ('@' = outside folder)
    edit: Callable[[Path], None] | None = None

    def apply(self, root: Path, outside: Path) -> None:
        for rel, data in self.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        for rel, text in self.append.items():
            with open(root / rel, "a", encoding="utf-8") as handle:
                handle.write(text)
        for rel, target in self.links.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target.replace("@", str(outside)), path)
        if self.edit:
            self.edit(root)


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return edit


def _bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


CASES: list[Case] = [
    # --- YAML that would exhaust memory, time or the stack -------------------------------------------
    Case("yaml-alias-bomb", "yaml", ["content/competencies/bomb.yml:1:34: error: the YAML expands to more than "
                                     "20000 values"], files={"content/competencies/bomb.yml": _bomb(9)}),
    Case("yaml-recursive-alias", "yaml", ["content/competencies/loop.yml:1:19: error: the alias '*a' refers to a "
                                          "value that contains it"],
         files={"content/competencies/loop.yml": "competencies: &a [*a]\n"}),
    Case("yaml-deep-mapping", "yaml", ["content/competencies/deep.yml:1:160: error: the YAML is nested more than "
                                       "40 levels deep"],
         files={"content/competencies/deep.yml": "a: " + "{b: " * 500 + "1" + "}" * 500 + "\n"}),
    Case("yaml-deep-sequence", "yaml", ["portfolios/people.yml:2:79: error: the YAML is nested more than 40 "
                                        "levels deep"],
         files={"portfolios/people.yml": "people:\n" + "- " * 300 + "x\n"}),
    Case("yaml-flow-nesting", "yaml", ["portfolios/people.yml:1:1008: error: invalid YAML: while increasing flow "
                                       "level exceeded maximum nesting depth"],
         files={"portfolios/people.yml": "people: " + "[" * 10000 + "]" * 10000 + "\n"}),
    Case("yaml-too-many-aliases", "yaml", ["content/competencies/many.yml:2:805: error: the YAML uses more than "
                                           "200 aliases"],
         files={"content/competencies/many.yml": "x: &x 1\ny: [" + ", ".join(["*x"] * 300) + "]\n"}),
    Case("yaml-mapping-bomb", "yaml",
         ["content/competencies/map.yml:1:70: error: the YAML expands to more than 20000 values"],
         files={"content/competencies/map.yml": "".join(
             f"m{i}: &m{i} {{" + ", ".join(f"k{j}: *m{i - 1}" if i else f"k{j}: v" for j in range(10)) + "}\n"
             for i in range(8))}),
    Case("yaml-deep-front-matter", "yaml", [f"{ENTRY_FILE}:5:166: error: the YAML is nested more than 40 levels "
                                            "deep"],
         files={ENTRY_FILE: entry("metrics: " + "{a: " * 60 + "1" + "}" * 60 + "\n")}),
    Case("yaml-alias-bomb-in-front-matter", "yaml", [f"{ENTRY_FILE}:5:25: error: the YAML expands to more than "
                                                     "20000 values"],
         files={ENTRY_FILE: "---\ntitle: t\ndate: 2026-04-10\nkind: project\n" + _bomb(9) + "---\nx\n"}),
    Case("yaml-merge-of-a-scalar", "yaml", [f"{ENTRY_FILE}:2:5: error: a merge key '<<' needs a mapping or a "
                                            "list of mappings"],
         files={ENTRY_FILE: "---\n<<: 1\ntitle: t\n---\nx\n"}),
    Case("yaml-python-tag", "yaml", [f"{ENTRY_FILE}:2:8: error: title: expected text but found"],
         files={ENTRY_FILE: entry().replace("title: Crafted", "title: !!python/object:os.system [id]")}),
    Case("yaml-duplicate-key", "yaml", [f"{PROFILE}:8:1: error: key 'manager' appears twice (first on line 7)"],
         append={PROFILE: "manager: linus\n"}),
    Case("file-not-utf8", "file", [f"{ENTRY_FILE}:2:8: error: the file is not UTF-8 text (byte 0xff cannot be "
                                   "decoded)"], files={ENTRY_FILE: b"---\ntitle: \xff\xfe\n"}),
    Case("file-nul-in-yaml", "file", [f"{PROFILE}:1:6: error: the file contains a control character (byte 0x00)"],
         files={PROFILE: "name:\x00 Ada\n"}),
    Case("file-nul-in-entry-body", "file", [f"{ENTRY_FILE}:6:5: error: the file contains a control character "
                                            "(byte 0x00)"], files={ENTRY_FILE: entry(body="Body\x00.")}),
    Case("file-escape-in-title", "file", [f"{ENTRY_FILE}:2:10: error: the file contains a control character "
                                          "(byte 0x1b)"],
         files={ENTRY_FILE: entry().replace("Crafted", "Cr\x1b[2Jafted")}),
    Case("file-too-large", "file", [f"{ENTRY_FILE}:1:1: error: the file is 1.1 MiB, more than the limit of 1 MiB"],
         files={ENTRY_FILE: entry(body="word " * 230_000)}),
    Case("file-nul-in-artifact-path", "file", [f"{ENTRY_FILE}:5:26: error: the file contains a control character "
                                               "(byte 0x00)"],
         files={ENTRY_FILE: entry("artifacts: [attachments/a\x00.png]\n")}),

    Case("markdown-quotes-200-deep", "file", [f"{ENTRY_FILE}:8:1: warning: quotes are nested more than 16 levels "
                                              "deep: this portfolio will not be built"],
         files={ENTRY_FILE: entry(body="Intro\n\n" + ">" * 200 + " deep")}),

    # --- values out of any sane range ----------------------------------------------------------------
    Case("date-far-future-since", "values", [f"{PROFILE}:6:8: error: since: 9999-12-31 is not a plausible date"],
         edit=_replace(PROFILE, "since: 2026-01-15", "since: 9999-12-31")),
    Case("date-year-one-entry", "values", [f"{ENTRY_FILE}:3:7: error: date: 0001-01-01 is not a plausible date"],
         files={ENTRY_FILE: entry().replace("2026-04-10", "0001-01-01")}),
    Case("date-as-of-1800", "values", ["handbook.yml:2:8: error: as_of: 1800-01-01 is not a plausible date"],
         edit=_replace("handbook.yml", "as_of: 2026-06-01", "as_of: 1800-01-01")),
    Case("metric-inf", "values", [f"{ENTRY_FILE}:5:25: error: coverage_pct: 'inf' is not a finite number"],
         files={ENTRY_FILE: entry("metrics: {coverage_pct: .inf}\n")}),
    Case("metric-nan", "values", [f"{ENTRY_FILE}:5:25: error: coverage_pct: 'nan' is not a finite number"],
         files={ENTRY_FILE: entry("metrics: {coverage_pct: .nan}\n")}),
    Case("metric-minus-inf", "values", [f"{ENTRY_FILE}:5:25: error: coverage_pct: '-inf' is not a finite number"],
         files={ENTRY_FILE: entry("metrics: {coverage_pct: -.inf}\n")}),
    Case("metric-overflowing-float", "values",
         [f"{ENTRY_FILE}:5:25: error: coverage_pct: 'inf' is not a finite number"],
         files={ENTRY_FILE: entry("metrics: {coverage_pct: 1.0e+400}\n")}),
    Case("metric-huge-integer", "values", [f"{ENTRY_FILE}:5:25: error: coverage_pct: '{10 ** 400}' is not a finite "
                                           "number"],
         files={ENTRY_FILE: entry(f"metrics: {{coverage_pct: {10 ** 400}}}\n")}),
    Case("id-too-long-manager", "values", [f"{PROFILE}:7:10: error: manager: this id is 300 characters long"],
         edit=_replace(PROFILE, "manager: grace", "manager: " + "g" * 300)),
    Case("id-too-long-milestone", "values", ["content/tracks/engineering.yml:10:13: error: id: this id is 300 "
                                             "characters long"],
         edit=_replace("content/tracks/engineering.yml", "id: raise-coverage", "id: " + "r" * 300)),
    Case("milestone-refs-repeated", "values", [f"{ENTRY_FILE}:5:13: error: milestones: this list has 500 items, "
                                               "more than the limit of 100"],
         files={ENTRY_FILE: entry("milestones: [" + ", ".join(["engineering/raise-coverage"] * 500) + "]\n")}),
    Case("too-many-entries", "values", ["portfolios/ada/entries:1:1: error: 10001 entries, more than the limit of "
                                        "10000 for one person"],
         edit=lambda root: [(root / f"portfolios/ada/entries/2026-01-01-e{n}.md").write_text(entry())
                            for n in range(9999)]),
    Case("duration-too-long", "values", ["content/tracks/engineering.yml:18:18: error: horizon: '99999y' is longer "
                                         "than 100 years"],
         edit=_replace("content/tracks/engineering.yml", "horizon: 90d", "horizon: 99999y")),
    Case("duration-digits", "values", ["content/tracks/engineering.yml:18:18: error: horizon: '99999999999999d' is "
                                       "not a duration"],
         edit=_replace("content/tracks/engineering.yml", "horizon: 90d", "horizon: 99999999999999d")),
    Case("ratio-nan", "values", ["content/framework.yml:12:29: error: on_track_ratio: Input should be a finite number"],
         append={"content/framework.yml": "readiness: {on_track_ratio: .nan}\n"}),
    Case("version-latest", "values", ["content/framework.yml:2:10: error: version: 'latest' is a reserved name in "
                                      "the published site"],
         edit=_replace("content/framework.yml", 'version: "1.0"', "version: latest")),
    Case("version-versions-json", "values", ["content/framework.yml:2:10: error: version: 'versions.json' is a "
                                             "reserved name in the published site"],
         edit=_replace("content/framework.yml", 'version: "1.0"', "version: versions.json")),
    Case("version-slash", "values", ["content/framework.yml:2:10: error: version: 'a/b' cannot name a site folder"],
         edit=_replace("content/framework.yml", 'version: "1.0"', "version: a/b")),
    Case("version-dotdot", "values", ["content/framework.yml:2:10: error: version: '..' cannot name a site folder"],
         edit=_replace("content/framework.yml", 'version: "1.0"', 'version: ".."')),
    Case("version-index-html", "values", ["content/framework.yml:2:10: error: version: 'index.html' is a reserved "
                                          "name in the published site"],
         edit=_replace("content/framework.yml", 'version: "1.0"', "version: index.html")),
    Case("version-script", "values", ["content/framework.yml:2:10: error: version: '<script>' cannot name a site "
                                      "folder"],
         edit=_replace("content/framework.yml", 'version: "1.0"', 'version: "<script>"')),
    Case("language-unknown", "values", ["handbook.yml:3:11: error: language: 'english' is not a language code "
                                        "Material knows"], append={"handbook.yml": "language: english\n"}),
    Case("language-path", "values", ["handbook.yml:3:11: error: language: '../../x' is not a language code "
                                     "Material knows"], append={"handbook.yml": "language: ../../x\n"}),
    Case("repo-url-javascript", "values", ["handbook.yml:3:11: error: repo_url: 'javascript:alert(1)' is not a web "
                                           "address"], append={"handbook.yml": "repo_url: javascript:alert(1)\n"}),
    Case("site-url-javascript", "values", ["handbook.yml:3:11: error: site_url: 'javascript://x/%0aalert(1)' is not "
                                           "a web address"], append={"handbook.yml": "site_url: javascript://x/%0aalert(1)\n"}),
    Case("site-url-quote", "values", ["handbook.yml:3:11: error: site_url: 'https://x.example/\"><script>' is not "
                                      "a web address"], append={"handbook.yml": "site_url: 'https://x.example/\"><script>'\n"}),
    Case("repo-url-data", "values", ["handbook.yml:3:11: error: repo_url: 'data:text/html,<b>x</b>' is not a web "
                                     "address"], append={"handbook.yml": "repo_url: 'data:text/html,<b>x</b>'\n"}),
    Case("brand-logo-outside", "values", ["handbook.yml:4:9: error: logo: '../../../etc/passwd.png' is not a path "
                                          "inside the handbook repository"],
         append={"handbook.yml": "brand:\n  logo: ../../../etc/passwd.png\n"}),
    Case("brand-colour-unreadable", "values", ["handbook.yml:4:12: error: primary: the header's white text on "
                                               "'#ffffff' has a contrast of 1.0:1"],
         append={"handbook.yml": "brand:\n  primary: '#fff'\n"}),

    # --- provenance: claims a learner may not make ------------------------------------------------
    Case("manager-is-self", "provenance", [f"{PROFILE}:7:10: error: manager: names ada, the person themself"],
         edit=_replace(PROFILE, "manager: grace", "manager: ada")),
    Case("mentor-is-self", "provenance", [f"{PROFILE}:8:9: error: mentor: names ada, the person themself"],
         append={PROFILE: "mentor: ada\n"}),
    Case("sponsor-is-self", "provenance", [f"{PROFILE}:8:10: error: sponsor: names ada, the person themself"],
         append={PROFILE: "sponsor: ada\n"}),
    Case("waiver-self-approved", "provenance", [f"{PROFILE}:9:80: error: the waiver of 'engineering/raise-coverage' "
                                                "is approved by ada, the person themself"],
         append={PROFILE: "waivers:\n  - {milestone: engineering/raise-coverage, reason: Not possible, "
                          "approved_by: ada}\n"}),
    Case("waiver-duplicate", "provenance", [f"{PROFILE}:10:5: error: 'engineering/raise-coverage' is waived twice "
                                            "(first on line 9)"],
         append={PROFILE: "waivers:\n  - {milestone: engineering/raise-coverage, reason: A, approved_by: grace}\n"
                          "  - {milestone: engineering/raise-coverage, reason: B, approved_by: grace}\n"}),
    Case("feedback-entry-from-self-as-sponsor", "provenance",
         [f"{ENTRY_FILE}:6:7: error: feedback from ada on their own portfolio has role: sponsor"],
         files={ENTRY_FILE: FEEDBACK.format(giver="ada", role="sponsor")}),
    Case("feedback-item-from-self-as-peer", "provenance",
         [f"{ENTRY_FILE}:6:23: error: feedback from ada on their own portfolio has role: peer"],
         files={ENTRY_FILE: entry("feedback:\n  - {from: ada, role: peer, text: Great, verdict: met}\n")}),
    Case("role-self-from-another", "provenance",
         [f"{ENTRY_FILE}:6:7: error: role: self is for ada's own assessment, but the feedback is from linus"],
         files={ENTRY_FILE: FEEDBACK.format(giver="linus", role="self")}),
    Case("manager-role-not-the-manager", "provenance",
         [f"{ENTRY_FILE}:6:7: error: linus is not ada's manager: the profile names grace"],
         files={ENTRY_FILE: FEEDBACK.format(giver="linus", role="manager")}),
    Case("mentor-role-not-the-mentor", "provenance",
         [f"{ENTRY_FILE}:6:25: error: grace is not ada's mentor: the profile names linus"],
         append={PROFILE: "mentor: linus\n"},
         files={ENTRY_FILE: entry("feedback:\n  - {from: grace, role: mentor, text: Fine}\n")}),

    # --- who may speak for a role --------------------------------------------------------------------
    Case("committee-role-not-a-member", "roles",
         [f"{ENTRY_FILE}:6:7: error: linus is not a committee member, so their feedback cannot have role: committee"],
         files={ENTRY_FILE: FEEDBACK.format(giver="linus", role="committee")}),
    Case("sponsor-role-without-a-sponsor", "roles",
         [f"{ENTRY_FILE}:6:7: error: ada's profile names no sponsor, so no one may give sponsor feedback"],
         files={ENTRY_FILE: FEEDBACK.format(giver="grace", role="sponsor")}),
    Case("waiver-approved-by-a-peer", "roles",
         [f"{PROFILE}:9:69: error: linus may not approve ada's waivers: only the manager, the sponsor or a "
          "committee member may"],
         append={PROFILE: "waivers:\n  - {milestone: engineering/raise-coverage, reason: R, approved_by: linus}\n"}),
    Case("email-of-the-manager", "roles",
         [f"{PROFILE}:2:8: error: ada's email is also grace's (in {PEOPLE}:2:45)"],
         edit=_replace(PROFILE, "email: ada@example.com", "email: Grace@example.com")),
    Case("email-twice-in-people-yml", "roles",
         [f"{PEOPLE}:3:42: error: linus's email is also grace's (in {PEOPLE}:2:45)"],
         edit=_replace(PEOPLE, "email: linus@example.com", "email: grace@example.com")),
    Case("reporting-cycle", "roles",
         [f"{PROFILE}:7:10: error: the reporting line goes round in a circle: ada → grace → ada "
          "(each is managed by the next)"],
         edit=_replace(PEOPLE, "email: grace@example.com}", "email: grace@example.com, manager: ada}")),
    Case("people-yml-self-manager", "roles",
         [f"{PEOPLE}:3:70: error: manager: names linus, the person themself"],
         edit=_replace(PEOPLE, "email: linus@example.com}", "email: linus@example.com, manager: linus}")),
    Case("plan-agreed-with-self", "roles",
         ["portfolios/ada/plan.yml:3:14: error: the plan is agreed with ada, the person themself"],
         files={"portfolios/ada/plan.yml": "starts: 2026-05-01\nends: 2026-09-30\nagreed_with: ada\n"}),
    Case("key-not-a-public-key", "roles",
         [f"{PEOPLE}:3:68: error: keys: 'ssh-dss AAAAB3' is not a public key"],
         edit=_replace(PEOPLE, "email: linus@example.com}", "email: linus@example.com, keys: [ssh-dss AAAAB3]}")),

    # --- files and links out of their folder ---------------------------------------------------------
    Case("page-link-to-etc-passwd", "files", ["content/pages/passwd.md:1:1: error: 'passwd.md' is a link that leads "
                                              "outside content/, so it is not read"],
         links={"content/pages/passwd.md": "/etc/passwd"}),
    Case("page-link-to-portfolio-entry", "files", ["content/pages/leak.md:1:1: error: 'leak.md' is a link that "
                                                   "leads outside content/, so it is not read"],
         links={"content/pages/leak.md": "../../portfolios/ada/entries/2026-03-14-coverage.md"}),
    Case("page-folder-link-to-root", "files", ["content/pages/all:1:1: error: 'all' is a link that leads outside "
                                               "content/, so it is not read"], links={"content/pages/all": "/"}),
    Case("competency-link-outside", "files", ["content/competencies/x.yml:1:1: error: 'x.yml' is a link that leads "
                                              "outside content/, so it is not read"],
         links={"content/competencies/x.yml": "@/x.yml"}),
    Case("handbook-yml-link-outside", "files", ["handbook.yml:1:1: error: 'handbook.yml' is a link that leads "
                                                "outside ./, so it is not read"],
         files={"../outside-handbook.yml": "site_name: Elsewhere\n"},
         edit=lambda root: (os.remove(root / "handbook.yml"),
                            os.symlink(root.parent / "outside-handbook.yml", root / "handbook.yml"))),
    Case("entry-link-to-other-person", "files", ["portfolios/ada/entries/2026-04-11-theirs.md:1:1: error: "
                                                 "'2026-04-11-theirs.md' is a link that leads outside "
                                                 "portfolios/ada/, so it is not read"],
         files={"portfolios/bob/profile.yml": "name: Bob\ntrack: engineering\nlevel: L1\ntarget: L2\n"
                                              "since: 2026-01-15\nmanager: grace\n",
                "portfolios/bob/entries/2026-04-11-theirs.md": entry()},
         links={"portfolios/ada/entries/2026-04-11-theirs.md": "../../bob/entries/2026-04-11-theirs.md"}),
    Case("entries-folder-link-to-other-person", "files", ["portfolios/eve/entries:1:1: error: 'entries' is a link "
                                                          "that leads outside portfolios/eve/, so it is not read"],
         files={"portfolios/eve/profile.yml": "name: Eve\ntrack: engineering\nlevel: L1\ntarget: L2\n"
                                              "since: 2026-01-15\nmanager: grace\n"},
         links={"portfolios/eve/entries": "../ada/entries"}),
    Case("person-folder-link", "files", ["portfolios/sixth:1:1: error: the person folder 'sixth' is a link, so it "
                                         "is not read"], links={"portfolios/sixth": "ada"}),
    Case("profile-link-to-other-person", "files", ["portfolios/eve/profile.yml:1:1: error: 'profile.yml' is a link "
                                                   "that leads outside portfolios/eve/, so it is not read"],
         links={"portfolios/eve/profile.yml": "../ada/profile.yml"}),
    Case("people-yml-link-outside", "files", ["portfolios/people.yml:1:1: error: 'people.yml' is a link that leads "
                                              "outside portfolios/, so it is not read"],
         edit=lambda root: (os.replace(root / "portfolios/people.yml", root.parent / "people.yml"),
                            os.symlink(root.parent / "people.yml", root / "portfolios/people.yml"))),
    Case("entry-link-loop", "files", ["portfolios/ada/entries/2026-04-12-loop.md:1:1: error: '2026-04-12-loop.md' "
                                      "is a link that leads outside portfolios/ada/, so it is not read"],
         links={"portfolios/ada/entries/2026-04-12-loop.md": "2026-04-12-loop.md"}),
    Case("entries-is-a-file", "files", ["portfolios/eve/entries:1:1: error: 'entries' is a file, but entries are "
                                        "read from a folder of that name"],
         files={"portfolios/eve/profile.yml": "name: Eve\ntrack: engineering\nlevel: L1\ntarget: L2\n"
                                              "since: 2026-01-15\nmanager: grace\n",
                "portfolios/eve/entries": entry()}),
    Case("entries-in-sub-folder", "files", ["portfolios/ada/entries/2026:1:1: error: the folder '2026' is not read: "
                                            "files are read only directly in portfolios/ada/entries/"],
         files={"portfolios/ada/entries/2026/2026-04-10-nested.md": entry()}),
    Case("entry-named-markdown", "files", ["portfolios/ada/entries/2026-04-10-x.markdown:1:1: error: "
                                           "'2026-04-10-x.markdown' is not read: only files ending in .md are"],
         files={"portfolios/ada/entries/2026-04-10-x.markdown": entry()}),
    Case("entry-named-upper-md", "files", ["portfolios/ada/entries/2026-04-10-x.MD:1:1: error: '2026-04-10-x.MD' is "
                                           "not read: only files ending in .md are"],
         files={"portfolios/ada/entries/2026-04-10-x.MD": entry()}),
    Case("track-named-yaml-upper", "files", ["content/tracks/other.YML:1:1: error: 'other.YML' is not read: only "
                                             "files ending in .yml or .yaml are"],
         files={"content/tracks/other.YML": "id: other\n"}),

    # --- images that would report a committee's reading to a server, or carry script ----------------
    Case("remote-image-https", "privacy", [f"{ENTRY_FILE}:7:1: error: the image "
                                           "'https://tracker.example/p.gif?who=committee' is loaded from outside "
                                           "the portfolio"],
         files={ENTRY_FILE: entry(body="Intro.\n![pixel](https://tracker.example/p.gif?who=committee)")}),
    Case("remote-image-protocol-relative", "privacy", [f"{ENTRY_FILE}:6:6: error: the image "
                                                       "'//tracker.example/p.png' is loaded from outside"],
         files={ENTRY_FILE: entry(body="Text ![x](//tracker.example/p.png)")}),
    Case("remote-image-reference", "privacy", [f"{ENTRY_FILE}:6:1: error: the image "
                                               "'http://tracker.example/l.png' is loaded from outside"],
         files={ENTRY_FILE: entry(body="![logo][l]\n\n[l]: http://tracker.example/l.png")}),
    Case("remote-image-svg-data", "privacy", [f"{ENTRY_FILE}:6:1: error: the image "
                                              "'data:image/svg+xml;base64,PHN2Zz4=' is loaded from outside"],
         files={ENTRY_FILE: entry(body="![x](data:image/svg+xml;base64,PHN2Zz4=)")}),
    Case("remote-image-in-code-is-text", "privacy", [],
         files={ENTRY_FILE: entry(body="```\n![x](https://tracker.example/p.png)\n```\n"
                                       "![ok](data:image/png;base64,iVBORw0KGgo=) [a link](https://example.com)")}),

    # --- messages that would forge lines of their own -------------------------------------------------
    Case("message-newline-in-key", "messages", [f"{PROFILE}:8:1: error: unknown key 'x\\nportfolios/ada/profile.yml:"
                                                "1:1: error: forged'"],
         append={PROFILE: '"x\\nportfolios/ada/profile.yml:1:1: error: forged": 1\n'}),
    Case("message-ansi-in-key", "messages", [f"{PROFILE}:8:1: error: unknown key '\\x1b[2Jx'"],
         append={PROFILE: '"\\e[2Jx": 1\n'}),
    Case("message-line-separator-in-key", "messages", [f"{PROFILE}:8:1: error: unknown key 'a\\u2028b'"],
         append={PROFILE: '"a\\u2028b": 1\n'}),
    Case("message-newline-in-file-name", "messages", ["portfolios/ada/entries/2026-04-10-a\\nb.md:2:1: warning: "
                                                      "entry file name '2026-04-10-a\\nb.md' is not "
                                                      "YYYY-MM-DD-slug.md"],
         files={"portfolios/ada/entries/2026-04-10-a\nb.md": entry()}),
]

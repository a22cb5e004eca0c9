"""`handbook export case|badges` against the published 1EdTech JSON Schemas (vendored in tests/standards)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.link.load import load_project
from generator.link.project import Project
from generator.render.badges import achievements, credentials
from generator.render.case import build_case_package, framework_namespace
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent.parent
STANDARDS = ROOT / "tests/standards"
Validator = jsonschema.Draft201909Validator


def validator(name: str, definition: str | None = None) -> jsonschema.protocols.Validator:
    schema = json.loads((STANDARDS / name).read_text(encoding="utf-8"))
    if definition:  # one class of the schema, such as the Achievement inside a credential
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return Validator(schema, format_checker=Validator.FORMAT_CHECKER)


def errors(v: jsonschema.protocols.Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(data)]


@pytest.fixture(scope="module")
def example() -> Project:
    project, problems = load_project(ROOT)
    assert not problems.errors
    return project


@pytest.fixture(scope="module")
def package(example: Project) -> dict[str, Any]:
    return build_case_package(example)


def test_case_package_is_valid_case_1_1(package: dict[str, Any]) -> None:
    assert errors(validator("case_v1p1_cfpackage_schema.json"), package) == []
    assert package["CFDocument"]["caseVersion"] == "1.1"


def test_the_schema_catches_a_broken_package(package: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(package))
    del broken["CFItems"][0]["fullStatement"]
    broken["CFAssociations"][0]["identifier"] = "not-a-uuid"
    found = errors(validator("case_v1p1_cfpackage_schema.json"), broken)
    assert any("'fullStatement' is a required property" in e for e in found)
    assert any("'not-a-uuid' is not a 'uuid'" in e for e in found)


def test_case_items_cover_domains_competencies_and_behaviours(example: Project, package: dict[str, Any]) -> None:
    assert example.framework is not None
    items = package["CFItems"]
    by_type = {t: [i for i in items if i["CFItemType"] == t] for t in ("Domain", "Competency", "Behaviour")}
    assert [i["humanCodingScheme"] for i in by_type["Domain"]] == [d.id for d in example.framework.domains]
    assert sorted(i["humanCodingScheme"] for i in by_type["Competency"]) == sorted(c.id for c in example.competencies)
    code_craft = next(c for c in example.competencies if c.id == "code-craft")
    texts = {i["fullStatement"] for i in by_type["Behaviour"]}
    assert all(b in texts for lv in code_craft.levels.values() for b in lv.behaviours if isinstance(b, str))
    ids = [i["identifier"] for i in items] + [a["identifier"] for a in package["CFAssociations"]]
    assert len(ids) == len(set(ids))
    nodes = {i["identifier"] for i in items} | {package["CFDocument"]["identifier"]}
    for association in package["CFAssociations"]:
        assert association["originNodeURI"]["identifier"] in nodes
        assert association["destinationNodeURI"]["identifier"] in nodes


def test_case_rubric_per_competency_with_a_level_per_framework_level(example: Project,
                                                                      package: dict[str, Any]) -> None:
    assert example.framework is not None
    assert len(package["CFRubrics"]) == len(example.competencies)
    rubric = next(r for r in package["CFRubrics"] if r["title"] == "Code craft by level")
    levels = rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [lv["quality"] for lv in levels] == [f"{lv.id} {lv.name}" for lv in example.framework.levels]
    lowest = example.framework.levels[0].id
    code_craft = next(c for c in example.competencies if c.id == "code-craft")
    assert levels[0]["description"] == "; ".join(b if isinstance(b, str) else b.text
                                                 for b in code_craft.levels[lowest].behaviours)


def test_identifiers_are_stable_uuid5(example: Project, package: dict[str, Any]) -> None:
    namespace = framework_namespace(example)
    domain = next(i for i in package["CFItems"] if i["CFItemType"] == "Domain")
    assert domain["identifier"] == str(uuid.uuid5(namespace, f"domain/{domain['humanCodingScheme']}"))
    assert build_case_package(example) == package


def test_achievements_are_valid_open_badges_3(example: Project) -> None:
    found = achievements(example)
    assert len(found) == sum(len(t.milestones()) for t in example.tracks)
    check = validator("ob_v3p0_achievementcredential_schema.json", "Achievement")
    assert {ref: errors(check, a) for ref, a in found.items() if errors(check, a)} == {}
    pilot = found["engineering/lead-improvement-pilot"]
    assert pilot["criteria"]["narrative"].startswith("The pilot improves its chosen efficiency measure")
    case_ids = {i["identifier"] for i in build_case_package(example)["CFItems"]}
    assert pilot["alignment"] and all(a["targetCode"] in case_ids for a in pilot["alignment"])


def test_credentials_are_valid_and_only_for_met_milestones(example: Project) -> None:
    from generator.assess.portfolio import assess_portfolio

    check = validator("ob_v3p0_achievementcredential_schema.json")
    total = 0
    for portfolio in example.portfolios:
        met = {m.ref for m in assess_portfolio(example, portfolio).milestones if m.status == "met"}
        issued = credentials(example, portfolio)
        assert set(issued) == met
        for credential in issued.values():
            assert errors(check, credential) == []
            assert "proof" not in credential
        total += len(issued)
    assert total > 0
    amara = credentials(example, example.portfolio("amara"))
    subject = next(iter(amara.values()))["credentialSubject"]["identifier"][0]
    assert subject["hashed"] is True and "amara" not in json.dumps(subject)


def test_cli_exports_into_out(tmp_path: Path) -> None:
    result = run_cli("export", "case", "--root", ROOT, "--out", tmp_path / "case")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "case/case-package.json").read_text())["CFDocument"]["version"]
    result = run_cli("export", "badges", "--root", ROOT, "--out", tmp_path / "badges", "--person", "amara")
    assert result.exit_code == 0, result.output
    assert sorted(p.parent.name for p in (tmp_path / "badges").rglob("*.json")) == ["amara"] * 5


def test_export_replaces_stale_credentials(tmp_path: Path) -> None:
    stale = tmp_path / "badges/credentials/amara/engineering--no-longer-met.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    other = tmp_path / "badges/credentials/farah/engineering--kept.json"
    other.parent.mkdir(parents=True)
    other.write_text("{}")
    assert run_cli("export", "badges", "--root", ROOT, "--out", tmp_path / "badges", "--person", "amara").exit_code == 0
    assert not stale.exists() and other.exists()  # --person rewrites only that person's folder
    assert run_cli("export", "badges", "--root", ROOT, "--out", tmp_path / "badges").exit_code == 0
    assert not other.exists()
    assert not [p for p in (tmp_path / "badges").iterdir() if p.name.startswith(".")]  # no staging left behind


def test_case_keeps_inheritance_replacements_and_track_scope() -> None:
    project, problems = load_project(ROOT / "tests/fixtures/families", portfolios=False)
    assert not problems.errors
    package = build_case_package(project)
    assert errors(validator("case_v1p1_cfpackage_schema.json"), package) == []
    code = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}

    def links(kind: str) -> list[tuple[str, str]]:
        return sorted((code[a["originNodeURI"]["identifier"]], code[a["destinationNodeURI"]["identifier"]])
                      for a in package["CFAssociations"] if a["associationType"] == kind)

    assert links("ext:extends") == [("backend-communication", "communication"), ("frontend-testing", "testing")]
    assert ("testing/unit-tests", "testing/test-strategy") in links("replacedBy")
    assert [c for c, t in links("isPartOf") if t == "backend"] == ["api-design", "backend-communication", "testing"]

from generator.problems import Position, Problems
from generator.read.frontmatter import read_front_matter
from generator.read.yaml_positions import read_yaml_text

TEXT = """\
name: Example
levels:
  - id: L1
    name: Associate
  - {id: L2, name: Practitioner}
"""


def test_values_keep_line_and_column() -> None:
    doc = read_yaml_text(TEXT, "f.yml", Problems())
    assert doc is not None
    assert doc.at(("name",)) == Position(1, 7)
    assert doc.at(("levels", 0, "name")) == Position(4, 11)
    assert doc.at(("levels", 1, "id")) == Position(5, 10)
    assert doc.key_at(("levels", 0, "name")) == Position(4, 5)


def test_unknown_location_falls_back_to_nearest_ancestor() -> None:
    doc = read_yaml_text(TEXT, "f.yml", Problems())
    assert doc is not None
    assert doc.at(("levels", 1, "summary")) == Position(5, 5)


def test_scalars_are_typed_and_impossible_dates_stay_text() -> None:
    doc = read_yaml_text("a: 2026-03-14\nb: 2026-13-01\nc: 18\nd: '2026.2'\n", "f.yml", Problems())
    assert doc is not None
    assert str(doc.data["a"]) == "2026-03-14" and not isinstance(doc.data["a"], str)
    assert doc.data["b"] == "2026-13-01"
    assert doc.data["c"] == 18
    assert doc.data["d"] == "2026.2"


def test_keys_are_kept_as_written() -> None:
    doc = read_yaml_text("on: 1\nL2: 2\n", "f.yml", Problems())
    assert doc is not None
    assert list(doc.data) == ["on", "L2"]


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    problems = Problems()
    read_yaml_text("name: a\nversion: '1'\nname: b\n", "f.yml", problems)
    (p,) = problems.items
    assert (p.line, p.column, p.code) == (3, 1, "duplicate-key")
    assert p.message == "key 'name' appears twice (first on line 1)"


def test_syntax_error_is_located() -> None:
    problems = Problems()
    assert read_yaml_text("a: [1, 2\nb: 3\n", "f.yml", problems) is None
    (p,) = problems.items
    assert p.code == "yaml-syntax" and p.line == 2


def test_front_matter_lines_are_file_lines() -> None:
    problems = Problems()
    doc = read_front_matter("---\ntitle: T\ndate: 2026-01-02\n---\nBody *here*.\n", "e.md", problems)
    assert doc is not None and not problems.items
    assert doc.meta.at(("date",)) == Position(3, 7)
    assert doc.body == "Body *here*."
    assert doc.body_line == 5


def test_front_matter_syntax_error_uses_file_line() -> None:
    problems = Problems()
    read_front_matter("---\ntitle: T\nmilestones: [a\n---\n", "e.md", problems)
    assert problems.items[0].line >= 3


def test_unclosed_front_matter() -> None:
    problems = Problems()
    assert read_front_matter("---\ntitle: T\n", "e.md", problems) is None
    assert problems.items[0].code == "front-matter-unclosed"


def test_a_text_cut_by_a_comment_is_a_warning_at_the_value() -> None:
    problems = Problems()
    text = "a: Shout-out in #eng-wins and more\nb: 365d  # a year\nc: \"quoted #kept\"\nd: 3 #x\n"
    doc = read_yaml_text(text, "f.yml", problems)
    assert doc is not None and doc.data["a"] == "Shout-out in"
    assert [(p.line, p.column, p.severity.value, p.message, p.hint) for p in problems.items] == [
        (1, 4, "warning", "the text is cut at ' #': YAML reads '#eng-wins and more' as a comment",
         "quote it: put the whole value in double quotes")]


def test_front_matter_cut_text_is_located_in_the_file() -> None:
    problems = Problems()
    read_front_matter("---\ntitle: Talk at #meetup\ndate: 2026-01-01\nkind: project\n---\nBody\n", "e.md", problems)
    assert [(p.path, p.line, p.column, p.code) for p in problems.items] == [("e.md", 2, 8, "comment-cut")]


def test_a_tab_in_indentation_says_tab() -> None:
    problems = Problems()
    assert read_yaml_text("levels:\n\t- id: L1\n", "f.yml", problems) is None
    assert [(p.line, p.column, p.message, p.hint) for p in problems.items] == [
        (2, 1, "invalid YAML: a tab is used for indentation", "indent with spaces; YAML does not allow tabs")]

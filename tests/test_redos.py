"""No pattern of the package can backtrack super-linearly on any text.

Every pattern that runs over document text is compiled by :mod:`foicompare.linre` (RE2,
linear time). The few ``re`` patterns left (short strings the code makes itself, sources'
page chrome, and the ``re`` side of look-around patterns, which runs only on bounded windows)
are scanned with regexploit, which finds the nested and overlapping repeats that make ``re``
take cubic or exponential time (``_ITEM`` once took > 30 s on a line of 28 dashes).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import foicompare
from redos_scan import Found, compiled_patterns, literal_patterns, scan

pytest.importorskip("regexploit")
#: regexploit reads patterns with the deprecated sre_parse
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: the parser's numbered-item pattern before the fix: exponential on "-" * 28
OLD_ITEM = (
    r"^[ \t]*(?:[-*•>#]+[ \t]*)*(?:\*\*|<b>|__)?[ \t]*"
    r"(?:(?:(?:In )?(?:answer|response|reply) to )?(?:Q(?:uestion)?|Request|Item|Part)[ \t]*"
    r"(?P<qnum>\d{1,2})[ \t]*[.):\-–]?|"
    r"\((?P<pnum>\d{1,2})\)|(?P<num>\d{1,2})(?:[.)]|[ \t]+[-–](?=[ \t]))(?!\d))"
    r"[ \t]*(?:\*\*|</b>|__)?[ \t]*"
)
#: a salutation pattern before the fix: cubic on "Dear" and many spaces
OLD_DEAR = r"^\s*Dear\s+([^,\n]{3,80}?)\s*,?\s*$"

#: stages that read document text: they compile through linre only
DOCUMENT_TEXT_CODE = ("parse", "topics", "segment.py", "authorities/document.py", "pipeline.py")


@pytest.fixture(scope="module")
def patterns() -> list[Found]:
    return compiled_patterns() + literal_patterns()


def test_the_scan_finds_the_packages_patterns(patterns: list[Found]) -> None:
    where = {f.where for f in patterns}
    assert "foicompare.parse.answers._ITEM" in where
    assert any(w.startswith("foicompare.topics.vocabulary.load()") for w in where)
    assert len(patterns) > 500
    assert sum(f.engine == "re2" for f in patterns) > 400


def test_no_pattern_backtracks_super_linearly(patterns: list[Found]) -> None:
    findings = [
        f"{f.where}: {finding} in {f.pattern[:80]!r}"
        for f in patterns
        if f.engine == "re"
        for finding in scan(f)
    ]
    assert findings == []


@pytest.mark.parametrize(("pattern", "flags"), [(OLD_ITEM, 10), (OLD_DEAR, 8)])
def test_the_scan_catches_the_patterns_that_hung_the_parser(pattern: str, flags: int) -> None:
    # flags: re.M | re.I (10) and re.M (8), as the old patterns were compiled
    assert scan(Found("old", pattern, flags, "re"))


def test_document_text_is_only_matched_through_linre() -> None:
    root = Path(foicompare.__file__).parent
    paths = [
        p
        for part in DOCUMENT_TEXT_CODE
        for p in ([root / part] if part.endswith(".py") else sorted((root / part).rglob("*.py")))
    ]
    direct = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr not in ("escape",)
            ):
                direct.append(f"{path.relative_to(root)}:{node.lineno} re.{node.func.attr}")
    assert direct == []

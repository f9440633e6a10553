"""validate's and coverage's reports (argmap.render.reports): the JSON tools
read, key for key, and the lines people read."""

from __future__ import annotations

from argmap.analysis.coverage import Coverage, QuotingClaim, Sentence
from argmap.checks.gate import FileCheck, Validation
from argmap.errors import Diagnostic, Severity, SourceSpan
from argmap.render.reports import coverage_json, coverage_lines, validation_json

VALIDATION = Validation(
    (
        FileCheck("a.yaml", True),
        FileCheck("b.yaml", False),
        FileCheck("c.yaml", False, "c.yaml:1:1: error: YAML syntax: bad"),
    ),
    (
        Diagnostic(
            SourceSpan("b.yaml", 3, 5), Severity.ERROR, "dangling-ref", "relation target 'x' is not defined"
        ),
        Diagnostic(SourceSpan("a.yaml", 7, 1), Severity.WARNING, "no-source", "claim 'c' has no source"),
    ),
)


def test_validation_counts() -> None:
    assert (VALIDATION.errors, VALIDATION.warnings, VALIDATION.failed) == (1, 1, True)
    assert VALIDATION.unreadable == ["c.yaml:1:1: error: YAML syntax: bad"]
    assert VALIDATION.summary() == "1 error(s), 1 warning(s), 1 unreadable, in 3 file(s)"
    assert not Validation((FileCheck("c.yaml", False, "unreadable"),), ()).failed


def test_validation_json() -> None:
    assert (
        validation_json(VALIDATION)
        == """{
  "files": [
    {
      "file": "a.yaml",
      "valid": true
    },
    {
      "file": "b.yaml",
      "valid": false
    },
    {
      "file": "c.yaml",
      "valid": false,
      "error": "c.yaml:1:1: error: YAML syntax: bad"
    }
  ],
  "diagnostics": [
    {
      "file": "b.yaml",
      "line": 3,
      "column": 5,
      "severity": "error",
      "check": "dangling-ref",
      "message": "relation target 'x' is not defined"
    },
    {
      "file": "a.yaml",
      "line": 7,
      "column": 1,
      "severity": "warning",
      "check": "no-source",
      "message": "claim 'c' has no source"
    }
  ],
  "errors": 2,
  "warnings": 1
}"""
    )


COVERAGE = Coverage(
    source="text.txt",
    maps=("m.yaml",),
    sentences=(Sentence(1, 0, 9, 1, 1, "Quoted é."), Sentence(2, 10, 20, 1, 11, "Not quoted.")),
    quoted_by=((QuotingClaim("m.yaml", "c1"), QuotingClaim("m.yaml", "c2")), ()),
    quotes_found=2,
    quotes_elsewhere=1,
)


def test_coverage_lines() -> None:
    assert coverage_lines(COVERAGE, show_all=False) == [
        "text.txt:1:11: not quoted: Not quoted.",
        "1 of 2 sentences quoted (50.0%) by 2 quotes in 1 map(s)",
    ]
    assert coverage_lines(COVERAGE, show_all=True) == [
        "text.txt:1:1: quoted by m.yaml#c1, m.yaml#c2: Quoted é.",
        "text.txt:1:11: not quoted: Not quoted.",
        "1 of 2 sentences quoted (50.0%) by 2 quotes in 1 map(s)",
    ]


def test_coverage_json() -> None:
    not_quoted = """{
      "number": 2,
      "line": 1,
      "column": 11,
      "text": "Not quoted.",
      "quoted_by": []
    }"""
    assert (
        coverage_json(COVERAGE)
        == f"""{{
  "source": "text.txt",
  "maps": [
    "m.yaml"
  ],
  "sentences": 2,
  "covered": 1,
  "percent": 50.0,
  "quotes_found": 2,
  "quotes_elsewhere": 1,
  "uncovered": [
    {not_quoted}
  ],
  "all": [
    {{
      "number": 1,
      "line": 1,
      "column": 1,
      "text": "Quoted é.",
      "quoted_by": [
        {{
          "file": "m.yaml",
          "id": "c1"
        }},
        {{
          "file": "m.yaml",
          "id": "c2"
        }}
      ]
    }},
    {not_quoted}
  ]
}}"""
    )

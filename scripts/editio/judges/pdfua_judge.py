"""A second, independent PDF/UA judge: `pdfua` from PyPI (pinned in requirements.txt), its
machine-checkable subset of PDF/UA-1 and WCAG 2.1, read from the built PDF with its own code.

Our own check (pdfcheck.py) and `page` share nothing with it, so a fault one of them reads
past the other may still see (a table whose header cells say nothing of what they head, an
XMP that does not identify a PDF/UA file). Every finding of any severity fails, with two
exception: its identification rule (UA-28-004) when the PDF claims no PDF/UA conformance
(nothing to identify; pdfcheck reads the claim). A rule the checker could not evaluate (it
reports it as skipped, with its own error) fails too: a verdict with a rule left out is no
verdict on that rule.

One shim, for a fault of pdfua 0.1.3 itself (no pikepdf from 8.0, its floor, to 10.18 behaves
otherwise): its `as_integer` asks a PDF object for an `is_integer` attribute through
`getattr(value, "is_integer", False)`. pikepdf answers an attribute lookup on an array, name or
string with ValueError, not AttributeError, so getattr's default never applies and the rule
that a heading is not empty (UA-14-001) raised on the first heading whose /K is an array (all
of ours). `_as_integer` answers None for those objects (they are no number) and defers to the
checker's own function for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfua.document
import pdfua.rules.structure
import pikepdf
from pdfua import validate

from editio.base.errors import CheckError
from editio.judges.pdfcheck import claims

# The checker's rule that the XMP identifies the file as PDF/UA.
IDENTIFICATION = "UA-28-004"


@dataclass(frozen=True)
class Verdict:
    """What the checker found, less what does not apply; the rules it skipped."""

    findings: list[str]
    skipped: list[str]
    rules_run: int


_checker_as_integer = pdfua.document.as_integer


def _as_integer(value: object) -> int | None:
    """The checker's as_integer, with pikepdf's array, name and string objects (whose
    attribute lookup raises ValueError) answered as what they are: no number."""
    if isinstance(value, pikepdf.Array | pikepdf.Name | pikepdf.String):
        return None
    return _checker_as_integer(value)


# The checker's own module looks the name up at each call; structure.py imported it by name.
pdfua.document.as_integer = _as_integer
pdfua.rules.structure.as_integer = _as_integer


def judge(path: Path) -> Verdict:
    with pikepdf.open(path) as pdf:
        claims_ua = any(c.startswith("pdf/ua") for c in claims(pdf))
    report = validate(str(path))
    findings = [f"{f.rule_id} {f.severity.name.lower()} ({f.location.describe()}): {f.message}"
                for f in report.findings if claims_ua or f.rule_id != IDENTIFICATION]
    skipped = [f"{o.rule_id} ({o.skipped_reason})" for o in report.skipped]
    return Verdict(findings, skipped, len(report.outcomes) - len(skipped))


def require_clean(path: Path) -> Verdict:
    verdict = judge(path)
    if verdict.skipped:
        raise CheckError(f"the pdfua checker could not run {len(verdict.skipped)} rule(s):\n  "
                         + "\n  ".join(verdict.skipped), path=path,
                         hint="see the shim in judges/pdfua_judge.py; a new pdfua or pikepdf "
                              "may need another")
    if verdict.findings:
        raise CheckError(f"{len(verdict.findings)} finding(s) of the pdfua checker:\n  "
                         + "\n  ".join(verdict.findings), path=path,
                         hint=f"run '.venv/bin/pdfua check {path}' for each finding's fix")
    return verdict

"""A second, independent PDF/UA judge: `pdfua` from PyPI (pinned in requirements.txt), its
machine-checkable subset of PDF/UA-1 and WCAG 2.1, read from the built PDF with its own code.

Our own check (pdfcheck.py) and `page` share nothing with it, so a fault one of them reads
past the other may still see (a table whose header cells say nothing of what they head, an
XMP that does not identify a PDF/UA file). Every finding of any severity fails, with two
exceptions said in the summary: its identification rule (UA-28-004) when the PDF claims no
PDF/UA conformance (nothing to identify; pdfcheck reads the claim), and rules the checker
itself could not evaluate (it reports them as skipped, with its own error).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    if verdict.findings:
        raise CheckError(f"{len(verdict.findings)} finding(s) of the pdfua checker:\n  "
                         + "\n  ".join(verdict.findings), path=path,
                         hint=f"run '.venv/bin/pdfua check {path}' for each finding's fix")
    return verdict

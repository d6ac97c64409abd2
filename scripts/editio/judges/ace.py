"""DAISY Ace, the reference checker of EPUB Accessibility 1.1, run from the project's node_modules.

Ace (npm `@daisy/ace-cli`, pinned in package.json) drives a headless browser through
puppeteer; it is pointed at Debian's Chromium, since its own browser download cannot work
offline. Its JSON report is kept in dist/<name>.ace/report.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import CheckError, ToolError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 600  # seconds for one EPUB; Ace itself allows 240 s per content document


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str  # minor, moderate, serious, critical
    location: str
    description: str


@dataclass(frozen=True)
class AceReport:
    path: Path
    report: Path  # Ace's report.json
    violations: tuple[Violation, ...]

    def by_impact(self) -> dict[str, int]:
        return dict(Counter(v.impact for v in self.violations))


def ace_command(root: Path) -> Path:
    if shutil.which("node") is None:
        raise ToolError("DAISY Ace needs Node.js, and no 'node' is on PATH",
                        hint="install Node.js 20 or newer (Debian: apt-get install nodejs npm)")
    ace = root / "node_modules" / ".bin" / "ace-cli"
    if not ace.is_file():
        raise ToolError(f"DAISY Ace is not installed (no {ace})",
                        hint="run 'make check', which installs it with npm ci from "
                        "package-lock.json")
    return ace


def chromium() -> str:
    """The browser Ace drives: $PUPPETEER_EXECUTABLE_PATH, else Chromium from PATH."""
    given = os.environ.get("PUPPETEER_EXECUTABLE_PATH")
    if given:
        if not os.access(given, os.X_OK):
            raise ToolError(f"PUPPETEER_EXECUTABLE_PATH names no program: {given}")
        return given
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ToolError("DAISY Ace needs Chromium, and none is on PATH",
                    hint="install it (Debian: apt-get install chromium), or set "
                    "PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium program")


def read_report(path: Path, report: Path) -> AceReport:
    """Every violation Ace asserts, of any impact, from its JSON report."""
    data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for doc in data.get("assertions", []):
        subject = str(doc.get("earl:testSubject", {}).get("url", ""))
        for a in doc.get("assertions", []):
            test, result = a.get("earl:test", {}), a.get("earl:result", {})
            css = result.get("earl:pointer", {}).get("css") or [""]
            found.append(Violation(
                rule=str(test.get("dct:title", "?")), impact=str(test.get("earl:impact", "?")),
                location=f"{subject} {css[0]}".strip(),
                description=" ".join(str(result.get("dct:description", "")).split())))
    return AceReport(path, report, tuple(found))


def run_ace(root: Path, epub: Path, outdir: Path) -> AceReport:
    """Run Ace on one EPUB; its reports go to `outdir` (replaced)."""
    ace = ace_command(root)
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium(),
           "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1"}
    if outdir.exists():
        shutil.rmtree(outdir)
    try:
        done = subprocess.run([str(ace), "--silent", "--force", "--outdir", str(outdir),
                               str(epub)], env=env, capture_output=True, text=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise ToolError(f"DAISY Ace took longer than {TIMEOUT} s", path=epub) from None
    report = outdir / "report.json"
    if done.returncode != 0 or not report.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise ToolError("DAISY Ace could not check the EPUB:\n  " + "\n  ".join(tail),
                        path=epub)
    return read_report(epub, report)


def require_clean(root: Path, epub: Path, outdir: Path) -> AceReport:
    report = run_ace(root, epub, outdir)
    if report.violations:
        lines = [f"{v.impact} {v.rule}: {v.description[:160]} ({v.location})"
                 for v in report.violations[:20]]
        counts = ", ".join(f"{n} {k}" for k, n in sorted(report.by_impact().items()))
        raise CheckError(f"DAISY Ace: {len(report.violations)} violation(s) ({counts})\n  "
                         + "\n  ".join(lines), path=epub,
                         hint=f"Ace's full report: {report.report}")
    return report

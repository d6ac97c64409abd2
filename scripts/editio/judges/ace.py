"""DAISY Ace, the reference checker of EPUB Accessibility 1.1, run from node_modules.

Ace (npm `@daisy/ace-cli`, pinned in package.json) drives a headless browser through
puppeteer; it is pointed at Debian's Chromium, since its own browser download cannot work
offline. Its JSON report is kept in dist/<name>.ace/report.json.

editio's repository installs Ace into its node_modules (make check runs npm ci). A project
made by `editio init` has no package.json: its first check installs the Ace pinned in
editio's package data (data/ace, the repository's package.json and package-lock.json) into
the user's cache, once per machine and pin, with npm ci.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import CheckError, EditioWarning, ToolError, warn
from editio.base.outputs import user_cache

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 600  # seconds for one EPUB; Ace itself allows 240 s per content document
PINNED = Path(__file__).resolve().parents[1] / "data" / "ace"  # package.json, package-lock.json
INSTALL_TIMEOUT = 900  # seconds for npm ci


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


def ace_command(root: Path, install: bool = True) -> Path:
    """The project's own Ace (node_modules/, as in editio's repository), else the one pinned
    by editio in the user's cache, installed there first if `install`."""
    if shutil.which("node") is None:
        raise ToolError("DAISY Ace needs Node.js, and no 'node' is on PATH",
                        hint="install Node.js 20 or newer (Debian: apt-get install nodejs npm)")
    own = root / "node_modules" / ".bin" / "ace-cli"
    if own.is_file():
        return own
    folder = cached_ace_dir()
    ace = folder / "node_modules" / ".bin" / "ace-cli"
    if not ace.is_file():
        if not install:
            raise ToolError(f"DAISY Ace is not installed (no {own}, no {ace})",
                            hint="run 'make check' (or 'editio check'), which installs it "
                            "with npm ci")
        install_ace(folder)
    return ace


def cached_ace_dir() -> Path:
    """~/.cache/editio/ace/<digest of the pinned package-lock.json>: a new pin, a new folder."""
    lock = (PINNED / "package-lock.json").read_bytes()
    return user_cache("ace") / hashlib.sha256(lock).hexdigest()[:16]


def install_ace(folder: Path) -> None:
    """npm ci of the pinned package.json and package-lock.json, into a temporary folder
    beside `folder`, renamed into place when complete (a failed install leaves nothing)."""
    npm = shutil.which("npm")
    if npm is None:
        raise ToolError("DAISY Ace is installed with npm, and no 'npm' is on PATH",
                        hint="install npm (Debian: apt-get install npm), or skip Ace: "
                        "editio check --only collation,suspects,epubcheck,pdf,tei,jats")
    warn(EditioWarning(f"installing DAISY Ace into {folder} with npm ci (once per machine; "
                       "it downloads no browser)"))
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".install-", dir=folder.parent))
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PINNED / name, work / name)
        env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1",
               "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1"}
        try:
            done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                                  cwd=work, env=env, capture_output=True, text=True,
                                  timeout=INSTALL_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ToolError(f"npm ci took longer than {INSTALL_TIMEOUT} s installing DAISY Ace",
                            path=folder) from None
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
            raise ToolError("npm ci could not install DAISY Ace:\n  " + "\n  ".join(tail),
                            path=folder, hint="npm needs the npm registry (or its cache)")
        try:
            work.rename(folder)
        except OSError:  # another check installed it meanwhile: theirs is as good
            if not (folder / "node_modules" / ".bin" / "ace-cli").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
    report = outdir / "report.json"

    def ace_run(*options: str) -> subprocess.CompletedProcess:
        if outdir.exists():
            shutil.rmtree(outdir)
        try:
            return subprocess.run([str(ace), *options, "--force", "--outdir", str(outdir),
                                   str(epub)], env=env, capture_output=True, text=True,
                                  timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ToolError(f"DAISY Ace took longer than {TIMEOUT} s", path=epub) from None

    done = ace_run("--silent")
    if done.returncode != 0 or not report.is_file():
        # --silent keeps Ace's reason in its log file and prints "Re-run Ace using the
        # --verbose option": so it is run again, verbose, and its own words are reported
        done = ace_run("--verbose")
        raise ToolError("DAISY Ace could not check the EPUB:\n  " + ace_reason(done), path=epub)
    return read_report(epub, report)


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_LEVEL = re.compile(r"^(error|warn|info|verbose|debug|silly):")


def ace_reason(done: subprocess.CompletedProcess) -> str:
    """What a failed Ace run said about why: its first error with the lines that explain it
    (puppeteer quotes a browser that could not start), else the end of its output."""
    lines = [_COLOUR.sub("", line).rstrip() for line in
             f"{done.stderr}\n{done.stdout}".splitlines()]
    lines = [line for line in lines
             if line.strip() and "Re-run Ace using the --verbose" not in line]
    first = next((i for i, line in enumerate(lines) if line.startswith("error:")), None)
    if first is None:
        return "\n  ".join(lines[-8:]) or f"exit status {done.returncode}"
    end = next((i for i in range(first + 1, len(lines)) if _LEVEL.match(lines[i])), len(lines))
    return "\n  ".join(" ".join(line.split()) if i == first else line
                        for i, line in enumerate(lines[first:min(end, first + 12)], first))


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

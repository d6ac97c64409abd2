"""Errors an editor can act on.

Every failure the user can fix is one of these: it carries the file, the line
and a hint, and the CLI turns it into a message and an exit code. Anything
else that escapes is an internal error (exit 70) and shows a traceback only
with --debug.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class EditioError(Exception):
    message: str
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    exit_code = 1
    label = "error"

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.label}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ProjectError(EditioError):
    """The project layout, a profile or a style name is wrong."""

    exit_code = 3
    label = "project error"


class SourceError(EditioError):
    """A source file cannot be read: encoding, front matter, required metadata."""

    exit_code = 4
    label = "source error"


class WitnessError(EditioError):
    """The witness is missing or differs from its recorded checksum."""

    exit_code = 5
    label = "witness error"


class BibliographyError(EditioError):
    """The .bib file is malformed, has duplicates or misses required fields."""

    exit_code = 6
    label = "bibliography error"


class CitationError(EditioError):
    """A citation key is used that the bibliography does not have."""

    exit_code = 7
    label = "citation error"


class MarkupError(EditioError):
    """The inline apparatus markup (emendations, page breaks) is malformed."""

    exit_code = 8
    label = "markup error"


class CollationError(EditioError):
    """The reading text differs from the witness where no emendation says so."""

    exit_code = 9
    label = "collation error"


class SandboxError(EditioError):
    """A document reached for a file outside the project or for the network."""

    exit_code = 10
    label = "sandbox error"


class ToolError(EditioError):
    """pandoc, WeasyPrint or EPUBCheck failed or reported a problem."""

    exit_code = 11
    label = "tool error"


class CheckError(EditioError):
    """A validation (EPUBCheck, OCR suspects) found problems."""

    exit_code = 12
    label = "check failed"


class CorrectionError(EditioError):
    """A correction cannot be written: its token is not where it says, the file changed on
    disk meanwhile, or the corrected text would not collate. Nothing was written."""

    exit_code = 14
    label = "correction refused"


@dataclass
class EditioWarning:
    """Something an editor should see that does not stop the build (a draft, a typo'd key)."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        return str(EditioError(self.message, self.path, self.line, None, self.hint)) \
            .replace("error: ", "warning: ", 1)


def warn(warning: EditioWarning) -> None:
    """Say it on stderr, where errors go; the build goes on."""
    say(f"editio: {warning}")


# `make` runs one editio process per work, volume and collation page: a hint about the
# machine, a warning about a shared file or an error in a profile several works use would be
# printed by each. The Makefile names its run (EDITIO_RUN); the processes of one run keep what
# they said in a ledger under dist/.cache and say each message once. Alone, a process is the
# whole build and says everything.
_ledger: tuple[Path, str] | None = None


def share_messages(path: Path | None, run: str | None) -> None:
    """Say each message once among the processes that name the same `run` and `path` (None:
    this process says everything)."""
    global _ledger  # one per command, set by cli.py
    _ledger = (path, run) if path and run else None


def say(text: str) -> None:
    """Print `text` on stderr, unless another process of this run has printed it already."""
    if _ledger is None or _first_time(text, *_ledger):
        print(text, file=sys.stderr, flush=True)


def _first_time(text: str, path: Path, run: str) -> bool:
    import hashlib
    import json

    from filelock import FileLock

    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(path.with_name(path.name + ".lock"), timeout=10):
            try:
                said = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                said = {}
            if not isinstance(said, dict) or said.get("run") != run:
                said = {"run": run, "said": []}  # an earlier run's ledger: begin again
            if digest in said["said"]:
                return False
            said["said"].append(digest)
            path.write_text(json.dumps(said), encoding="utf-8")
    except (OSError, TimeoutError):
        pass  # no ledger to keep: saying it twice is better than not at all
    return True


class SchemaError(EditioError):
    """An XML output (TEI, JATS) is not valid against its schema: it is not written."""

    exit_code = 13
    label = "invalid output"


INTERNAL_ERROR_EXIT = 70

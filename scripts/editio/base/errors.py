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
    print(f"editio: {warning}", file=sys.stderr)


class SchemaError(EditioError):
    """An XML output (TEI, JATS) is not valid against its schema: it is not written."""

    exit_code = 13
    label = "invalid output"


INTERNAL_ERROR_EXIT = 70

"""`editio new`: a new work from an OCR witness, ready for the editor.

It copies the witness byte for byte, records its checksum, and writes text.md
with front matter and the witness's text, which collates clean from the start:
every correction the editor then makes is one emendation span.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from editio.errors import ProjectError, SourceError
from editio.source import read_text, sha256

WORK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# characters that would turn plain OCR text into Markdown syntax
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#+|~^$@])")


def new_work(project, work_id: str, witness: Path, title: str = "Untitled",
             author: str = "Anonymous") -> Path:
    if not WORK_ID.match(work_id):
        raise ProjectError(f"'{work_id}' is not a usable work id",
                           hint="use lower-case letters, digits, '.', '_' and '-'")
    folder = project.source_dir / work_id
    if folder.exists():
        raise ProjectError(f"source/{work_id} exists already", hint="choose another id")
    if not witness.is_file():
        raise SourceError("witness file not found", path=witness)
    markdown = witness.suffix.lower() in (".md", ".markdown")
    body = read_text(witness)
    name = "witness.md" if markdown else "witness.txt"
    folder.mkdir(parents=True)
    target = folder / name
    shutil.copyfile(witness, target)  # byte for byte: the witness is never edited
    if not markdown:
        # plain OCR: escape what Markdown would read as markup, so the first draft
        # says exactly what the witness says
        body = "\n".join(_plain_line(line) for line in body.split("\n"))
    text = (
        "---\n"
        f"title: {_yaml(title)}\n"
        f"author: {_yaml(author)}\n"
        "date: unknown\n"
        "lang: en-GB\n"
        "editor: The editors\n"
        "rights: To be stated\n"
        "source: to-be-added  # the copy-text's citation key in bib/references.bib\n"
        "version: 0.1.0\n"
        "profile: default\n"
        "witness:\n"
        f"  path: {name}\n"
        f"  sha256: {sha256(target)}\n"
        "---\n\n" + body.replace("\r\n", "\n").replace("\r", "\n")
    )
    path = folder / "text.md"
    path.write_text(text, encoding="utf-8")
    return path


def _plain_line(line: str) -> str:
    line = _MARKDOWN.sub(r"\\\1", line.strip())  # leading blanks would make code blocks
    line = re.sub(r"^(\d+)([.)])(\s|$)", r"\1\\\2\3", line)  # not a numbered list
    return re.sub(r"^([-=:])", r"\\\1", line)  # not a bullet, heading rule or definition


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

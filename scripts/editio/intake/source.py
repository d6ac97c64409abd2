"""Reading a work's files: strict UTF-8, YAML front matter, the witness checksum.

The build only ever reads source/; nothing here writes.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from editio.base.errors import EditioWarning, SourceError, WitnessError
from editio.base.project import (
    ACCEPTED_WORDS_FILE,
    DRAFT_SOURCE,
    NOTE_FILE,
    TEXT_FILE,
    Project,
    WitnessKind,
    witness_kind,
)
from editio.base.textfile import BOM, MAX_FILE_BYTES, read_text  # noqa: F401 - also theirs

REQUIRED_META = ("title", "author", "date", "lang", "rights", "witness")
# `source` (the copy-text's citation key) may wait: until it is set the edition is a draft
# that says so; `editor` may be left out (no "Edited by" line)
OPTIONAL_META = ("source", "editor", "subtitle", "version", "profile", "csl", "suspects")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # BCP 47, as EPUB needs
FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class WorkSource:
    """Everything the build reads for one work, checked and decoded."""

    work_id: str
    directory: Path
    text_path: Path
    text: str
    meta: dict
    body_line: int  # first line of the body, 1-based
    witness_path: Path
    witness: str
    note_path: Path | None
    note: str
    accepted_words: frozenset[str]

    warnings: tuple[EditioWarning, ...] = ()
    # how the witness is read, from its name once: every later stage reads this
    witness_kind: WitnessKind = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "witness_kind", witness_kind(self.witness_path))

    @property
    def profile_name(self) -> str:
        return str(self.meta.get("profile", "default"))

    @property
    def source_key(self) -> str | None:
        """The copy-text's citation key; None while the edition is a draft."""
        key = self.meta.get("source")
        return str(key) if key not in (None, "") else None


def split_front_matter(text: str, path: Path) -> tuple[dict, int]:
    """Parse the YAML block at the top; return it and the body's first line."""
    if not text.startswith("---\n"):
        raise SourceError(
            "no YAML front matter", path=path, line=1,
            hint="the file must begin with a line '---', the metadata, and a closing '---'",
        )
    end = FRONT_MATTER_END.search(text, 4)
    if end is None:
        raise SourceError("front matter is not closed by '---'", path=path, line=1)
    block = text[4 : end.start()]
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(f"front matter is not valid YAML: {problem}", path=path, line=line) \
            from None
    if not isinstance(meta, dict):
        raise SourceError("front matter must be a YAML mapping of fields", path=path, line=2)
    body_line = text[: end.end()].count("\n") + 2
    return meta, body_line


def meta_line(text: str, key: str) -> int | None:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _undone(data: bytes) -> dict[str, bytes]:
    """The witness with a checkout's or an editor's conversion undone, by what it was."""
    lf = data.replace(b"\r\n", b"\n")
    bare = data.removeprefix(BOM)
    bare_lf = lf.removeprefix(BOM)
    return {
        "line ends (LF made CRLF)": lf,
        "line ends (CRLF made LF)": lf.replace(b"\n", b"\r\n"),
        "byte-order mark (one was added)": bare,
        "byte-order mark (one was removed)": BOM + data,
        "line ends (LF made CRLF) and byte-order mark (one was added)": bare_lf,
        "line ends (CRLF made LF) and byte-order mark (one was added)":
            bare_lf.replace(b"\n", b"\r\n"),
    }


def converted_by(path: Path, recorded: str) -> str | None:
    """What a conversion changed, if undoing it gives the recorded checksum."""
    data = path.read_bytes()
    for what, variant in _undone(data).items():
        if variant != data and hashlib.sha256(variant).hexdigest() == recorded:
            return what
    return None


def load_work(project: Project, work_id: str) -> WorkSource:
    directory = project.work_dir(work_id)
    text_path = directory / TEXT_FILE
    text = read_text(text_path)
    meta, body_line = split_front_matter(text, text_path)
    missing = [key for key in REQUIRED_META if meta.get(key) in (None, "")]
    if missing:
        raise SourceError(
            f"front matter lacks {', '.join(missing)}", path=text_path, line=2,
            hint=f"required fields: {', '.join(REQUIRED_META)}",
        )
    body = "\n".join(text.splitlines()[body_line - 1 :])
    if not body.strip():
        raise SourceError("the text is empty: nothing after the front matter",
                          path=text_path, line=body_line)

    if not LANGUAGE_TAG.match(str(meta["lang"])):
        raise SourceError(f"lang '{meta['lang']}' is not a language tag", path=text_path,
                          line=meta_line(text, "lang"), hint="e.g. en-GB, en-US, de, fr")
    witness_meta = meta["witness"]
    line = meta_line(text, "witness")
    if not isinstance(witness_meta, dict) or not {"path", "sha256"} <= witness_meta.keys():
        raise SourceError("'witness' needs 'path' and 'sha256'", path=text_path, line=line)
    witness_path = (directory / str(witness_meta["path"])).resolve()
    if not witness_path.is_relative_to(directory.resolve()):
        raise WitnessError("the witness must lie in the work's own folder",
                           path=text_path, line=line)
    if not witness_path.is_file():
        raise WitnessError(f"witness file {witness_meta['path']} is missing",
                           path=text_path, line=line)
    actual = sha256(witness_path)
    recorded = str(witness_meta["sha256"]).lower()
    if actual != recorded:
        what = converted_by(witness_path, recorded)
        hint = "the witness is never edited; restore it from its source"
        if what:
            hint = (f"it differs from the recorded witness only in its {what}: a checkout or "
                    "an editor converted it. Restore it byte for byte: in a git checkout, "
                    f"delete {witness_path.name} and run 'git checkout -- {witness_path.name}' "
                    "in its folder (the project's .gitattributes keeps witnesses as they are)")
        raise WitnessError(
            f"witness {witness_path.name} has changed: sha256 is {actual}, "
            f"the front matter records {witness_meta['sha256']}",
            path=text_path, line=meta_line(text, "  sha256") or line, hint=hint,
        )
    witness = read_text(witness_path)

    note_path = directory / NOTE_FILE
    note = read_text(note_path) if note_path.is_file() else ""
    accepted_path = directory / ACCEPTED_WORDS_FILE
    accepted = read_accepted_words(accepted_path) if accepted_path.is_file() else frozenset()
    return WorkSource(
        work_id=work_id, directory=directory, text_path=text_path, text=text, meta=meta,
        body_line=body_line, witness_path=witness_path, witness=witness,
        note_path=note_path if note else None, note=note, accepted_words=accepted,
        warnings=_meta_warnings(meta, text, text_path),
    )


def read_accepted_words(path: Path) -> frozenset[str]:
    """An accepted-words list: a word a line, any case; blank lines and `#` comments left out.

    The one reader, for the build's check, the desk and `editio suspects --accept`."""
    return frozenset(line.strip().lower() for line in read_text(path).splitlines()
                     if line.strip() and not line.lstrip().startswith("#"))


def _meta_warnings(meta: dict, text: str, path: Path) -> tuple[EditioWarning, ...]:
    """Front-matter keys editio does not read (most often a typo), and a draft's source."""
    known = (*REQUIRED_META, *OPTIONAL_META)
    found = []
    for key in meta:
        if str(key) in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        found.append(EditioWarning(
            f"front matter key '{key}' is not one editio reads; it is ignored",
            path=path, line=meta_line(text, str(key)),
            hint=f"did you mean '{close[0]}'?" if close else f"keys: {', '.join(known)}"))
    if meta.get("source") in (None, ""):
        found.append(EditioWarning(
            f"no source: the edition is a draft, its title page says the source is "
            f"{DRAFT_SOURCE}", path=path,
            line=meta_line(text, "source") or meta_line(text, "# source") or 2,
            hint="add the copy-text to bib/references.bib and its key as 'source: KEY'"))
    return tuple(found)

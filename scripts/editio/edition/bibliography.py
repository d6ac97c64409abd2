"""The one bibliography: validated with bibtexparser before pandoc ever sees it."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import hashlib
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

from editio.base.errors import BibliographyError, CitationError, EditioWarning, warn
from editio.base.pandoc_ast import Document, iter_nodes
from editio.base.textfile import read_text

BIB_FILE = "references.bib"

# Required fields per entry type, as biblatex defines them; "a|b" means either.
REQUIRED = {
    "article": ("author", "title", "journal|journaltitle", "year|date"),
    "book": ("author|editor", "title", "year|date"),
    "incollection": ("author", "title", "booktitle", "year|date"),
    "inbook": ("author", "title", "booktitle", "year|date"),
    "collection": ("editor", "title", "year|date"),
    "thesis": ("author", "title", "institution|school", "year|date"),
    "phdthesis": ("author", "title", "school|institution", "year|date"),
    "online": ("title", "url", "year|date|urldate"),
    "misc": ("title",),
}


@dataclass(frozen=True)
class Incomplete:
    """An entry without a field its type requires."""

    message: str
    line: int


@dataclass(frozen=True)
class Bibliography:
    path: Path
    keys: frozenset[str]
    incomplete: dict[str, Incomplete] = dataclasses.field(default_factory=dict)  # by key


# the last parse of each .bib file, by its content: one parse per build (and per edit of the
# file, in the preview's long run); the build's threads share it, so it is made under a lock
_parsed: dict[Path, tuple[str, Library]] = {}
_parsing = threading.Lock()


def parsed(path: Path) -> Library:
    """The .bib file as bibtexparser reads it, parsed once per build however many ask: the
    check (load), the entries the Edition carries (entries) and make's extract (depfile).

    Shared: nobody may change it (entries() decodes a copy)."""
    text = read_text(path)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _parsing:
        known = _parsed.get(path.resolve())
        if known is None or known[0] != digest:
            # bibtexparser reports failed blocks through logging too; we report them ourselves
            logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
            known = (digest, bibtexparser.parse_string(text))
            _parsed[path.resolve()] = known
        return known[1]


def load(bib_dir: Path) -> Bibliography:
    path = bib_dir / BIB_FILE
    if not path.is_file():
        raise BibliographyError("bibliography not found", path=path,
                                hint=f"every project keeps one bib/{BIB_FILE}")
    library = parsed(path)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = next((e for e in library.entries if e.key == block.key), None)
            at = f" (first at line {(first.start_line or 0) + 1})" if first else ""
            raise BibliographyError(f"duplicate key '{block.key}'{at}", path=path, line=line,
                                    hint="each entry needs its own key")
        if isinstance(block, ParsingFailedBlock):
            raw = block.raw.splitlines()[0] if block.raw else ""
            reason = str(block.error).split(":")[0] if block.error else "syntax error"
            raise BibliographyError(f"cannot parse entry '{raw.strip()[:60]}': {reason}",
                                    path=path, line=line,
                                    hint="check the braces, commas and quotes of this entry")
        raise BibliographyError("cannot parse this block", path=path, line=line)
    incomplete = {}
    for entry in library.entries:
        fields = {k.lower() for k in entry.fields_dict}
        for need in REQUIRED.get(entry.entry_type.lower(), ("title",)):
            if not any(alt in fields for alt in need.split("|")):
                incomplete[entry.key] = Incomplete(
                    f"@{entry.entry_type}{{{entry.key}}} lacks the field "
                    f"{need.replace('|', ' or ')}", (entry.start_line or 0) + 1)
                break
    return Bibliography(path=path, keys=frozenset(e.key for e in library.entries),
                        incomplete=incomplete)


def check_complete(bibliography: Bibliography, cited: Iterable[str]) -> None:
    """An entry a text cites must have its type's fields; one nobody here cites is named in
    a warning (a text that cites it later would fail), and the build goes on."""
    hint = ("add the field; if the fact is unknown, choose a type that does not require it "
            "(e.g. @misc)")
    cited = set(cited)
    for key, missing in sorted(bibliography.incomplete.items(), key=lambda i: i[1].line):
        if key in cited:
            raise BibliographyError(missing.message, path=bibliography.path, line=missing.line,
                                    hint=hint)
    for key, missing in sorted(bibliography.incomplete.items(), key=lambda i: i[1].line):
        if key not in cited:
            warn(EditioWarning(f"{missing.message}; a text that cites it will not build",
                               path=bibliography.path, line=missing.line, hint=hint))


@dataclass(frozen=True)
class Name:
    given: str  # "" for a name that is one piece ("Anonymous", a body)
    family: str


@dataclass(frozen=True)
class Entry:
    """One .bib entry as structured data, its LaTeX decoded, for the XML outputs."""

    key: str
    entry_type: str  # lower case: article, book, incollection, ...
    fields: dict[str, str]  # everything but names, decoded to Unicode
    names: dict[str, tuple[Name, ...]]  # author, editor

    @property
    def year(self) -> str:
        return (self.fields.get("date") or self.fields.get("year") or "")[:4]

    @property
    def date(self) -> str:
        """ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD), or "" when not given as a date."""
        value = self.fields.get("date") or self.fields.get("year") or ""
        return value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else ""

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        """An entry from dataclasses.asdict's JSON (the Edition's cache)."""
        return cls(data["key"], data["entry_type"], data["fields"],
                   {role: tuple(Name(**n) for n in names)
                    for role, names in data["names"].items()})

    @property
    def full_title(self) -> str:
        sub = self.fields.get("subtitle")
        return f"{self.fields['title']}: {sub}" if sub else self.fields.get("title", "")


NAME_FIELDS = ("author", "editor")


def _latex_decoder() -> Any:  # a pylatexenc LatexNodes2Text (pylatexenc has no type hints)
    from pylatexenc import latexwalker, macrospec
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    # biblatex's \enquote is not among pylatexenc's macros: quotation marks, as in print
    to_text = get_default_latex_context_db().filter_context()
    to_text.add_context_category("biblatex", prepend=True,
                                 macros=[MacroTextSpec("enquote", "\u201c%s\u201d")])
    parsing = latexwalker.get_default_latex_context_db().filter_context()
    parsing.add_context_category("biblatex", prepend=True,
                                 macros=[macrospec.MacroSpec("enquote", "{")])

    class Decoder(LatexNodes2Text):
        def latex_to_text(self, latex: str, **options: Any) -> str:
            return super().latex_to_text(latex, latex_context=parsing, **options)

    return Decoder(latex_context=to_text)


def entries(bib_dir: Path) -> dict[str, Entry]:
    """Every entry of the (already validated) bibliography, by key, its LaTeX decoded."""
    from bibtexparser import middlewares

    # the middlewares change the blocks they are given: a copy, the parse is shared
    library = copy.deepcopy(parsed(bib_dir / BIB_FILE))
    for middleware in (middlewares.LatexDecodingMiddleware(decoder=_latex_decoder()),
                       middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()):
        library = middleware.transform(library)
    out: dict[str, Entry] = {}
    for entry in library.entries:
        fields: dict[str, str] = {}
        names: dict[str, tuple[Name, ...]] = {}
        for field in entry.fields:
            key = field.key.lower()
            if key in NAME_FIELDS:
                names[key] = tuple(Name(" ".join(n.first), " ".join([*n.von, *n.last]))
                                   for n in field.value)
            else:
                fields[key] = " ".join(str(field.value).split())
        out[entry.key] = Entry(entry.key, entry.entry_type.lower(), fields, names)
    return out


def sort_titles(path: Path) -> dict[str, str]:
    """Each entry's `sorttitle`, by key, where it has one: biblatex's field for the title an
    entry is filed under ('Prophet Armed' for 'The Prophet Armed', as a library files it)."""
    library = parsed(path)
    return {e.key: " ".join(str(e.fields_dict["sorttitle"].value).split())
            for e in library.entries if "sorttitle" in e.fields_dict}


def with_sort_titles(path: Path) -> str:
    """The .bib with each `sorttitle` in its entry's `title`: what a CSL style, which knows
    no sort title, sorts as biblatex would. For sorting only, never for print."""
    library = copy.deepcopy(parsed(path))  # changed here: a copy, the parse is shared
    for entry in library.entries:
        fields = entry.fields_dict
        if "sorttitle" in fields and "title" in fields:
            fields["title"].value = fields["sorttitle"].value
    return bibtexparser.write_string(library)


def cited_keys(doc: Document) -> list[str]:
    keys: list[str] = []
    for node in iter_nodes(doc["blocks"]):
        if node.get("t") == "Cite":
            keys.extend(c["citationId"] for c in node["c"][0])
    return keys


def check_citations(keys: list[str], bibliography: Bibliography, path: Path, text: str,
                    extra: dict[str, str] | None = None) -> None:
    """Every key cited (and every key named in metadata) must be in the .bib."""
    named = {k: f"@{k}" for k in keys}
    named.update(extra or {})
    for key, needle in named.items():
        if key in bibliography.keys:
            continue
        index = text.find(needle)
        line = text[:index].count("\n") + 1 if index >= 0 else None
        close = difflib.get_close_matches(key, sorted(bibliography.keys), n=3)
        raise CitationError(
            f"unknown citation key '{key}' (not in {bibliography.path.name})", path=path,
            line=line, hint=f"did you mean {', '.join(close)}?" if close else
            f"add an entry '{key}' to bib/{BIB_FILE}")

"""The one bibliography: validated with bibtexparser before pandoc ever sees it."""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

from editio.errors import BibliographyError, CitationError
from editio.pandoc_ast import iter_nodes
from editio.source import read_text

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
class Bibliography:
    path: Path
    keys: frozenset[str]


def load(bib_dir: Path) -> Bibliography:
    path = bib_dir / BIB_FILE
    if not path.is_file():
        raise BibliographyError("bibliography not found", path=path,
                                hint=f"every project keeps one bib/{BIB_FILE}")
    text = read_text(path)
    # bibtexparser reports failed blocks through logging as well; we report them ourselves
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = next((e for e in library.entries if e.key == block.key), None)
            at = f" (first at line {first.start_line + 1})" if first else ""
            raise BibliographyError(f"duplicate key '{block.key}'{at}", path=path, line=line,
                                    hint="each entry needs its own key")
        if isinstance(block, ParsingFailedBlock):
            raw = block.raw.splitlines()[0] if block.raw else ""
            reason = str(block.error).split(":")[0] if block.error else "syntax error"
            raise BibliographyError(f"cannot parse entry '{raw.strip()[:60]}': {reason}",
                                    path=path, line=line,
                                    hint="check the braces, commas and quotes of this entry")
        raise BibliographyError("cannot parse this block", path=path, line=line)
    for entry in library.entries:
        fields = {k.lower() for k in entry.fields_dict}
        for need in REQUIRED.get(entry.entry_type.lower(), ("title",)):
            if not any(alt in fields for alt in need.split("|")):
                raise BibliographyError(
                    f"@{entry.entry_type}{{{entry.key}}} lacks the field "
                    f"{need.replace('|', ' or ')}", path=path, line=entry.start_line + 1,
                    hint="add the field; if the fact is unknown, choose a type that does not "
                    "require it (e.g. @misc)")
    return Bibliography(path=path, keys=frozenset(e.key for e in library.entries))


def cited_keys(doc: dict) -> list[str]:
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

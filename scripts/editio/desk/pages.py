"""A work's pages: where each begins in text.md, its image, and how far it is proofread.

Pages are the witness's, as the page breaks record them (`[]{.pb n="5"}`): the text before
the first break is on the page before it (page 4), and a text without breaks is one page,
"1". Images of the original, when the editor has them, lie in source/<work>/pages/ named by
the page number (pages/5.png, pages/5.jpg). The status of each page, as in Wikisource's
ProofreadPage, is one of not proofread (the default), proofread, validated (by a second
person), kept in source/<work>/page-status.tsv, one `page<TAB>status` row a page.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from editio.base.errors import SourceError
from editio.intake.markup import attribute_value

PAGES_DIR = "pages"
STATUS_FILE = "page-status.tsv"
STATUSES = ("not proofread", "proofread", "validated")
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".webp": "image/webp", ".gif": "image/gif"}
_HEADER = ("# The status of each page of the witness: not proofread, proofread or validated\n"
           "# (validated: proofread again by a second person). Written by the desk.\n"
           "page\tstatus\n")
_PB = re.compile(r"(^|\s)\.pb(\s|$)")
_PB_WRITTEN = re.compile(r"\.pb[\s}]")  # where a page break may be written


@dataclass(frozen=True)
class Page:
    number: str
    offset: int  # where it begins in text.md (0: at the top)
    status: str
    image: Path | None


def _breaks(text: str) -> list[tuple[int, str]]:
    from editio.desk.writer import spans_near

    return [(m.start(), attribute_value(m["attrs"], "n")) for m in spans_near(text, _PB_WRITTEN)
            if _PB.search(m["attrs"]) and attribute_value(m["attrs"], "n")]


def _before(first: str) -> str:
    return str(int(first) - 1) if first.isdigit() and int(first) > 1 else "1"


def work_pages(directory: Path, text: str) -> list[Page]:
    """The pages of the work whose folder and text.md's text are given, in order."""
    breaks = _breaks(text)
    numbers = [(0, _before(breaks[0][1]) if breaks else "1"), *breaks]
    status = read_status(directory)
    folder = directory / PAGES_DIR
    images = {f.name for f in folder.iterdir()} if folder.is_dir() else set()  # one look
    return [Page(n, offset, status.get(n, STATUSES[0]), page_image(directory, n, images))
            for offset, n in numbers]


def page_at(pages: list[Page], offset: int) -> Page:
    """The page an offset of text.md stands on."""
    return pages[max(0, bisect.bisect_right([p.offset for p in pages], offset) - 1)]


def page_image(directory: Path, number: str, names: set[str] | None = None) -> Path | None:
    """The image of a page, if there is one (names: the pages folder's, if known)."""
    folder = directory / PAGES_DIR
    for suffix in IMAGE_TYPES:
        candidate = folder / f"{number}{suffix}"
        if (candidate.name in names) if names is not None else candidate.is_file():
            return candidate
    return None


def read_status(directory: Path) -> dict[str, str]:
    """page -> status from page-status.tsv (none: every page is not proofread)."""
    path = directory / STATUS_FILE
    if not path.is_file():
        return {}
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("page\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or cells[1].strip() not in STATUSES:
            raise SourceError(f"'{line}' is not a page and its status", path=path, line=number,
                              hint="one row a page: the page number, a tab, and "
                              + ", ".join(STATUSES))
        found[cells[0].strip()] = cells[1].strip()
    return found


def status_text(status: dict[str, str], pages: list[str]) -> str:
    """page-status.tsv with these statuses, pages in the work's order (others after them)."""
    order = [p for p in pages if p in status] + sorted(set(status) - set(pages))
    return _HEADER + "".join(f"{p}\t{status[p]}\n" for p in order
                             if status[p] != STATUSES[0])

"""The build scheduler: prepares editions and writes their formats, keeping both cores busy.

WeasyPrint typesets in Python on the calling thread; the rest is mostly waiting for pandoc
processes. So WeasyPrint is imported while the first edition is prepared, the EPUB and DOCX
are written beside the PDF, and the next edition is prepared while this one's PDF is
typeset. Errors still surface in order: an edition's, then its formats'.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from editio.base import errors
from editio.base.errors import EditioError
from editio.base.outputs import all_or_none
from editio.base.project import Project
from editio.edition.work import Edition, output_path

EXTENSIONS = {"tei": "tei.xml", "jats": "jats.xml"}  # other formats: their own name

# a format's writer: the edition into the file it names, which it returns
Writer = Callable[[Project, Edition, Path], Path]


@dataclass(frozen=True)
class Say:
    """What the build tells the user on stderr."""

    quiet: bool = False
    verbose: bool = False


def _pdf_writer(first_lang: Callable[[], str], say: Say) -> Writer:
    """The PDF writer, made ready while the first edition is prepared."""
    from editio.formats import fonts
    from editio.formats.pdf.book import write_pdf  # imports WeasyPrint: half a second
    from editio.formats.pdf.writer import load_hyphenation

    hint = fonts.subsetter_hint()
    if hint and not say.quiet:
        errors.say(f"editio: note: {hint}")  # once in a `make` run, not once per work

    fonts.installed()  # fontpkg reads every installed package's metadata once
    with contextlib.suppress(EditioError):  # preparing the edition will report it
        load_hyphenation(first_lang())
    return write_pdf


def _target(project: Project, edition: Edition, fmt: str) -> Path:
    return output_path(project, edition.work_id, EXTENSIONS.get(fmt, fmt))


def _write(project: Project, edition: Edition, fmt: str, writer: Writer) -> float:
    """Write one format (held back until the edition's every format is written); its time."""
    start = time.monotonic()
    target = _target(project, edition, fmt)
    try:
        writer(project, edition, target)
    except EditioError as exc:
        if exc.path is None:  # a tool failed on the output: say which file it was writing
            exc.path = target.relative_to(project.root)
        raise
    return time.monotonic() - start


def _wrote(project: Project, edition: Edition, formats: list[str], took: dict[str, float],
           say: Say) -> None:
    if say.quiet:
        return
    for fmt in formats:
        seconds = f" ({took[fmt]:.1f} s)" if say.verbose else ""
        print(f"{edition.work_id}: wrote "
              f"{_target(project, edition, fmt).relative_to(project.root)}{seconds}",
              file=sys.stderr)


def build(project: Project, names: list[str], prepare_one: Callable[[str], Edition],
          formats: list[str], first_lang: Callable[[], str], say: Say,
          record: Callable[[Edition], object] | None = None) -> None:
    """Prepare each edition (a work or a volume), `record` it, and write it in every format."""
    # Typesetting makes millions of short-lived objects, and reference counting frees
    # nearly all of them; the cyclic collector rescanning the live ones costs a tenth of a
    # build. So it is off while works are built, and runs once between works instead.
    collecting = gc.isenabled()
    gc.disable()
    helpers = ThreadPoolExecutor(max_workers=2)
    try:
        pdf_writer = helpers.submit(_pdf_writer, first_lang, say) if "pdf" in formats else None
        upcoming = helpers.submit(prepare_one, names[0])
        # imported once the helpers are under way
        from editio.formats.docx.writer import write_docx
        from editio.formats.epub.writer import write_epub

        writers = {"epub": write_epub, "docx": write_docx}
        if "tei" in formats:
            from editio.formats.tei import write_tei

            writers["tei"] = write_tei
        if "jats" in formats:
            from editio.formats.jats import write_jats

            writers["jats"] = write_jats
        for following in [*names[1:], None]:
            edition = upcoming.result()
            if record:  # before the outputs, so they are newer than what make reads
                record(edition)
            if following is not None:
                upcoming = helpers.submit(prepare_one, following)
            # every format of the edition, or none: a failed one keeps the others' last build
            with all_or_none(_target(project, edition, fmt) for fmt in formats):
                jobs = {fmt: helpers.submit(_write, project, edition, fmt, writers[fmt])
                        for fmt in formats if fmt != "pdf"}
                try:
                    took = {"pdf": _write(project, edition, "pdf", pdf_writer.result())} \
                        if pdf_writer else {}
                finally:
                    wait(jobs.values())  # none may finish after the block has decided
                took.update({fmt: job.result() for fmt, job in jobs.items()})
            _wrote(project, edition, formats, took, say)
            if following is not None:
                gc.collect()
    finally:
        helpers.shutdown(wait=True, cancel_futures=True)
        if collecting:
            gc.enable()

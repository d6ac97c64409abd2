"""`editio check`: named checks, each run on every work and every volume.

A check is a name and a function of (run, target). It returns what it found in order (a
short summary, printed as "collation: deutscher-1957 ok (72 emendations)") or raises an
EditioError naming file and line. Every check runs on every target before anything fails,
so one run lists every problem. To add a check (Ace, a PDF structure check, TEI/JATS
validation), write its function here or in its own module and append it to CHECKS.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from editio.base.errors import CheckError, EditioError
from editio.base.project import Project

if TYPE_CHECKING:
    from editio.desk.flags import Flag
    from editio.intake.markup import Markup
    from editio.intake.source import WorkSource
    from editio.proof.collate import Collation

T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """What a check runs on: a work (its own id in `works`), or a volume and its works."""

    name: str
    works: tuple[str, ...]
    volume: bool = False


@dataclass
class Run:
    """One `editio check`: the project, and what its checks work out once and share."""

    project: Project
    memo: dict[tuple[str, str], object] = field(default_factory=dict)  # by (what, work)
    release: bool = False  # `editio check --release`: what keeps a work a draft fails

    def once(self, key: tuple[str, str], make: Callable[[], T]) -> T:
        """make(), computed once per run (a volume's checks reuse its works' results)."""
        if key not in self.memo:
            try:
                self.memo[key] = make()
            except EditioError as exc:
                self.memo[key] = exc
        found = self.memo[key]
        if isinstance(found, EditioError):
            raise found
        return cast(T, found)


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Run, Target], str]


class Draft(str):
    """A check's summary that says the target is not ready for release (it passes, as a
    draft may: `editio check --release` fails instead)."""


@dataclass(frozen=True)
class Outcome:
    check: str
    target: str
    summary: str = ""
    error: EditioError | None = None

    @property
    def line(self) -> str:
        if self.error is None:
            word = "draft" if isinstance(self.summary, Draft) else "ok"
            return f"{self.check}: {self.target} {word}" + (f" ({self.summary})"
                                                          if self.summary else "")
        return f"{self.check}: {self.target} FAILED"


def _collate_work(run: Run, work: str) -> tuple[Markup, Collation]:
    from editio.base import pandoc
    from editio.intake.markup import read_markup
    from editio.intake.source import load_work
    from editio.proof.collate import collate

    def make() -> tuple[Markup, Collation]:
        source = load_work(run.project, work)
        doc = pandoc.parse_markdown(source.text)
        markup = read_markup(doc, source)
        return markup, collate(doc, markup, source)

    return run.once(("collation", work), make)


def collation(run: Run, target: Target) -> str:
    """Every difference between witness and reading text is a recorded emendation."""
    emendations = breaks = 0
    for work in target.works:
        markup, found = _collate_work(run, work)
        emendations += len(markup.emendations)
        breaks += len(markup.page_breaks)
    of = f" in {len(target.works)} works" if target.volume else ""
    # a work's silent normalisations, each with the times applied: the note on the text's list
    listed = "" if target.volume or not found.normalisations else \
        "; silent normalisations:" + "".join(f"\n  {n.count:5d}  {n.text}"
                                             for n in found.normalisations)
    return (f"witness and reading text agree; {emendations} emendations, {breaks} page and "
            f"column breaks{of}{listed}")


def suspects(run: Run, target: Target) -> str:
    """No token of the reading text looks like an OCR error (or it is an accepted word)."""
    from editio.desk.flags import reading_suspects
    from editio.desk.forms import format_human
    from editio.intake.source import load_work

    def find(work: str) -> tuple[WorkSource, list[Flag]]:
        # the flags `editio suspects text.md` shows, at text.md's places (the desk asks more)
        source = load_work(run.project, work)
        return source, reading_suspects(source.text, source.body_line, source.meta,
                                        source.accepted_words, source.text_path)

    for work in target.works:
        source, found = run.once(("suspects", work), functools.partial(find, work))
        if found:
            raise CheckError(
                f"{len(found)} OCR suspect(s) in the reading text:\n"
                + format_human(found, str(source.text_path)),
                path=source.text_path,
                hint=f"emend them, or list known-good words in source/{work}/"
                "accepted-words.txt")
    return "no OCR suspects in the reading text"


def draft_reasons(run: Run, work: str) -> list[str]:
    """What keeps a work a draft: no source, the rights not stated, readings still
    cert="low" without a note (as the desk and --apply write them, until a second reading
    confirms them), pages of the witness not validated (source/<work>/page-status.tsv)."""
    from editio.base import pandoc
    from editio.desk.pages import STATUSES, work_pages
    from editio.intake.markup import read_markup
    from editio.intake.scaffold import DEFAULT_RIGHTS
    from editio.intake.source import load_work, meta_line

    source = load_work(run.project, work)
    where = f"source/{work}/text.md"
    found = []
    if source.source_key is None:
        found.append(f"no source: the copy-text's key in bib/references.bib as 'source:' "
                     f"({where})")
    if str(source.meta.get("rights", "")).strip() == DEFAULT_RIGHTS:
        found.append(f"rights: \"{DEFAULT_RIGHTS}\" ({where}:"
                     f"{meta_line(source.text, 'rights')})")
    markup = run.once(("markup", work), lambda: read_markup(
        pandoc.parse_markdown(source.text), source))
    # a low reading with a note is the editors' considered doubt, said in the apparatus; one
    # without is a reading accepted at the desk (or pasted from --markup) not yet confirmed
    low = [e for e in markup.emendations if e.certainty == "low" and not e.note]
    if low:
        lines = ", ".join(str(e.line) for e in low[:8] if e.line) + (", …" if len(low) > 8
                                                                      else "")
        found.append(f"{len(low)} reading(s) still cert=\"low\", not confirmed ({where} "
                     f"line {lines})")
    pages = work_pages(source.directory, source.text)
    open_pages = [p for p in pages if p.status != STATUSES[-1]]
    if open_pages:
        # each status with its pages, as the desk shows them: what is left, and how far
        groups = {status: [p.number for p in open_pages if p.status == status]
                  for status in STATUSES[:-1]}
        by_status = "; ".join(f"{status} {_listed(numbers)}"
                              for status, numbers in groups.items() if numbers)
        found.append(f"{len(open_pages)} of {len(pages)} page(s) not validated: {by_status} "
                     f"(source/{work}/page-status.tsv)")
    return found


def _listed(numbers: list[str], at_most: int = 8) -> str:
    return ", ".join(numbers[:at_most]) + (", …" if len(numbers) > at_most else "")


def release(run: Run, target: Target) -> str:
    """Whether each work is ready for release: listed by `editio check`, failed on by
    `editio check --release`."""
    found = [f"{work}: {reason}" if target.volume else reason
             for work in target.works for reason in draft_reasons(run, work)]
    if not found:
        return "ready for release: a source, the rights stated, no reading cert=\"low\", " \
               "every page validated"
    listed = "".join(f"\n  - {reason}" for reason in found)
    if run.release:
        raise CheckError(f"{target.name} is a draft, not ready for release:{listed}",
                         hint="record the source and the rights in the front matter; confirm "
                         "or settle the low-certainty readings and validate each page (the "
                         "desk: editio preview WORK, then 'correct')")
    return Draft(f"not ready for release: {len(found)} reason(s){listed}")


def epubcheck(run: Run, target: Target) -> str:
    """The built EPUB passes EPUBCheck with no error and no warning."""
    from editio.edition.work import output_path
    from editio.judges.epubcheck import require_clean

    epub = output_path(run.project, target.name, "epub")
    if not epub.is_file():
        return f"skipped: no {epub.name} yet; run 'make epub' first"
    report = require_clean(epub)
    return f"{report.errors} errors, {report.warnings} warnings"


def ace(run: Run, target: Target) -> str:
    """DAISY Ace finds no accessibility violation, of any impact, in the built EPUB."""
    from editio.edition.work import output_path
    from editio.judges import ace as ace_run

    epub = output_path(run.project, target.name, "epub")
    if not epub.is_file():
        return f"skipped: no {epub.name} yet; run 'make epub' first"
    outdir = run.project.dist_dir / f"{target.name}.ace"
    ace_run.require_clean(run.project.root, epub, outdir)
    return f"no violation; report in {outdir.relative_to(run.project.root)}/report.json"


def pdf_structure(run: Run, target: Target) -> str:
    """The built PDF's structure tree reaches everything on its pages (pdfcheck.py)."""
    from editio.edition.work import output_path
    from editio.judges.pdfcheck import require_clean

    pdf = output_path(run.project, target.name, "pdf")
    if not pdf.is_file():
        return f"skipped: no {pdf.name} yet; run 'make pdf' first"
    require_clean(pdf)
    return "tagged, described and identified: no finding"


def pdfua(run: Run, target: Target) -> str:
    """The built PDF passes the second PDF/UA checker, `pdfua` from PyPI (pdfua_judge.py)."""
    from editio.edition.work import output_path
    from editio.judges.pdfua_judge import require_clean

    pdf = output_path(run.project, target.name, "pdf")
    if not pdf.is_file():
        return f"skipped: no {pdf.name} yet; run 'make pdf' first"
    verdict = require_clean(pdf)
    return f"no finding in {verdict.rules_run} rules, none skipped"


def tei(run: Run, target: Target) -> str:
    """The built TEI is valid against TEI P5's tei_all.rng."""
    from editio.edition.work import output_path
    from editio.judges.schemas import TEI_VERSION, check_tei_file

    path = output_path(run.project, target.name, "tei.xml")
    if not path.is_file():
        return f"skipped: no {path.name} yet; run 'make tei' first"
    # Jing, as the build checks (a second of CPU a file, where lxml first compiles tei_all
    # for 10-15 s: a project has a few TEI files); lxml where there is no Java
    check_tei_file(path, path)
    return f"valid against TEI P5 {TEI_VERSION} tei_all"


def jats(run: Run, target: Target) -> str:
    """The built JATS declares and follows a JATS 1.1 DTD (Publishing, or Archiving)."""
    from editio.edition.work import output_path
    from editio.judges.schemas import JATS_VERSION, check_jats, parse

    if target.volume:
        return "skipped: JATS is written for works, not volumes"
    path = output_path(run.project, target.name, "jats.xml")
    if not path.is_file():
        return f"skipped: no {path.name} yet; run 'make jats' first"
    tag_set = check_jats(parse(path), path)
    return f"valid against the JATS {tag_set.name} DTD {JATS_VERSION}"


CHECKS: list[Check] = [
    Check("collation", collation),
    Check("suspects", suspects),
    Check("epubcheck", epubcheck),
    Check("ace", ace),
    Check("pdf", pdf_structure),
    Check("pdfua", pdfua),
    Check("tei", tei),
    Check("jats", jats),
    Check("release", release),
]


def targets(project: Project, works: Iterable[str], volumes: Iterable[str]) -> list[Target]:
    from editio.edition.volume import load_manifest

    found = [Target(work, (work,)) for work in works]
    for volume in volumes:
        found.append(Target(volume, load_manifest(project, volume).works, volume=True))
    return found


def run_checks(project: Project, checked: list[Target], checks: list[Check] | None = None,
               report: Callable[[str], None] = print, *, release: bool = False) -> list[Outcome]:
    """Run every check on every target, report each outcome, then fail with all findings.

    One finding is raised as it is (a collation error keeps its exit code); several are
    raised together, as their common kind when they share one, otherwise as a CheckError.
    """
    run = Run(project, release=release)
    outcomes = []
    for target in checked:
        for check in CHECKS if checks is None else checks:
            try:
                outcome = Outcome(check.name, target.name, summary=check.run(run, target))
            except EditioError as exc:
                outcome = Outcome(check.name, target.name, error=exc)
            outcomes.append(outcome)
            report(outcome.line)
    failed = [o.error for o in outcomes if o.error is not None]
    if len(failed) == 1:
        raise failed[0]
    if failed:
        kinds = {type(e) for e in failed}
        kind = kinds.pop() if len(kinds) == 1 else CheckError
        raise kind(f"{len(failed)} checks failed:\n" + "\n".join(f"- {e}" for e in failed))
    return outcomes


def by_name(names: Iterable[str]) -> list[Check]:
    known = {check.name: check for check in CHECKS}
    unknown = [n for n in names if n not in known]
    if unknown:
        from editio.base.errors import ProjectError

        raise ProjectError(f"unknown check {', '.join(unknown)}",
                           hint=f"checks: {', '.join(known)}")
    return [known[n] for n in names]

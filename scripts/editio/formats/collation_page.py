"""The collation page: every emendation in its context, the witness against the edition.

One self-contained HTML file (dist/<work>-collation.html) for readers who want to
see what the editors changed. It renders the collation's own result (proof.collate's
Collation, carried in the prepared Edition; collation_model cuts each emendation's context
from it): the witness side is the reading text turned back into the
witness, which the build proves equal to the witness token for token; the reading side is
the same text with each emendation's reading in place. Nothing is parsed or counted here.

Presentation (markup, CSS, JavaScript) lives in styles/collation/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
import markupsafe

from editio import __version__
from editio.base import pandoc
from editio.base.errors import ProjectError
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Document
from editio.base.project import Project
from editio.base.spans import CERTAINTIES, KINDS
from editio.edition.apparatus import KIND_LABELS, readings
from editio.edition.cache import load_or_prepare
from editio.edition.work import Edition
from editio.formats.collation_model import EMPTY, Context, collated_contexts

TEMPLATE_DIR = "collation"
TEMPLATE = "page.html.j2"


@dataclass(frozen=True)
class Row:
    number: int
    location: str  # as in the apparatus: "¶ 12", "n. 2", "heading before ¶ 13"
    kind: str
    kind_label: str
    certainty: str
    note: str  # HTML: the note as the apparatus sets it
    lemma: str
    sic: str  # unescaped, as the apparatus prints it
    witness: Context
    edition: Context
    text_line: int | None
    witness_line: int | None


def collation_rows(edition: Edition) -> list[Row]:
    if edition.collation is None:
        raise ProjectError(f"{edition.work_id} is a volume: a collation page is made per work")
    seen_in = collated_contexts(edition.collation,
                                [entry.emendation.number for entry in edition.entries])
    rows: list[Row] = []
    notes = _notes_html(edition)
    for entry in edition.entries:
        e = entry.emendation
        seen = seen_in.get(e.number)
        witness, reading = (seen.witness, seen.edition) if seen else (EMPTY, EMPTY)
        if e.block:  # a change of paragraphing reads as the apparatus gives it
            lemma, sic = readings(e)
            witness, reading = replace(witness, reading=sic), replace(reading, reading=lemma)
        location = f"¶ {entry.location}" if entry.location[:1].isdigit() else entry.location
        rows.append(Row(
            number=e.number, location=location, kind=e.kind, kind_label=KIND_LABELS[e.kind],
            certainty=e.certainty, note=notes.get(e.number, ""), lemma=e.lemma,
            sic=e.witness_reading, witness=witness, edition=reading, text_line=e.line,
            witness_line=seen.witness_line if seen else None))
    return rows


def _notes_html(edition: Edition) -> dict[int, markupsafe.Markup]:
    """Each entry's note as the apparatus sets it (italics, quotes), by one pandoc run.

    The notes hold only type (apparatus.parse_notes keeps nothing else), and pandoc
    escapes their text, so the HTML is safe to insert."""
    numbered = [(item.emendation.number, item.note) for item in edition.entries if item.note]
    if not numbered:
        return {}
    doc: Document = {"pandoc-api-version": edition.doc["pandoc-api-version"], "meta": {},
           "blocks": [{"t": "Para", "c": note} for _, note in numbered]}
    html = pandoc.write(doc, "html", None, ["--wrap=none"])
    paras = re.findall(r"<p>(.*?)</p>", html, re.S)
    if len(paras) != len(numbered):
        raise ProjectError("pandoc did not give one paragraph per apparatus note")
    return {n: markupsafe.Markup(p) for (n, _), p in zip(numbered, paras, strict=True)}


# --- the page -----------------------------------------------------------------------------

def render_collation_page(project: Project, work_id: str) -> str:
    edition = load_or_prepare(project, work_id)  # collated: the build stops on a difference
    rows = collation_rows(edition)
    witness = edition.front_matter["witness"]
    folders = [styles / TEMPLATE_DIR for styles in project.style_dirs]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)

    def asset(name: str) -> markupsafe.Markup:
        # CSS and JS are inlined verbatim: read as data, so braces in them are not Jinja's
        for folder in folders:  # the project's own first, then editio's
            path = (folder / name).resolve()
            if path.is_relative_to(folder.resolve()) and path.is_file():
                return markupsafe.Markup(path.read_text(encoding="utf-8"))
        raise ProjectError(f"styles/{TEMPLATE_DIR}/{name} not found")

    env.globals["editio_version"] = __version__  # the generator the page names
    try:
        template = env.get_template(TEMPLATE)
    except jinja2.TemplateNotFound:
        raise ProjectError(f"template styles/{TEMPLATE_DIR}/{TEMPLATE} not found") from None
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in KINDS}
    return template.render(
        title=edition.title, author=str(edition.front_matter["author"]),
        date=str(edition.front_matter.get("date", "")), lang=str(edition.front_matter["lang"]),
        version=str(edition.front_matter.get("version", "")), build_date=edition.build_date,
        work_id=work_id, witness_name=Path(str(witness["path"])).name,
        witness_sha256=str(witness["sha256"]),
        rows=rows, kinds=[(k, KIND_LABELS[k], counts[k]) for k in KINDS],
        certainties=[(c, sum(1 for r in rows if r.certainty == c)) for c in CERTAINTIES],
        total=len(rows), asset=asset,
    )


def collation_path(project: Project, work_id: str) -> Path:
    return project.dist_dir / f"{work_id}-collation.html"


def write_collation_page(project: Project, work_id: str, target: Path) -> Path:
    html = render_collation_page(project, work_id)
    with atomic_output(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target

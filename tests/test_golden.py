"""Golden tests of each AST pass, without a build: a small text and witness in
tests/golden/<case>/, and what each pass makes of them in tests/golden/<case>/expected/
<pass>.json. A change in a pass shows as a diff of its own file.

To accept a deliberate change: UPDATE_GOLDEN=1 pytest tests/test_golden.py, then read the
diff before committing it.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from editio.base import pandoc
from editio.base.pandoc_ast import iter_nodes, stringify
from editio.edition import apparatus
from editio.edition.paragraphs import number_paragraphs
from editio.formats.collation_model import collated_contexts
from editio.intake.markup import emendation_number, read_markup
from editio.intake.source import WorkSource
from editio.proof.collate import collate

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "text.md").is_file())
PASSES = ("markup", "collate", "paragraphs", "apparatus")


def _source(case: Path) -> WorkSource:
    witness = next(case.glob("witness.*"))
    return WorkSource(
        work_id=case.name, directory=case, text_path=case / "text.md",
        text=(case / "text.md").read_text(encoding="utf-8"), meta={}, body_line=1,
        witness_path=witness, witness=witness.read_text(encoding="utf-8"), note_path=None,
        note="", accepted_words=frozenset())


def _outputs(name: str) -> dict[str, object]:
    """Every pass over one case, in the order the build runs them. Made again for each test
    (a tenth of a second): a cache would credit every pass to the first test that ran it,
    and `make mutants` runs only the tests that reach a mutated function."""
    source = _source(GOLDEN / name)
    doc = pandoc.parse_markdown(source.text)
    markup = read_markup(doc, source)
    on_spans = [n for n in map(emendation_number, iter_nodes(doc["blocks"])) if n is not None]
    collation = collate(doc, markup, source)
    body, locations = number_paragraphs(doc["blocks"])
    apparatus.link_emendations(body)
    entries = apparatus.entries(markup, locations)
    app = apparatus.apparatus_blocks(entries)
    return {
        "markup": {"emendations": [dataclasses.asdict(e) for e in markup.emendations],
                   "numbers_on_spans": on_spans,
                   "page_breaks": [dataclasses.asdict(p) for p in markup.page_breaks],
                   "footnotes": markup.footnote_count},
        # each emendation in context as the collation page's model cuts it from the sides
        # collate() carries, and the normalisations it applied
        "collate": {"emendations": [dataclasses.asdict(c) for c in collated_contexts(
                        collation, [e.number for e in markup.emendations]).values()],
                    "normalisations": [dataclasses.asdict(n)
                                       for n in collation.normalisations]},
        "paragraphs": {"locations": {str(k): v for k, v in sorted(locations.items())},
                       "paragraphs": [stringify([b]).strip() for b in body
                                      if b.get("t") == "Div"]},
        "apparatus": {"links": [n["c"][2][0] for n in iter_nodes(body) if n.get("t") == "Link"],
                      "entries": [" ".join(stringify([n]).split()) for n in iter_nodes(app)
                                  if n.get("t") == "Div" and "app-entry" in n["c"][0][1]]},
    }


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("step", PASSES)
def test_pass(case: str, step: str) -> None:
    made = json.loads(json.dumps(_outputs(case)[step], ensure_ascii=False))
    expected = GOLDEN / case / "expected" / f"{step}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(json.dumps(made, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    assert made == json.loads(expected.read_text(encoding="utf-8"))

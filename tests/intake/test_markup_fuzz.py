"""Property tests over the markup layer: odd text either builds or gets a clear error."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_editio

# Dozens of generated documents, each collated by pandoc and editio: make test runs them.
pytestmark = pytest.mark.slow

# Letters from several scripts, combining marks, right-to-left text, zero-width
# characters and astral-plane characters; no Markdown punctuation, so that a
# generated word means itself.
LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZéøß")
                          + ["a\u0301", "e\u0308", "\u05d0", "\u05e9\u05dc", "\u0627\u0644",
                             "\u200b", "x\u200dy", "\U0001d504", "\U0001f600", "\u4e2d"])
WORDS = st.lists(LETTERS, min_size=1, max_size=6).map("".join)


def front_matter(witness: str) -> str:
    digest = hashlib.sha256(witness.encode("utf-8")).hexdigest()
    return ("---\ntitle: Fuzz\nauthor: Nobody\ndate: 2026\nlang: en-GB\neditor: Tests\n"
            "rights: none\nsource: fuzzsource\nversion: 0.1.0\nprofile: default\n"
            f"witness:\n  path: witness.md\n  sha256: {digest}\n---\n\n")


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "styles", root / "styles")
    (root / "bib").mkdir()
    (root / "bib" / "references.bib").write_text(
        "@book{fuzzsource,\n  author = {Nobody},\n  title = {Fuzz},\n  year = {2026},\n}\n",
        encoding="utf-8")
    (root / "source" / "w").mkdir(parents=True)
    return root


def write_work(root: Path, text_body: str, witness: str) -> None:
    (root / "source" / "w" / "witness.md").write_text(witness, encoding="utf-8")
    (root / "source" / "w" / "text.md").write_text(front_matter(witness) + text_body,
                                                   encoding="utf-8")


segment = st.one_of(
    WORDS.map(lambda w: ("word", w, w)),
    st.tuples(WORDS, WORDS).filter(lambda p: p[0] != p[1]).map(lambda p: ("corr", *p)),
    st.just(("pb", "", "")),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(segment, min_size=1, max_size=25))
def test_recorded_changes_always_collate(fuzz_root, capsys, segments):
    """A text whose every change is marked collates clean against its witness."""
    reading, witness, page = [], [], 1
    for kind, lemma, sic in segments:
        if kind == "pb":
            page += 1
            reading.append(f'[]{{.pb n="{page}"}}')
            witness.append("\n\n")
        elif kind == "corr":
            reading.append(f'[{lemma}]{{.corr sic="{sic}"}}')
            witness.append(sic)
        else:
            reading.append(lemma)
            witness.append(lemma)
    if all(kind == "pb" for kind, _, _ in segments):
        reading.append("end")
        witness.append("end")
    write_work(fuzz_root, " ".join(reading) + "\n", " ".join(witness) + "\n")
    code = run_editio(fuzz_root, "collate", "w")
    out = capsys.readouterr()
    assert code == 0, out.err


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    WORDS, st.text(max_size=12),
    st.sampled_from(['[x]{.corr', '[x]{.corr sic="y"}', '[]{.pb n="2"}', '[]{.pb}', '[^1]',
                     '[^1]: note', '[[a]{.corr sic="b"}]{.corr sic="c"}', '{.corr sic=}',
                     '[a]{.corr sic="a"}', '[]{.pb n="x" notes="q"}', '\n\n', '# h', '*',
                     '<script>', '[l](javascript:x)', '![i](/etc/passwd)', '[@nokey]'])),
    min_size=1, max_size=20))
def test_anything_gets_a_result_or_a_clear_error(fuzz_root, capsys, pieces):
    body = " ".join(pieces)
    write_work(fuzz_root, body + "\n", "A witness.\n")
    code = run_editio(fuzz_root, "build", "w", "--to", "docx")
    err = capsys.readouterr().err
    assert code in (0, 4, 7, 8, 9, 10), err
    assert "Traceback" not in err and "internal error" not in err

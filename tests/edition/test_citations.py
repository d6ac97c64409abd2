"""House styles: switching the CSL style changes PDF, EPUB and DOCX the same way."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html

from conftest import ROOT, WORK, copy_project, pdf_page_texts, run_editio
from editio.base import pandoc
from editio.base.csl import style_path
from editio.base.project import Project
from editio.edition.bibliography import cited_keys
from editio.intake.source import load_work


def bibliography_epub(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        pages = [z.read(n) for n in sorted(z.namelist()) if n.endswith(".xhtml")]
    entries = []
    for page in pages:
        tree = lxml_html.fromstring(page)
        entries += [" ".join(e.text_content().split())
                    for e in tree.xpath("//*[contains(@class,'csl-entry')]")]
    return entries


def bibliography_docx(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return [" ".join(p.text.split()) for p in d.paragraphs if p.style.name == "Bibliography"]


HEADINGS = {"chicago-notes-bibliography": "Bibliography", "apa": "References",
            "modern-language-association": "Works Cited"}


def bibliography_pdf(path: Path, heading: str = "Bibliography") -> str:
    text = "\n".join(pdf_page_texts(path))
    assert f"\n{heading}\n" in text  # the style's own heading (APA: References)
    return " ".join(text.split(f"\n{heading}\n")[-1].split("Colophon")[0].split())


def essay_in_brief(root: Path) -> None:
    """The essay cut to one sentence of its text (and of its witness), its front matter and
    its note kept: the note cites every work the essay cites, and the front matter names the
    copy-text, so the book's bibliography is the whole essay's, in a book of a few pages."""
    work = root / "source" / WORK
    text = (work / "text.md").read_text(encoding="utf-8")
    sentence = "Yes, the Soviet universe does move.\n"
    assert sentence.strip() in text
    (work / "witness.md").write_text(sentence, encoding="utf-8")
    digest = hashlib.sha256(sentence.encode("utf-8")).hexdigest()
    front = text[:text.index("\n---\n", 4) + 5]
    front, changed = re.subn(r"(?m)^(  sha256: )\w+$", rf"\g<1>{digest}", front)
    assert changed == 1
    (work / "text.md").write_text(f"{front}\n{sentence}", encoding="utf-8")


@pytest.fixture(scope="module", params=["chicago-notes-bibliography", "apa",
                                        "modern-language-association"])
def styled(request, tmp_path_factory, built):
    house = (ROOT / "styles" / "profiles" / "default.yaml").read_text(encoding="utf-8")
    profile = re.sub(r"^csl: .*$", f"csl: {request.param}", house, flags=re.M)
    if profile == house:
        # the profile's own style: the session's build (tests/conftest.py) is this build
        root = built.root
    else:
        # another style: the essay in brief carries the same bibliography, in a tenth of
        # the pages to lay out
        root = copy_project(tmp_path_factory.mktemp(request.param))
        essay_in_brief(root)
        (root / "styles" / "profiles" / "default.yaml").write_text(profile, encoding="utf-8")
        assert run_editio(root, "build", WORK, "--to", "pdf,epub,docx", "-q") == 0  # compared
    dist = root / "dist"
    # what the sources cite (and the copy-text), read from them here: one entry each
    source = load_work(Project(root), WORK)
    cited = sorted({*cited_keys(pandoc.parse_markdown(source.text)),
                    *cited_keys(pandoc.parse_markdown(source.note)), source.source_key})
    return request.param, (bibliography_epub(dist / f"{WORK}.epub"),
                           bibliography_docx(dist / f"{WORK}.docx"),
                           bibliography_pdf(dist / f"{WORK}.pdf", HEADINGS[request.param]),
                           cited)


def test_the_three_formats_carry_the_same_bibliography(styled):
    _, (epub, word, pdf, cited) = styled
    assert epub == word
    assert len(epub) == len(cited) > 5
    squeeze = re.compile(r"[\s\u00ad\u2010-]+")  # white space and hyphenation
    for entry in epub:
        assert squeeze.sub("", entry) in squeeze.sub("", pdf), entry


EXPECTED = {
    # how each style writes the copy-text's entry (an author-date style adds a letter to the
    # year where the author has two works of one year: the essay and its 1957 reprint)
    "chicago-notes-bibliography": re.escape("‘Russia in Transition’. Universities & Left "
                                            "Review 1, no. 1 (1957): 4–12."),
    "apa": r"Deutscher, I\. \(1957[a-z]?\)\. " + re.escape(
        "Russia in transition. Universities & Left Review, 1(1), 4–12."),
    "modern-language-association": re.escape("Universities & Left Review, edited by Stuart "
                                             "Hall et al., vol. 1, no. 1, 1957, pp. 4–12."),
}


def test_the_style_decides_the_form(styled):
    name, (epub, word, _, _) = styled
    assert any(re.search(EXPECTED[name], e) for e in epub), epub
    assert any(re.search(EXPECTED[name], e) for e in word), word
    others = [v for k, v in EXPECTED.items() if k != name]
    assert not any(re.search(o, e) for e in epub + word for o in others)


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_an_unknown_style_suggests_close_names(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    profile = root / "styles" / "profiles" / "default.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "csl: chicago-notes-bibliography", "csl: modern-language-assocation"), encoding="utf-8")
    assert run_editio(root, "build", SMALL) == 3
    err = capsys.readouterr().err
    assert "unknown CSL style 'modern-language-assocation'" in err
    assert "modern-language-association" in err


def test_styles_are_found_by_name():
    assert style_path("apa").name == "apa.csl"


SMALL = "bln600-3202982093"


def _front_matter(root: Path, line: str, work: str = SMALL) -> Path:
    text = root / "source" / work / "text.md"
    text.write_text(text.read_text(encoding="utf-8").replace("\nlang:", f"\n{line}\nlang:", 1),
                    encoding="utf-8")
    return text


def _bibliography(edition) -> tuple[str, str]:
    from editio.base.pandoc_ast import iter_nodes, stringify

    blocks = edition.doc["blocks"]
    heading = next(stringify(n["c"][2]) for n in iter_nodes(blocks)
                   if n.get("t") == "Header" and n["c"][1][0] == "bibliography")
    refs = next(n for n in iter_nodes(blocks) if n.get("t") == "Div" and n["c"][0][0] == "refs")
    return heading, stringify(refs["c"][1])


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_a_work_chooses_its_own_citation_style(project):
    from editio.edition.work import prepare

    heading, chicago = _bibliography(prepare(Project(project), SMALL))
    assert heading == "Bibliography"
    _front_matter(project, "csl: apa")
    edition = prepare(Project(project), SMALL)
    heading, apa = _bibliography(edition)
    assert heading == "References" and apa != chicago and "(1863)" in apa
    assert edition.profile.name == "default" and edition.profile.csl == "apa"
    # the profile's own choice of heading wins over the style's convention
    profile = project / "styles" / "profiles" / "default.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "bibliography-title: Sources\n",
                       encoding="utf-8")
    assert _bibliography(prepare(Project(project), SMALL))[0] == "Sources"


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_a_csl_file_beside_the_work_and_in_a_profile(project):
    from editio.edition.work import prepare

    house = (Path(style_path("modern-language-association")).read_text(encoding="utf-8")
             .replace("<title>", "<title>House style after ", 1))
    (project / "source" / SMALL / "house.csl").write_text(house, encoding="utf-8")
    _front_matter(project, "csl: house.csl")
    edition = prepare(Project(project), SMALL)
    assert _bibliography(edition)[0] == "Works Cited"
    colophon = edition.doc["blocks"][-1]
    from editio.base.pandoc_ast import stringify

    assert "House style after MLA Handbook" in stringify([colophon])
    assert "(house.csl)" in stringify([colophon])
    # a profile names a .csl file under styles/
    (project / "styles" / "csl").mkdir()
    (project / "styles" / "csl" / "journal.csl").write_text(house, encoding="utf-8")
    profile = project / "styles" / "profiles" / "default.yaml"
    profile.write_text(re.sub(r"^csl: .*$", "csl: csl/journal.csl",
                              profile.read_text(encoding="utf-8"), flags=re.M),
                       encoding="utf-8")
    # (another work that uses the profile: the smallest but one)
    assert _bibliography(prepare(Project(project), "bln600-3206211949"))[0] == "Works Cited"


def test_a_csl_file_outside_the_project_is_refused(project, tmp_path, capsys):
    outside = tmp_path / "elsewhere.csl"
    outside.write_text(Path(style_path("apa")).read_text(encoding="utf-8"), encoding="utf-8")
    _front_matter(project, f"csl: {outside}")
    assert run_editio(project, "collate", SMALL) in (0,)  # collation reads no style
    assert run_editio(project, "build", SMALL, "--to", "epub") == 3
    err = capsys.readouterr().err
    assert "text.md:5" in err and "outside the project" in err


def test_an_abbreviated_style_name_is_suggested(project, capsys):
    _front_matter(project, "csl: mla")
    assert run_editio(project, "build", SMALL, "--to", "epub") == 3
    err = capsys.readouterr().err
    assert "text.md:5" in err and "unknown CSL style 'mla'" in err
    assert "did you mean modern-language-association" in err


@pytest.mark.slow  # test-fast's budget: 0.6-1.6 s (a build, a work prepared)
def test_an_unknown_front_matter_key_is_named(project, capsys):
    _front_matter(project, "cls: apa")
    assert run_editio(project, "build", SMALL, "--to", "epub", "-q") == 0
    err = capsys.readouterr().err
    assert "text.md:5: warning: front matter key 'cls' is not one editio reads" in err
    assert "did you mean 'csl'?" in err

"""House styles: switching the CSL style changes PDF, EPUB and DOCX the same way."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from conftest import WORK, copy_project, run_editio
from editio.citations import style_path


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


def bibliography_pdf(path: Path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(text.split("Bibliography")[-1].split("Colophon")[0].split())


@pytest.fixture(scope="module", params=["chicago-notes-bibliography", "apa",
                                        "modern-language-association"])
def styled(request, tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp(request.param))
    profile = root / "styles" / "profiles" / "default.yaml"
    profile.write_text(re.sub(r"^csl: .*$", f"csl: {request.param}",
                              profile.read_text(encoding="utf-8"), flags=re.M),
                       encoding="utf-8")
    assert run_editio(root, "build", WORK, "-q") == 0
    dist = root / "dist"
    return request.param, (bibliography_epub(dist / f"{WORK}.epub"),
                           bibliography_docx(dist / f"{WORK}.docx"),
                           bibliography_pdf(dist / f"{WORK}.pdf"))


def test_the_three_formats_carry_the_same_bibliography(styled):
    _, (epub, word, pdf) = styled
    assert epub == word
    assert len(epub) == 7
    squeeze = re.compile(r"[\s\u00ad\u2010-]+")  # white space and hyphenation
    for entry in epub:
        assert squeeze.sub("", entry) in squeeze.sub("", pdf), entry


EXPECTED = {
    # how each style writes the copy-text's entry
    "chicago-notes-bibliography": "‘Russia in Transition’. Universities & Left Review 1, no. 1 "
                                  "(1957): 4–12.",
    "apa": "Deutscher, I. (1957). Russia in transition. Universities & Left Review, 1(1), 4–12.",
    "modern-language-association": "Universities & Left Review, edited by Stuart Hall et al., "
                                   "vol. 1, no. 1, 1957, pp. 4–12.",
}


def test_the_style_decides_the_form(styled):
    name, (epub, word, _) = styled
    assert any(EXPECTED[name] in e for e in epub), epub
    assert any(EXPECTED[name] in e for e in word), word
    others = [v for k, v in EXPECTED.items() if k != name]
    assert not any(o in e for e in epub + word for o in others)


def test_an_unknown_style_suggests_close_names(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    profile = root / "styles" / "profiles" / "default.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "csl: chicago-notes-bibliography", "csl: modern-language-assocation"), encoding="utf-8")
    assert run_editio(root, "build", WORK) == 3
    err = capsys.readouterr().err
    assert "unknown CSL style 'modern-language-assocation'" in err
    assert "modern-language-association" in err


def test_styles_are_found_by_name():
    assert style_path("apa").name == "apa.csl"

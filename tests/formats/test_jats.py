"""JATS: valid against the JATS 1.1 DTD it declares, and what a journal needs."""

from __future__ import annotations

import pytest
from lxml import etree

import editio.formats.jats
from conftest import WORK, run_editio
from editio.base.pandoc_ast import iter_nodes, stringify
from editio.base.project import Project
from editio.edition.cache import load_or_prepare
from editio.judges import schemas

WORKS = ("deutscher-1957", "bln600-3206211949", "bln600-3202982093")


def jats_of(root, name: str) -> etree._ElementTree:
    return schemas.parse(root / "dist" / f"{name}.jats.xml")


@pytest.mark.parametrize("work", WORKS)
def test_every_jats_file_is_valid_against_the_dtd_it_declares(xml_built, work):
    path = xml_built / "dist" / f"{work}.jats.xml"
    tree = jats_of(xml_built, work)
    # the bundled profiles name no journal: the tag set for an article none has taken yet
    assert tree.docinfo.public_id == schemas.ARCHIVING.public_id
    assert tree.docinfo.system_url == schemas.ARCHIVING.system_id
    assert tree.getroot().get("dtd-version") == "1.1"
    assert schemas.check_jats(tree, path) == schemas.ARCHIVING


def test_an_invalid_jats_fails_the_build_and_leaves_no_file(project, monkeypatch, capsys):
    real_jats_tree = editio.formats.jats.jats_tree

    def broken(edition):
        tree = real_jats_tree(edition)
        etree.SubElement(tree.find("body//p"), "emendation")
        return tree

    monkeypatch.setattr(editio.formats.jats, "jats_tree", broken)
    small = WORKS[-1]  # any work's tree broken so: the smallest is quickest to make
    assert run_editio(project, "build", small, "--to", "jats") == 13
    err = capsys.readouterr().err
    assert "invalid output" in err and f"{small}.jats.xml" in err and "emendation" in err
    assert not list((project / "dist").glob("*.jats.xml*"))


def test_a_file_that_declares_another_dtd_fails(xml_built, tmp_path):
    tree = jats_of(xml_built, WORK)
    tree.docinfo.public_id = "-//NLM//DTD JATS (Z39.96) Article Authoring DTD v1.1 " \
        "20151215//EN"
    with pytest.raises(schemas.SchemaError, match="not JATS 1.1"):
        schemas.check_jats(tree, tmp_path / "x.jats.xml")


def test_the_publishing_dtd_wants_the_issn_the_archiving_one_does_without(xml_built, tmp_path):
    """Declared as Journal Publishing, the essay's article (no journal in its profile) is
    invalid: that DTD requires journal-meta with an ISSN, which is why it is not declared."""
    tree = jats_of(xml_built, WORK)
    tree.docinfo.public_id = schemas.PUBLISHING.public_id
    with pytest.raises(schemas.SchemaError, match="journal-meta"):
        schemas.check_jats(tree, tmp_path / "x.jats.xml")


def test_the_essay_for_a_journal(xml_built):
    root = jats_of(xml_built, WORK).getroot()
    edition = load_or_prepare(Project(xml_built), WORK)
    meta = root.find("front/article-meta")
    assert meta.findtext("title-group/article-title") == "Russia in Transition"
    assert meta.findtext("contrib-group/contrib[@contrib-type='author']/name/surname") == \
        "Deutscher"
    assert "CC BY 4.0" in meta.findtext("permissions/license/license-p")
    assert meta.find("related-article").findtext("source") == "Universities & Left Review"
    # the author's notes: a fn-group, called from the body
    fns = root.findall("back/fn-group/fn")
    assert [fn.findtext("label") for fn in fns] == ["1", "2", "3"]
    calls = root.findall("body//xref[@ref-type='fn']")
    assert [c.get("rid") for c in calls] == [fn.get("id") for fn in fns]
    # the textual notes: an appendix the body never points into, so it can be dropped
    entries = root.findall("back/app-group/app[@id='textual-notes']/list/list-item")
    assert len(entries) == len(edition.entries)
    app_ids = {e.get("id") for e in root.iterfind("back/app-group//*[@id]")}
    assert not {x.get("rid") for x in root.iterfind("body//xref")} & app_ids
    # the body is the reading text: no witness reading, no page number of the original
    body = "".join(root.find("body").itertext())
    assert "bwevegtinik" not in body and "ISAAC DEUTSCHER" not in body
    assert "burevestnik" in body
    # the bibliography: an element-citation for each entry the work cites, and its source
    refs = root.findall("back/ref-list/ref")
    assert [r.get("id") for r in refs] == [f"bib-{k}" for k in edition.cited_keys]
    chapter = root.find("back/ref-list/ref[@id='bib-rakovsky1980dangers']/element-citation")
    assert chapter.get("publication-type") == "chapter"
    assert chapter.findtext("person-group[@person-group-type='editor']/name/surname") == "Fagan"


def test_a_textual_note_sets_its_markdown_as_type(xml_built):
    """note= is inline Markdown in every format (README): italics as italic, typographic
    quotes; the entry's own italic is the witness's siglum."""
    root = jats_of(xml_built, WORK).getroot()
    edition = load_or_prepare(Project(xml_built), WORK)
    items = root.findall("back/app-group/app[@id='textual-notes']/list/list-item/p")
    noted = [(p, e) for p, e in zip(items, edition.entries, strict=True) if e.emendation.note]
    assert noted
    for p, entry in noted:
        said = "".join(p.itertext())
        assert said.endswith(" \u2014 " + stringify(entry.note))
        assert ["".join(i.itertext()) for i in p.findall("italic")] == \
            ["W", *(stringify(n["c"]) for n in iter_nodes(entry.note) if n.get("t") == "Emph")]
    brumaire = next(p for p, _ in noted if "Brumaire" in "".join(p.itertext()))
    note = "".join(brumaire.itertext()).split(" \u2014 ", 1)[1]
    assert "*" not in note and '"' not in note and "\u201cin\u201d" in note
    assert brumaire.findall("italic")[-1].text == "The 18th Brumaire"


def test_an_anonymous_newspaper_report(xml_built):
    root = jats_of(xml_built, "bln600-3206211949").getroot()
    contrib = root.find("front/article-meta/contrib-group/contrib[@contrib-type='author']")
    assert contrib.find("anonymous") is not None
    cite = root.find("back/ref-list/ref/element-citation")
    assert cite.find("year").get("iso-8601-date") == "1861-08-25"


def test_a_volume_has_no_jats(project, capsys):
    assert run_editio(project, "volume", "reader", "--to", "jats") == 3
    assert "unknown format jats" in capsys.readouterr().err


def test_a_journal_names_itself_in_its_profile(project):
    profile = project / "styles" / "profiles" / "default.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + (
        "jats-journal:\n  id: jrh\n  title: Journal of Reprinted History\n"
        "  issn: 1234-5679\n  publisher: A University Press\n"), encoding="utf-8")
    small = WORKS[-1]  # the profile is every work's: the smallest shows it
    assert run_editio(project, "build", small, "--to", "jats", "-q") == 0
    tree = jats_of(project, small)
    assert schemas.check_jats(tree, small) == schemas.PUBLISHING  # its ISSN makes it one
    journal = tree.getroot().find("front/journal-meta")
    assert journal.findtext("journal-id") == "jrh"
    assert journal.findtext("journal-title-group/journal-title") == \
        "Journal of Reprinted History"
    assert journal.findtext("issn") == "1234-5679"
    # JATS 1.1's attribute, not the deprecated pub-type
    assert journal.find("issn").get("publication-format") == "electronic"
    assert journal.find("issn").get("pub-type") is None
    assert journal.findtext("publisher/publisher-name") == "A University Press"


def test_without_a_journal_no_journal_metadata_is_invented(xml_built):
    """No empty ISSN, no journal-id naming the editors or editio: an article no journal has
    taken yet, in the Archiving tag set, which lets journal-meta out."""
    for work in WORKS:
        tree = jats_of(xml_built, work)
        assert tree.getroot().find("front/journal-meta") is None
        assert tree.getroot().find(".//issn") is None and tree.getroot().find(".//journal-id") \
            is None
        assert not tree.getroot().xpath("//@pub-type")


def test_a_journal_without_an_issn_is_named_in_the_archiving_tag_set(project):
    profile = project / "styles" / "profiles" / "default.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + (
        "jats-journal:\n  title: Journal of Reprinted History\n"), encoding="utf-8")
    small = WORKS[-1]
    assert run_editio(project, "build", small, "--to", "jats", "-q") == 0
    tree = jats_of(project, small)
    assert schemas.check_jats(tree, small) == schemas.ARCHIVING
    journal = tree.getroot().find("front/journal-meta")
    assert [c.tag for c in journal] == ["journal-title-group"]

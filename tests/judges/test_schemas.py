"""The vendored schemas are the registry packages' files, byte for byte."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from editio.base.errors import ToolError
from editio.judges import schemas


def test_every_vendored_schema_file_matches_its_recorded_checksum():
    sums = (schemas.SCHEMAS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    recorded = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    present = {str(p.relative_to(schemas.SCHEMAS)) for p in schemas.SCHEMAS.rglob("*")
               if p.is_file() and p.parent != schemas.SCHEMAS}
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((schemas.SCHEMAS / name).read_bytes()).hexdigest() == digest, name
    assert schemas.TEI_RNG.is_file()
    assert all(t.dtd.is_file() for t in schemas.JATS_TAG_SETS)


@pytest.mark.parametrize("tag_set", schemas.JATS_TAG_SETS, ids=lambda t: t.name)
def test_each_jats_dtd_loads_offline_from_its_own_folder(tag_set):
    dtd = schemas.jats_dtd(tag_set)
    assert dtd.elements() and any(e.name == "element-citation" for e in dtd.iterelements())


_TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        '<titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt>'
        '<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body>{}</body></text></TEI>')


@pytest.mark.slow  # four runs of Jing
@pytest.mark.skipif(shutil.which("java") is None, reason="Jing needs Java")
def test_jing_keeps_its_class_archive_and_judges_the_same_with_it(tmp_path, monkeypatch):
    """The first check makes the archive of Jing's classes in the user's cache, the next
    starts from it; with it, and with a broken one, an invalid TEI still fails."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_text(_TEI.format("<p>text</p>"), encoding="utf-8")
    bad.write_text(_TEI.format("<p>text</p><bogus/>"), encoding="utf-8")
    schemas.check_tei_file(good, good)
    kept = list((tmp_path / "cache" / "editio" / "jing").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".jsa" and kept[0].stat().st_size > 0
    command, making, _ = schemas.jing_command()
    assert making is None and f"-XX:SharedArchiveFile={kept[0]}" in command
    with pytest.raises(schemas.SchemaError, match="bogus"):
        schemas.check_tei_file(bad, bad)
    kept[0].write_bytes(b"not an archive")  # a JVM that cannot use it ignores it
    schemas.check_tei_file(good, good)
    with pytest.raises(schemas.SchemaError, match="bogus"):
        schemas.check_tei_file(bad, bad)


def test_when_jing_cannot_run_the_error_says_why(tmp_path, monkeypatch):
    """A Java that will not start: the error carries what Java said, not only that it failed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-Xmx1k")  # no JVM starts with so little
    good = tmp_path / "good.xml"
    good.write_text(_TEI.format("<p>text</p>"), encoding="utf-8")
    with pytest.raises(ToolError, match="Too small maximum heap") as caught:
        schemas.check_tei_file(good, "dist/good.tei.xml")
    assert "Picked up" not in str(caught.value)

"""xml_parts: the walk of pandoc's blocks that the TEI and JATS writers share."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import run_editio

SMALL = "bln600-3202982093"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}

EVERY_BLOCK = """
## Every kind of block

> A quotation of
> two lines.

- one point
- another point

3. third
4. fourth

| The first
| and the second line

```
code as it stands
```

| Name | Count |
|------|------:|
| boots | 2 |
"""


@pytest.mark.slow  # two schemas validate the outputs
def test_every_kind_of_block_is_written_in_each_vocabulary(project):
    note = project / "source" / SMALL / "note.md"
    note.write_text(note.read_text(encoding="utf-8") + EVERY_BLOCK, encoding="utf-8")
    # each writer validates what it wrote (tei_all, the JATS DTD) before it keeps the file
    assert run_editio(project, "build", SMALL, "--to", "tei,jats", "-q") == 0
    tei = etree.parse(project / "dist" / f"{SMALL}.tei.xml")
    jats = etree.parse(project / "dist" / f"{SMALL}.jats.xml")
    for path in ("quote/t:p", "list[@type='bulleted']/t:item", "list[@type='ordered']/t:item",
                 "lg/t:l", "ab[@type='code']", "table/t:row[@role='label']"):
        assert tei.findall(".//t:" + path, TEI), path
    for path in ("disp-quote/p", "list[@list-type='bullet']/list-item",
                 "list[@list-type='order']/list-item", "verse-group/verse-line", "preformat",
                 "table-wrap/table/thead/tr/th"):
        assert jats.findall(".//" + path), path
    assert tei.findtext(".//t:ab[@type='code']", namespaces=TEI) == "code as it stands"

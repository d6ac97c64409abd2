"""The DOCX layout's pieces on small packages: the contents list's page references."""

from __future__ import annotations

from lxml import etree

from editio.formats.docx.layout import W, page_references

BODY = f"""<w:body xmlns:w="{W}">
<w:bookmarkStart w:id="1" w:name="contents"/>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Compact"/><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr>
<w:hyperlink w:anchor="essay-opening"><w:r><w:t>Essay</w:t></w:r></w:hyperlink></w:p>
<w:bookmarkEnd w:id="1"/>
<w:p><w:hyperlink w:anchor="elsewhere"><w:r><w:t>Not in the contents</w:t></w:r></w:hyperlink></w:p>
</w:body>"""


def test_each_contents_entry_ends_with_the_page_of_its_part():
    body = etree.fromstring(BODY)
    assert page_references(body, "contents", 6236) == 1
    ns = {"w": W}
    entry = body.xpath("//w:p[w:hyperlink/@w:anchor='essay-opening']", namespaces=ns)[0]
    assert "".join(entry.xpath(".//w:instrText/text()", namespaces=ns)).split() == \
        ["PAGEREF", "essay-opening", "\\h"]
    tab = entry.xpath("w:pPr/w:tabs/w:tab", namespaces=ns)[0]
    assert tab.get(f"{{{W}}}val") == "right" and tab.get(f"{{{W}}}pos") == "6236"
    # the tab stops follow numPr, as CT_PPr orders them
    assert [etree.QName(c).localname for c in entry.find(f"{{{W}}}pPr")] == \
        ["pStyle", "numPr", "tabs"]
    # outside the contents: untouched
    assert not body.xpath("//w:p[w:hyperlink/@w:anchor='elsewhere']//w:instrText",
                          namespaces=ns)

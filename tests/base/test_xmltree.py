import pytest
from lxml import etree

from editio.base.errors import ToolError
from editio.base.xmltree import must_find


def test_must_find_gives_the_element_or_names_what_is_missing():
    root = etree.fromstring("<package><manifest><item id='a'/></manifest></package>")
    assert must_find(root, "manifest/item", "the EPUB's OPF").get("id") == "a"
    with pytest.raises(ToolError, match=r"the EPUB's OPF has no spine in its package"):
        must_find(root, "spine", "the EPUB's OPF")

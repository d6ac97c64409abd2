"""lxml look-ups of what a tool's output always holds (pandoc's DOCX has a body, its EPUB
package a manifest)."""

from __future__ import annotations

from lxml import etree

from editio.base.errors import ToolError


def must_find(parent: etree._Element, path: str, made_by: str,
              namespaces: dict[str, str] | None = None) -> etree._Element:
    """parent.find(path), which `made_by` (the tool and file) always writes: a ToolError
    naming both if it did not, rather than an AttributeError on None further on."""
    found = parent.find(path, namespaces)
    if found is None:
        raise ToolError(f"{made_by} has no {path} in its {etree.QName(parent).localname}")
    return found

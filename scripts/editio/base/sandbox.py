"""What a document may read while it is rendered: project folders and installed fonts.

pandoc runs with --sandbox (see pandoc.py); WeasyPrint gets pdf.SandboxFetcher,
which refuses every URL that is not a file below an allowed folder. This module
does not import WeasyPrint, so EPUB and DOCX builds do not pay for loading it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from editio.base.errors import SandboxError
from editio.base.pandoc_ast import Document, content, iter_nodes


def _line(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text[:index].count("\n") + 1 if index >= 0 else None


def check_resources(doc: Document, allowed: tuple[Path, ...], base: Path, where: Path,
                    text: str = "") -> None:
    """Refuse any image in the AST that is remote or outside the allowed folders."""
    roots = tuple(p.resolve() for p in allowed)
    for node in iter_nodes(doc["blocks"]):
        if node.get("t") != "Image":
            continue
        url = node["c"][2][0]
        parts = urlsplit(url)
        if parts.scheme not in ("", "file"):
            raise SandboxError(f"the document asks for {url}: network access is not allowed",
                               path=where, line=_line(text, url),
                               hint="copy the image into the work's folder")
        path = (base / unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in roots):
            raise SandboxError(f"the document asks for {url}: outside the project's source, "
                               "bib and styles folders", path=where, line=_line(text, url))


SAFE_LINK_SCHEMES = ("", "http", "https", "mailto")
UNSAFE_ATTRIBUTES = ("style", "src", "href", "srcdoc", "formaction", "action", "xlink:href")


def _attrs(node: dict) -> list | None:
    t, c = node.get("t"), content(node)
    if t in ("Span", "Div", "Link", "Image", "Code", "CodeBlock", "Table", "Figure"):
        return c[0]
    if t == "Header":
        return c[1]
    return None


def clean_document(doc: Document, where: Path, text: str) -> None:
    """Make a document inert: no event or resource attributes, no script links.

    Raw HTML is never read (the Markdown reader has raw_html off), so <script>
    and <iframe> print as text; what remains is attributes and link targets.
    """
    for node in iter_nodes(doc["blocks"]):
        a = _attrs(node)
        if a is not None:
            a[2] = [[k, v] for k, v in a[2]
                    if not k.lower().startswith("on") and k.lower() not in UNSAFE_ATTRIBUTES]
        if node.get("t") == "Link":
            url = node["c"][2][0]
            scheme = urlsplit(url.strip()).scheme.lower()
            if scheme not in SAFE_LINK_SCHEMES:
                raise SandboxError(f"link to '{url[:60]}' is not allowed (scheme {scheme}:)",
                                   path=where, line=_line(text, url),
                                   hint="links may point to http(s), mailto or within the text")

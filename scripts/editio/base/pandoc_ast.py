"""Small helpers for pandoc's JSON AST: building nodes, walking, flattening."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TypedDict, TypeVar

# pandoc's JSON AST as json.loads gives it: a node is {"t": its type, "c": its content},
# "c" absent for Space, SoftBreak and the like; its shape depends on "t", hence Any
Node = dict[str, Any]
Attr = list  # [identifier, [classes], [[key, value], ...]]
# A whole document: its metadata (name -> a Meta* node), its blocks, and the AST's version,
# which pandoc needs to read it back (a key with a dash, hence this form of TypedDict)
Document = TypedDict("Document", {"pandoc-api-version": list[int], "meta": dict[str, Node],
                                  "blocks": list[Node]})
_Json = TypeVar("_Json", Document, list[Node])


def content(node: Node) -> Any:
    """A node's "c" (None for a node that has none: Space, SoftBreak, ...)."""
    return node.get("c")


def attr(identifier: str = "", classes: list[str] | None = None,
         pairs: dict[str, str] | None = None) -> Attr:
    return [identifier, classes or [], [[k, v] for k, v in (pairs or {}).items()]]


def attr_get(a: Attr, key: str, default: str | None = None) -> str | None:
    for k, v in a[2]:
        if k == key:
            return v
    return default


def attr_has(a: Attr, key: str) -> bool:
    return any(k == key for k, _ in a[2])


def Str(text: str) -> Node:  # noqa: N802 - named after pandoc's constructors
    return {"t": "Str", "c": text}


def Space() -> Node:  # noqa: N802
    return {"t": "Space"}


def Span(a: Attr, inlines: list[Node]) -> Node:  # noqa: N802
    return {"t": "Span", "c": [a, inlines]}


def Link(a: Attr, inlines: list[Node], target: str, title: str = "") -> Node:  # noqa: N802
    return {"t": "Link", "c": [a, inlines, [target, title]]}


def Para(inlines: list[Node]) -> Node:  # noqa: N802
    return {"t": "Para", "c": inlines}


def Plain(inlines: list[Node]) -> Node:  # noqa: N802
    return {"t": "Plain", "c": inlines}


def Div(a: Attr, blocks: list[Node]) -> Node:  # noqa: N802
    return {"t": "Div", "c": [a, blocks]}


def Header(level: int, a: Attr, inlines: list[Node]) -> Node:  # noqa: N802
    return {"t": "Header", "c": [level, a, inlines]}


def Emph(inlines: list[Node]) -> Node:  # noqa: N802
    return {"t": "Emph", "c": inlines}


def Strong(inlines: list[Node]) -> Node:  # noqa: N802
    return {"t": "Strong", "c": inlines}


def text(s: str) -> list[Node]:
    """Plain words as Str/Space inlines."""
    out: list[Node] = []
    for i, word in enumerate(s.split(" ")):
        if i:
            out.append(Space())
        if word:
            out.append(Str(word))
    return out


# Nodes with nothing inside, most of a document (every word is a Str, every gap a Space):
# the walks skip them before asking children(), three times quicker on the essay.
LEAVES = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "Code", "Math", "RawInline",
                    "RawBlock", "CodeBlock", "HorizontalRule"})


def children(node: Node) -> Iterator[list]:
    """The lists of inlines or blocks directly inside a node."""
    t, c = node.get("t"), content(node)
    if t in ("Para", "Plain", "Emph", "Strong", "Strikeout", "Superscript", "Subscript",
             "SmallCaps", "Underline", "BlockQuote", "Note"):
        yield c
    elif t in ("Span", "Div"):
        yield c[1]
    elif t == "Header":
        yield c[2]
    elif t in ("Link", "Image") or t == "Quoted" or t == "Cite":
        yield c[1]
    elif t in ("BulletList",):
        yield from c
    elif t == "OrderedList":
        yield from c[1]
    elif t == "LineBlock":
        yield from c
    elif t == "DefinitionList":
        for term, defs in c:
            yield term
            yield from defs
    elif t == "Figure":
        yield c[2]
    elif t == "Table":
        yield c[1][1]  # the caption's blocks
        for row in table_rows(node):
            yield from row


def table_rows(table: Node) -> list[list[list[Node]]]:
    """A Table's rows (head, bodies' head and body rows, foot), each a list of its cells'
    blocks."""
    _, _, _, head, bodies, foot = table["c"]
    rows = [*head[1], *(row for body in bodies for row in (*body[2], *body[3])), *foot[1]]
    return [[cell[4] for cell in row[1]] for row in rows]


def copy_doc(doc: _Json) -> _Json:
    """A deep copy of a document (or of its blocks), for a writer that rewrites it in place.
    The AST is plain JSON data, and a round trip through json takes half the time of
    copy.deepcopy."""
    return json.loads(json.dumps(doc))


def walk(nodes: list[Node], fn: Callable[[Node], Node | list[Node] | None]) -> list[Node]:
    """Depth-first rewrite: fn returns None to keep a node, or its replacement(s)."""
    out: list[Node] = []
    for node in nodes:
        if node.get("t") not in LEAVES:
            for child in children(node):
                child[:] = walk(child, fn)
        result = fn(node)
        if result is None:
            out.append(node)
        elif isinstance(result, list):
            out.extend(result)
        else:
            out.append(result)
    return out


def iter_nodes(nodes: list[Node]) -> Iterator[Node]:
    """Every node in document order (a node before its children)."""
    for node in nodes:
        yield node
        if node.get("t") not in LEAVES:
            for child in children(node):
                yield from iter_nodes(child)


def stringify(nodes: list[Node]) -> str:
    parts: list[str] = []
    for node in nodes:
        t = node.get("t")
        if t == "Str":
            parts.append(node["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif t == "Quoted":
            q = "\u201c\u201d" if node["c"][0]["t"] == "DoubleQuote" else "\u2018\u2019"
            parts.append(q[0] + stringify(node["c"][1]) + q[1])
        elif t == "Code":
            parts.append(node["c"][1])
        elif t == "Note":
            continue
        elif t in ("Para", "Plain", "Header"):
            for child in children(node):
                parts.append(stringify(child))
            parts.append(" ")
        else:
            for child in children(node):
                parts.append(stringify(child))
    return "".join(parts)


def LineBreak() -> Node:  # noqa: N802
    return {"t": "LineBreak"}

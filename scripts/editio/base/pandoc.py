"""Running pandoc: the one binary from pypandoc-binary, always sandboxed.

--sandbox keeps readers and writers from touching any file not named on the
command line and from the network, so a hostile document cannot pull in
/etc/passwd or a remote image.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache
from pathlib import Path

import pypandoc

from editio.base.errors import ToolError
from editio.base.pandoc_ast import Document, iter_nodes

# Raw markup prints as text; a text beginning with '%' lines is text, not a title block
# (metadata is the YAML front matter; a witness's first line must not vanish from the proof);
# and '$' is a dollar, not TeX math: OCR'd prices ('$4 or $5') and a witness's '${.corr}$' are
# words the collation must see as they stand
READER = "markdown-raw_html-raw_tex-raw_attribute-pandoc_title_block-tex_math_dollars"


@cache
def pandoc_path() -> str:
    return pypandoc.get_pandoc_path()


@cache
def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def run(args: list[str], stdin: str | None = None, *, what: str, epoch: int | None = None,
        sandbox: bool = True, background: bool = False) -> str:
    """pandoc with `args`; background=True runs it at a lower CPU priority."""
    cmd = [pandoc_path(), *(["--sandbox"] if sandbox else []), *args]
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)  # pandoc dates zip entries by it
    with subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env) as proc:
        try:
            if background:
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, proc.pid, 10)
            out, err = proc.communicate(stdin)
        except BaseException:
            proc.kill()
            raise
    if proc.returncode != 0:
        raise ToolError(f"pandoc failed while {what}: {err.strip()}")
    return out


def parse_markdown(text: str) -> Document:
    """The one parse of a work: Pandoc Markdown to the JSON AST (a fresh copy each call)."""
    return json.loads(_parsed(text))


# The preview parses a work again at every save, though its witness (never edited) and
# usually its note have not changed: the last few parses are kept, as pandoc's JSON.
@lru_cache(maxsize=8)
def _parsed(text: str) -> str:
    return run(["-f", READER, "-t", "json"], text, what="parsing Markdown")


def parse_markdown_all(texts: list[str | None]) -> list[Document | None]:
    """Several parses at once, one pandoc process each (None stays None): a work's text,
    note and witness, which would otherwise wait for each other."""
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        return list(pool.map(lambda t: None if t is None else parse_markdown(t), texts))


def _read_by_citeproc(block: dict) -> bool:
    """Whether citeproc reads or changes this block: a citation, a note (citations are
    numbered by the notes before them), or the #refs div the bibliography goes into."""
    for node in iter_nodes([block]):
        t = node.get("t")
        if t in ("Cite", "Note") or (t == "Div" and node["c"][0][0] == "refs"):
            return True
    return False


# The preview formats the citations again at every save, though a one-word change to a
# sentence without a citation leaves citeproc's input as it was: the last few results are
# kept, keyed by that input and by the .bib's and the style's bytes.
@lru_cache(maxsize=8)
def _formatted(args: tuple[str, ...], doc_json: str, files_digest: str) -> str:  # noqa: ARG001
    return run(list(args), doc_json, what="formatting citations")


def clear_caches() -> None:
    """Forget the kept parses and citeproc results (for a test that counts pandoc runs)."""
    _parsed.cache_clear()
    _formatted.cache_clear()


def citeproc(doc: Document, bibliography: Path, csl: Path, lang: str) -> Document:
    """pandoc --citeproc over `doc`.

    Most blocks of a text hold no citation and no note; citeproc would only read them in
    and write them out again, two thirds of its time. They wait here, each behind an empty
    placeholder div, and are put back in place afterwards.
    """
    held: dict[str, dict] = {}
    blocks = []
    for i, block in enumerate(doc["blocks"]):
        if _read_by_citeproc(block):
            blocks.append(block)
        else:
            key = f"held back {i}"  # a space: no identifier written in Markdown has one
            held[key] = block
            blocks.append({"t": "Div", "c": [[key, [], []], []]})
    args = (
        "-f", "json", "-t", "json", "--citeproc",
        f"--bibliography={bibliography}", f"--csl={csl}", f"--metadata=lang:{lang}",
    )
    files = hashlib.sha256(bibliography.read_bytes() + csl.read_bytes()).hexdigest()
    out = json.loads(_formatted(args, json.dumps({**doc, "blocks": blocks}), files))
    out["blocks"] = [held.pop(b["c"][0][0], b) if b.get("t") == "Div" and not b["c"][1]
                     else b for b in out["blocks"]]
    if held:
        raise ToolError(f"pandoc's citeproc lost {len(held)} block(s) of the document")
    return out


def write(doc: Document, to: str, output: Path | None, args: Sequence[str] = (),
          epoch: int | None = None, sandbox: bool = True, background: bool = False) -> str:
    """Render the AST; binary formats go to `output`, text formats are returned.

    sandbox=False only for the EPUB writer, which cannot read its --css file
    inside pandoc's sandbox; its callers check the AST's resources themselves.
    background=True for a writer that runs beside the PDF's typesetting, the
    longest job of a build: at a lower priority, it leaves the PDF its core.
    """
    cmd = ["-f", "json", "-t", to, *args]
    if output is not None:
        cmd += ["-o", str(output)]
    return run(cmd, json.dumps(doc), what=f"writing {to}", epoch=epoch, sandbox=sandbox,
               background=background)

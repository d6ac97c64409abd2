"""The cache of prepared editions in dist/.cache: parse once, render many times.

`make pdf epub docx` runs one editio process per format; the first prepares the
work and stores its Edition here, keyed by a digest of everything it was made
from, and the others read it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
from pathlib import Path

from editio import __version__, apparatus
from editio.edition import Edition, build_epoch, prepare
from editio.markup import Emendation, PageBreak
from editio.outputs import atomic_output
from editio.project import Project, load_profile


def _input_digest(project: Project, inputs: list[Path]) -> str:
    """What an Edition depends on; a cached Edition is reused only while this is unchanged."""
    h = hashlib.sha256(f"{__version__}|{build_epoch(project, inputs)}".encode())
    code = Path(__file__).parent  # the package itself: new code, new cache
    files = sorted(code.glob("*.py"))
    for item in inputs:
        files += sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
    files += sorted(project.bib_dir.glob("*.bib")) + sorted(
        (project.styles_dir / "profiles").glob("*.yaml")) + sorted(
        project.styles_dir.rglob("*.csl"))  # a profile's own style file
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def load_or_prepare(project: Project, work_id: str, make=None,
                    inputs: list[Path] | None = None) -> Edition:
    """The Edition of a work (or volume), from dist/.cache when its inputs have not changed.

    This is how `make pdf epub docx` parses each work once: the first format
    prepares and caches, the others read the cache.
    """
    make = make or prepare
    digest = _input_digest(project, inputs or [project.source_dir / work_id])
    cache = project.cache_dir / f"{work_id}.edition.json"
    project.cache_dir.mkdir(parents=True, exist_ok=True)
    # `make -j2` runs the formats of one work at once: the first prepares, the
    # others wait for it here and then read its cache
    with open(project.cache_dir / f"{work_id}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _cached_or_made(project, work_id, make, digest, cache)


def _cached_or_made(project: Project, work_id: str, make, digest: str, cache: Path) -> Edition:
    if cache.is_file():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("digest") == digest:
                return Edition(
                    work_id=work_id, meta=data["meta"],
                    profile=dataclasses.replace(load_profile(project, data["profile"]),
                                                csl=data["csl"]), doc=data["doc"],
                    entries=tuple(apparatus.Entry(Emendation(**e["emendation"]), e["location"])
                                  for e in data["entries"]),
                    counts=data["counts"], build_date=data["build_date"], epoch=data["epoch"],
                    page_breaks=tuple(PageBreak(**{**b, "notes": tuple(b["notes"])})
                                      for b in data["page_breaks"]),
                    works=tuple(data["works"]))
        except (ValueError, KeyError, TypeError):
            pass  # a stale or broken cache is simply rebuilt
    edition = make(project, work_id)
    payload = {"digest": digest, "meta": edition.meta, "profile": edition.profile.name,
               "csl": edition.profile.csl,  # the work's own style, if it names one
               "doc": edition.doc, "entries": [dataclasses.asdict(e) for e in edition.entries],
               "counts": edition.counts, "build_date": edition.build_date,
               "epoch": edition.epoch,
               "page_breaks": [dataclasses.asdict(b) for b in edition.page_breaks],
               "works": list(edition.works)}
    with atomic_output(cache) as tmp:
        tmp.write_text(json.dumps(payload, default=str), encoding="utf-8")
    return edition

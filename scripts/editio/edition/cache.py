"""The cache of prepared editions in dist/.cache: parse once, render many times.

`make pdf epub docx` runs one editio process per format; the first prepares the
work and stores its Edition here, keyed by a digest of everything it was made
from, and the others read it. Each work's WorkParts are kept here too: its build
leaves them and a volume binding it reads them, so a change in one work is parsed and
collated once, in one process, and a volume re-parses only the works that changed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

from editio import __version__
from editio.base.errors import warn
from editio.base.outputs import atomic_output
from editio.base.project import Project, load_profile
from editio.edition.work import Edition, WorkParts, build_epoch, prepare, work_parts

# what prepares an edition the cache does not hold: a work's (the default) or a volume's
Prepare = Callable[[Project, str], Edition]


def package_digest() -> str:
    """The runtime package's version and code: new code, new cache."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _input_digest(project: Project, inputs: list[Path]) -> str:
    """What an Edition depends on; a cached Edition is reused only while this is unchanged."""
    h = hashlib.sha256(f"{package_digest()}|{build_epoch(project, inputs)}".encode())
    files: list[Path] = []
    for item in inputs:
        files += sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
    files += sorted(project.bib_dir.glob("*.bib")) + list(
        project.style_files("profiles/*.yaml").values()) + list(
        project.style_files("**/*.csl").values())  # a profile's own style file
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def load_or_prepare(project: Project, work_id: str, make: Prepare | None = None,
                    inputs: list[Path] | None = None) -> Edition:
    """The Edition of a work (or volume), from dist/.cache when its inputs have not changed.

    This is how `make pdf epub docx` parses each work once: the first format
    prepares and caches, the others read the cache.
    """
    make = make or _prepare_from_parts
    digest = _input_digest(project, inputs or [project.source_dir / work_id])
    cache = project.cache_dir / f"{work_id}.edition.json"
    project.cache_dir.mkdir(parents=True, exist_ok=True)
    # `make -j2` runs the formats of one work at once: the first prepares, the
    # others wait for it here and then read its cache
    # (filelock: flock on POSIX, msvcrt on Windows' own Python, which has no fcntl)
    with FileLock(project.cache_dir / f"{work_id}.lock"):
        return _cached_or_made(project, work_id, make, digest, cache)


def _read(project: Project, cache: Path, digest: str) -> Edition | None:
    """The Edition stored in `cache` if it was made from inputs with this digest."""
    if cache.is_file():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("digest") == digest:
                edition = data["edition"]
                return Edition.from_json(edition, load_profile(project, edition["profile"]))
        except (ValueError, KeyError, TypeError):
            pass  # a stale or broken cache is simply rebuilt
    return None


def cached(project: Project, work_id: str) -> Edition | None:
    """A work's Edition as the last build left it, if its inputs are unchanged since; never
    writes (the preview's first page, which must not touch dist/)."""
    digest = _input_digest(project, [project.source_dir / work_id])
    return _read(project, project.cache_dir / f"{work_id}.edition.json", digest)


def _cached_or_made(project: Project, work_id: str, make: Prepare, digest: str,
                    cache: Path) -> Edition:
    edition = _read(project, cache, digest)
    if edition is not None:
        return edition
    edition = make(project, work_id)
    with atomic_output(cache) as tmp:
        tmp.write_text(json.dumps({"digest": digest, "edition": edition.to_json()}, default=str),
                       encoding="utf-8")
    return edition


def _prepare_from_parts(project: Project, work_id: str) -> Edition:
    # a work's build leaves its WorkParts for the volumes that bind it: `make` rebuilding
    # a work and its volume at once parses and collates the work once, not in each process
    return prepare(project, work_id, load_or_make_parts(project, work_id))


def load_or_make_parts(project: Project, work_id: str) -> WorkParts:
    """A work's WorkParts for its Edition and its volumes, from dist/.cache while its
    inputs are unchanged.

    Pickled, not JSON: WorkParts holds the source, the collation and the profile, and the
    cache is only ever read by the code that wrote it (the digest covers the package).
    """
    digest = _input_digest(project, [project.source_dir / work_id])
    project.cache_dir.mkdir(parents=True, exist_ok=True)
    # the work's build and a volume's (`make -j2`) may want them at once: one makes them,
    # the other waits here and reads them
    with FileLock(project.cache_dir / f"{work_id}.parts.lock"):
        return _cached_or_made_parts(project, work_id, digest)


def _cached_or_made_parts(project: Project, work_id: str, digest: str) -> WorkParts:
    cache = project.cache_dir / f"{work_id}.parts.pickle"
    if cache.is_file():
        try:
            with cache.open("rb") as stream:
                stored_digest, parts = pickle.load(stream)
            if stored_digest == digest and isinstance(parts, WorkParts):
                for warning in parts.source.warnings:
                    warn(warning)  # as the first preparation said them
                return parts
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                TypeError, ImportError):
            pass  # a stale or broken cache is simply rebuilt
    parts = work_parts(project, work_id)
    with atomic_output(cache) as tmp:
        tmp.write_bytes(pickle.dumps((digest, parts), protocol=pickle.HIGHEST_PROTOCOL))
    return parts

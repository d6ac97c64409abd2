"""Writing into dist/: a file appears there only when it is complete; and the user's cache,
where what editio makes once per machine is kept."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

# Targets whose finished files wait for their siblings (all_or_none), by absolute path.
_held: dict[str, dict[str, Path]] = {}
_held_lock = threading.Lock()


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; move it into place only on success.

    A failure or Ctrl-C leaves the previous `target` untouched and no partial file. Inside
    an all_or_none block naming `target`, the finished file waits for the block's end.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    kept = False
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        with _held_lock:
            ready = _held.get(os.path.abspath(target))
            if ready is not None:
                ready[os.path.abspath(target)] = tmp
                kept = True
        if not kept:
            os.replace(tmp, target)
    finally:
        if not kept:
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def all_or_none(targets: Iterable[Path]) -> Iterator[None]:
    """One build's outputs: each is held back when complete, and when the block ends they
    all move into place; if it fails, none does, and every earlier output stays as it was
    (a work whose PDF fails keeps last build's EPUB, DOCX, TEI and JATS, not a mixture)."""
    names = [os.path.abspath(t) for t in targets]
    ready: dict[str, Path] = {}
    with _held_lock:
        for name in names:
            _held[name] = ready
    done = False
    try:
        yield
        done = True
    finally:
        with _held_lock:
            for name in names:
                _held.pop(name, None)
        for name, tmp in ready.items():
            if done:
                os.replace(tmp, name)
            else:
                tmp.unlink(missing_ok=True)


def user_cache(name: str) -> Path:
    """$XDG_CACHE_HOME/editio/<name>, or ~/.cache/editio/<name> (a relative one is ignored, as
    the XDG spec says): what editio makes once per machine and reuses (font instances, the
    finder's dictionaries, Jing's class archive), never anything a build's output depends on."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "editio" / name

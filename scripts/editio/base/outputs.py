"""Writing into dist/: a file appears there only when it is complete; and the user's cache,
where what editio makes once per machine is kept."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; move it into place only on success.

    A failure or Ctrl-C leaves the previous `target` untouched and no partial file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def user_cache(name: str) -> Path:
    """$XDG_CACHE_HOME/editio/<name>, or ~/.cache/editio/<name> (a relative one is ignored, as
    the XDG spec says): what editio makes once per machine and reuses (font instances, the
    finder's dictionaries, Jing's class archive), never anything a build's output depends on."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "editio" / name

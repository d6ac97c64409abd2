"""The OCR-suspect check of the real edition, as `make check` runs it on deutscher-1957."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio.base.project import Project
from editio.intake.source import WorkSource, load_work
from editio.suspects.finder import find_suspects, format_human
from editio.suspects.reading import reading_text

ROOT = Path(__file__).resolve().parents[2]
WORK = "deutscher-1957"


@pytest.fixture(scope="module")
def source() -> WorkSource:
    return load_work(Project(ROOT), WORK)


@pytest.fixture(scope="module")
def text(source: WorkSource) -> str:
    return reading_text(source)


# The finder over the whole essay (seconds): make test; the fast tier has its short texts.
@pytest.mark.slow
def test_reading_text_has_no_suspects(source: WorkSource, text: str) -> None:
    found = find_suspects(text, source.accepted_words)
    assert found == [], format_human(found, str(source.text_path))


# The whole essay's check once per accepted word: left to make test.
@pytest.mark.slow
def test_accepted_list_is_needed(source: WorkSource, text: str) -> None:
    # Each accepted word must still matter: without it the check fails. This keeps the list
    # honest (no stale entries) and shows the test above can fail.
    assert source.accepted_words
    for word in sorted(source.accepted_words):
        found = find_suspects(text, source.accepted_words - {word})
        assert found, f"{word!r} is accepted but no longer flagged: drop it from the list"
        assert all(word in (s.token.lower(), s.token.lower().strip("'\",.;:()")) for s in found)

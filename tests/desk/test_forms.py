"""The text forms of flags: a TSV row --apply reads back as format_tsv wrote it."""

from __future__ import annotations

from editio.desk.flags import Flag
from editio.desk.forms import format_tsv, read_tsv


def test_a_row_without_a_reading_is_left_alone(tmp_path):
    table = format_tsv([Flag(3, 1, "Bejuacsein", (), "unknown-word", 0.9),
                        Flag(4, 2, '"', ("",), "stray-punctuation", 0.8)])
    corrections, kept = read_tsv(table, tmp_path / "t.tsv")
    assert kept == [2]  # no suggestion: its token, left as it is
    assert [(c.line, c.token, c.reading, c.row) for c in corrections] == [(4, '"', "", 3)]

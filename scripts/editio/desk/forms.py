"""The text forms of the desk's flags: the TSV rows `editio suspects --format tsv` writes
and `--apply` reads back (format_tsv, read_tsv), and the report's lines for a reader
(format_human; format_markup: the emendation span --apply would write).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from editio.base.errors import CorrectionError
from editio.desk.flags import Flag
from editio.desk.writer import Correction, emendation

HEADER = ("line", "column", "token", "suggestion", "reason")


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _uncell(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(value[i + 1], value[i:i + 2]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def format_tsv(flags: Iterable[Flag]) -> str:
    """One row per flag. `suggestion` is the reading of the whole token that --apply writes;
    a flag without one has its token there, a row --apply leaves as it is, and so has a flag
    whose token an earlier row's reading takes in already."""
    rows = ["\t".join(HEADER)]
    taken: list[tuple[int, int, int]] = []  # (line, first, last column) of the rows' readings
    for f in flags:
        line, column, token = f.place(0)
        reading = f.suggestion if f.suggestion is not None else token
        end = column + len(token)
        if any(ln == line and a < end and column < b for ln, a, b in taken):
            # a stretch another row reads already (the other half of a word split in two)
            line, column, token, reading = f.line, f.column, f.token, f.token
        elif reading != token:
            taken.append((line, column, end))
        rows.append(f"{line}\t{column}\t{_cell(token)}\t{_cell(reading)}\t{f.reason}")
    return "\n".join(rows) + "\n"


def format_human(flags: list[Flag], path: str) -> str:
    if not flags:
        return f"{path}: no OCR suspects\n"
    lines = []
    for f in flags:
        hint = "" if f.suggestion is None else \
            f" -> {f.suggestion!r}" if f.suggestion else " -> (delete)"
        if f.place(0)[2] != f.token:
            hint += f" (with its neighbour: {f.place(0)[2]!r})"
        lines.append(f"{path}:{f.line}:{f.column}: {f.token!r}{hint} [{f.reason}, {f.score:.2f}]")
    return "\n".join(lines) + "\n"


def format_markup(flags: list[Flag], path: str) -> str:
    """Per flag with a reading: where, and the emendation span that --apply would write."""
    if not flags:
        return f"{path}: no OCR suspects\n"
    lines = []
    for f in sorted(flags, key=lambda f: (f.line, f.column)):
        if f.suggestion is None:
            lines.append(f"{path}:{f.line}:{f.column}: {f.token!r}: no suggestion [{f.reason}]")
        else:
            line, column, token = f.place(0)
            head, _, rest = token.partition("\n")
            lead, span, trail = emendation(head.rstrip(), f.suggestion)
            if rest:  # broken at the line's end: the next line's half omitted (the writer's)
                trail += f" + {path}:{line + 1}: " + emendation(rest.strip(), "")[1]
            lines.append(f"{path}:{line}:{column}: {lead}{span}{trail}")
    return "\n".join(lines) + "\n"


def read_tsv(text: str, path: Path) -> tuple[list[Correction], list[int]]:
    """The corrections of a TSV file (rows as format_tsv writes them, edited), and the lines of
    the rows left as they are (suggestion = token). A malformed row is refused by its line."""
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t") if lines else []
    missing = [c for c in ("line", "column", "token", "suggestion") if c not in header]
    if missing:
        raise CorrectionError(f"the header lacks {', '.join(missing)}", path=path, line=1,
                              hint="the header row is " + "\\t".join(HEADER)
                              + ", as 'editio suspects --format tsv' writes it")
    at = {name: header.index(name) for name in ("line", "column", "token", "suggestion")}
    corrections, kept = [], []
    for number, row in enumerate(lines[1:], start=2):
        row = row.rstrip("\r")
        if not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        if len(cells) < len(header) - (1 if header[-1] not in at else 0):
            raise CorrectionError(f"row has {len(cells)} cells, the header {len(header)}",
                                  path=path, line=number, hint="cells are separated by tabs")
        try:
            line, column = int(cells[at["line"]]), int(cells[at["column"]])
        except ValueError:
            raise CorrectionError("line and column must be numbers", path=path,
                                  line=number) from None
        token, reading = _uncell(cells[at["token"]]), _uncell(cells[at["suggestion"]])
        if reading == token:
            kept.append(number)
            continue
        corrections.append(Correction(line, column, token, reading, row=number))
    return corrections, kept

"""The PDF of an edition: a work's in one layout (writer), a volume's typeset work by work
and combined (parts), which reuses the writer. Here, above both, so that neither imports the
other's caller."""

from __future__ import annotations

from pathlib import Path

from editio.base.project import Project
from editio.edition.work import Edition
from editio.formats.pdf.parts import write_volume_pdf
from editio.formats.pdf.writer import write_whole_pdf


def write_pdf(project: Project, edition: Edition, target: Path, in_parts: bool = True) -> Path:
    """The edition's PDF; a volume's in parts unless `in_parts` is False (the whole book in
    one layout, as the parts must equal)."""
    if edition.works and in_parts:
        return write_volume_pdf(project, edition, target)
    return write_whole_pdf(project, edition, target)

"""The offset-print profile (styles/profiles/offset-print.yaml, styles/pdf/offset.css): a
PDF/X-4 with its printing condition as the output intent, every colour in the black plate
only, read from the PDF the smallest work builds with it."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from conftest import run_editio

SMALL = "bln600-3202982093"  # the smallest work
# colour operators: DeviceGray and DeviceRGB ones, and those of the current colour space
GRAY_RGB = {"g", "G", "rg", "RG"}


def _build(project: Path) -> Path:
    text = project / "source" / SMALL / "text.md"
    lines = text.read_text(encoding="utf-8").splitlines(keepends=True)
    text.write_text("".join("profile: offset-print\n" if line.startswith("profile:") else line
                            for line in lines), encoding="utf-8")
    assert run_editio(project, "build", SMALL, "--to", "pdf", "-q") == 0
    return project / "dist" / f"{SMALL}.pdf"


# a whole PDF typeset (2.5 s): make test, not the fast tier's thirty seconds
@pytest.mark.slow
def test_offset_print_is_pdf_x4_in_black_only(project: Path):
    with pikepdf.open(_build(project)) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFX"
        icc = intents[0].DestOutputProfile.read_bytes()
        assert icc[12:20] == b"prtrCMYK" and int(intents[0].DestOutputProfile.N) == 4
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert pdf.docinfo.get("/Trapped") == "/False"
        spaces, inks = set(), set()
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                assert op not in GRAY_RGB, f"{op} {operands}: a colour outside the black plate"
                if op in ("cs", "CS"):
                    spaces.add(str(operands[0]))
                elif op in ("sc", "scn", "SC", "SCN", "k", "K"):
                    inks.add(tuple(float(x) for x in operands[:3]))
        assert spaces == {"/DeviceCMYK"} and inks == {(0.0, 0.0, 0.0)}

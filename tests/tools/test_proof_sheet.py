"""editio_tools.proof (`make proof`): its fixed sample of pages, a PDF's pages as PNG, and a
missing Chromium or LibreOffice named with its install command before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage
from weasyprint import HTML

from editio_tools import proof


def test_the_sample_is_fixed_and_within_the_document():
    assert proof.sample(1) == [1]
    assert proof.sample(2) == [1, 2]
    assert proof.sample(40) == [1, 2, 3, 20, 39, 40]


def test_a_pdf_is_sampled_page_by_page(tmp_path: Path):
    pdf = tmp_path / "book.pdf"
    pages = "".join(f'<p style="break-after: page">Page {n}</p>' for n in range(1, 9))
    HTML(string=f"<html><body>{pages}</body></html>").write_pdf(pdf)
    images = proof.pdf_pages(pdf, tmp_path, "book-pdf", "book.pdf")
    assert [i.what for i in images] == ["page 1", "page 2", "page 3", "page 4", "page 7",
                                        "page 8"]
    with PILImage.open(images[0].png) as png:
        assert abs(png.width - 210 / 25.4 * proof.DPI) <= 1  # A4 at the proof resolution


def test_a_missing_tool_is_named_with_its_install_command(tmp_path: Path, monkeypatch):
    real = shutil.which
    monkeypatch.setattr(proof.shutil, "which",
                        lambda name: None if name != "chromium" else real("true"))
    (tmp_path / "dist").mkdir()
    with pytest.raises(proof.ProofError) as error:
        proof.make_proof(tmp_path / "dist", tmp_path / "dist" / "proof")
    assert "LibreOffice" in str(error.value) and \
        "apt-get install libreoffice-writer-nogui" in str(error.value)
    assert "Chromium" not in str(error.value)
    assert not (tmp_path / "dist" / "proof").exists()
    assert proof.main([str(tmp_path / "dist"), str(tmp_path / "out")]) == 1

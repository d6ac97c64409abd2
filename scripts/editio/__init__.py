"""editio: scholarly editions from OCR witnesses, to PDF, EPUB and DOCX."""

__version__ = "0.1.0"

"""Reading a text file of the project: strict UTF-8, LF line ends, a size limit.

The one way editio reads a file it did not write (text, witness, note, .bib, manifests,
profiles), here in base so that the project's own files are read as the works' are.
"""

from __future__ import annotations

from pathlib import Path

from editio.base.errors import SourceError

# One work is one essay, article or chapter; a larger file is refused before
# pandoc and WeasyPrint spend minutes and gigabytes on it.
MAX_FILE_BYTES = 2_000_000

BOM = b"\xef\xbb\xbf"


def read_text(path: Path) -> str:
    """Read a UTF-8 file as text with LF line ends: the one way editio reads a file.

    A byte-order mark and Windows (CRLF) or old Mac (CR) line ends are what a Windows
    checkout or editor gives; they carry nothing, so they are dropped here, and line
    numbers stay those the editor sees. A witness's bytes are checked apart (its checksum).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                f"file is {size / 1e6:.1f} MB; one work may be at most "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB", path=path,
                hint="split the text into several works and bind them in a volume")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file not found", path=path) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path=path) from None
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            path=path, line=line, column=column, hint="convert the file to UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")

"""`make proof`: a fixed sample of pages of every built output as PNG images in dist/proof/,
so anyone can look at the books before a release without opening three kinds of reader.

    python -m editio_tools.proof dist dist/proof

- each PDF: pages 1, 2, 3, the middle one and the last two, rendered by pdfium (pypdfium2);
- each EPUB: its first three content documents in reading order (the spine) and its last,
  each as headless Chromium shows it (a 600 x 900 window, the page as an e-reader's);
- each DOCX: converted to PDF by LibreOffice (headless), then its pages sampled as a PDF's.

dist/proof/index.html shows them side by side. Chromium and LibreOffice are the system's:
when one is missing, this says which and how to install it, and writes nothing.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pypdfium2 as pdfium
from lxml import etree

from editio.base.xmltree import must_find

DPI = 60
EPUB_WINDOW = (600, 900)
# Debian's packages: the one command that installs each tool
TOOLS = {
    "chromium": ("Chromium, for the EPUB's documents", "apt-get install chromium"),
    "soffice": ("LibreOffice, for the DOCX's pages", "apt-get install libreoffice-writer-nogui"),
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions", "--hide-scrollbars"]
NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container",
      "opf": "http://www.idpf.org/2007/opf"}


class ProofError(Exception):
    """A tool is missing or failed: the message says which, and what to do."""


@dataclass(frozen=True)
class Image:
    """One proof image: the output it shows, what part of it, and the PNG."""

    output: str
    what: str
    png: Path


def find_tools() -> dict[str, str]:
    """Each tool's path; a ProofError naming every missing one and its install command."""
    found = {name: shutil.which(name) or (shutil.which("chromium-browser")
                                          if name == "chromium" else None)
             for name in TOOLS}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise ProofError("make proof needs " + "; ".join(
            f"{TOOLS[n][0]}: {TOOLS[n][1]}" for n in missing))
    return {name: str(path) for name, path in found.items()}


def sample(count: int) -> list[int]:
    """The fixed sample of page numbers (1-based): 1, 2, 3, the middle, the last two."""
    wanted = [1, 2, 3, (count + 1) // 2, count - 1, count]
    return sorted({n for n in wanted if 1 <= n <= count})


def pdf_pages(pdf: Path, out: Path, stem: str, label: str) -> list[Image]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        images = []
        for number in sample(len(doc)):
            png = out / f"{stem}-p{number:03d}.png"
            doc[number - 1].render(scale=DPI / 72).to_pil().convert("RGB").save(png)
            images.append(Image(label, f"page {number}", png))
        return images
    finally:
        doc.close()


def spine(root: Path) -> list[Path]:
    """An unpacked EPUB's content documents in reading order."""
    container = etree.parse(str(root / "META-INF" / "container.xml"))
    rootfile = must_find(container.getroot(), ".//c:rootfile", "the EPUB's container.xml", NS)
    opf_path = root / rootfile.get("full-path", "")
    opf = etree.parse(str(opf_path))
    items = {i.get("id"): i.get("href", "")
             for i in opf.iterfind(".//opf:manifest/opf:item", NS)}
    base = PurePosixPath(opf_path.relative_to(root)).parent
    return [root / base / items[idref] for ref in opf.iterfind(".//opf:spine/opf:itemref", NS)
            if (idref := ref.get("idref")) in items]


def epub_documents(epub: Path, out: Path, chromium: str, scratch: Path) -> list[Image]:
    root = scratch / epub.stem
    with zipfile.ZipFile(epub) as z:
        z.extractall(root)
    docs = spine(root)
    chosen = sorted({i for i in (0, 1, 2, len(docs) - 1) if 0 <= i < len(docs)})
    images = []
    for i in chosen:
        png = out / f"{epub.stem}-epub-{i + 1:02d}.png"
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={scratch / 'chromium'}",
                        f"--window-size={EPUB_WINDOW[0]},{EPUB_WINDOW[1]}",
                        f"--screenshot={png}", docs[i].as_uri()],
                       check=True, capture_output=True, timeout=120)
        if not png.is_file():
            raise ProofError(f"Chromium wrote no screenshot of {docs[i].name} in {epub.name}")
        images.append(Image(f"{epub.name}", f"document {i + 1}: {docs[i].name}", png))
    return images


def docx_pages(docx: Path, out: Path, soffice: str, scratch: Path) -> list[Image]:
    converted = scratch / "docx"
    # a profile of its own: a LibreOffice the user has open (or another proof) is not in the way
    subprocess.run([soffice, f"-env:UserInstallation={(scratch / 'lo-profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(converted), str(docx)],
                   check=True, capture_output=True, timeout=300)
    pdf = converted / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise ProofError(f"LibreOffice did not convert {docx.name} to PDF")
    return pdf_pages(pdf, out, f"{docx.stem}-docx", docx.name)


def write_index(out: Path, images: list[Image]) -> Path:
    rows: dict[str, list[Image]] = {}
    for image in images:
        rows.setdefault(image.output, []).append(image)
    body = "".join(
        f"<h2>{html.escape(output)}</h2><div class='row'>" + "".join(
            f"<figure><img src='{html.escape(i.png.name)}' alt='{html.escape(output)}, "
            f"{html.escape(i.what)}'><figcaption>{html.escape(i.what)}</figcaption></figure>"
            for i in shown) + "</div>" for output, shown in rows.items())
    index = out / "index.html"
    index.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Proof sheet</title>"
        "<style>body{font-family:sans-serif;background:#ddd}.row{display:flex;gap:8px;"
        "flex-wrap:wrap}figure{margin:0}img{border:1px solid #999;max-height:420px}"
        "</style></head><body><h1>Proof sheet</h1>" + body + "</body></html>",
        encoding="utf-8")
    return index


def make_proof(dist: Path, out: Path) -> list[Image]:
    tools = find_tools()  # before anything is written
    outputs = {ext: sorted(dist.glob(f"*.{ext}")) for ext in ("pdf", "epub", "docx")}
    if not any(outputs.values()):
        raise ProofError(f"no PDF, EPUB or DOCX in {dist}: run make first")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    images: list[Image] = []
    with tempfile.TemporaryDirectory(prefix="editio-proof-") as tmp:
        scratch = Path(tmp)
        for pdf in outputs["pdf"]:
            images += pdf_pages(pdf, out, f"{pdf.stem}-pdf", pdf.name)
        for epub in outputs["epub"]:
            images += epub_documents(epub, out, tools["chromium"], scratch)
        for docx in outputs["docx"]:
            images += docx_pages(docx, out, tools["soffice"], scratch)
    write_index(out, images)
    return images


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m editio_tools.proof",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", type=Path, nargs="?", default=Path("dist"))
    parser.add_argument("out", type=Path, nargs="?", default=Path("dist/proof"))
    args = parser.parse_args(argv)
    try:
        images = make_proof(args.dist, args.out)
    except ProofError as exc:
        print(f"proof: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"proof: {exc.cmd[0]} failed: {exc.stderr.decode(errors='replace')[-400:]}",
              file=sys.stderr)
        return 1
    print(f"proof: {len(images)} images in {args.out}/ (open {args.out / 'index.html'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

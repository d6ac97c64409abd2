"""A two-page spread of a built PDF as one PNG (the README's picture), rendered, not drawn.

    python -m editio_tools.spread dist/deutscher-1957.pdf docs/spread.png --pages 8 9
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

GUTTER = 2  # px of shadow between the pages, so the spread reads as a book


def render_spread(pdf: Path, out: Path, pages: tuple[int, int], width: int = 1400) -> Path:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        count = len(doc)
        for number in pages:
            if not 1 <= number <= count:
                raise SystemExit(f"spread: {pdf} has pages 1-{count}, not {number}")
        page_width = doc[pages[0] - 1].get_width()
        scale = (width - GUTTER) / 2 / page_width
        images = [doc[n - 1].render(scale=scale).to_pil().convert("RGB") for n in pages]
    finally:
        doc.close()
    height = max(im.height for im in images)
    sheet = Image.new("RGB", (sum(im.width for im in images) + GUTTER, height), (150, 150, 150))
    sheet.paste(images[0], (0, 0))
    sheet.paste(images[1], (images[0].width + GUTTER, 0))
    out.parent.mkdir(parents=True, exist_ok=True)
    # a small palette keeps the picture light for the README; text stays crisp in grey
    sheet.quantize(colors=32, dither=Image.Dither.NONE).save(out, optimize=True)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m editio_tools.spread", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pdf", type=Path)
    p.add_argument("png", type=Path)
    p.add_argument("--pages", type=int, nargs=2, default=(8, 9), metavar=("LEFT", "RIGHT"),
                   help="a verso and its recto, 1-based (default: 8 9)")
    p.add_argument("--width", type=int, default=1400, help="pixels across the spread")
    args = p.parse_args(argv)
    if args.pages[0] % 2:
        print(f"spread: page {args.pages[0]} is a recto; a spread starts on an even page",
              file=sys.stderr)
    out = render_spread(args.pdf, args.png, tuple(args.pages), args.width)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""hyphenation.py: `--hyphenate-limit-lines` keeps runs of hyphenated line ends to its
number; without it (WeasyPrint alone) the same narrow column has longer runs."""

from __future__ import annotations

from weasyprint import HTML

from editio.formats.pdf.hyphenation import ends_hyphenated, limit_hyphen_runs

# a narrow justified column of long words: WeasyPrint hyphenates line after line
WORDS = ("administrative representatives notwithstanding extraordinarily "
         "institutionalised responsibilities incomprehensibly ") * 12
PAGE = """<html lang="en"><head><style>@page {{ size: 60mm 400mm; margin: 5mm }}
p {{ font: 10pt serif; text-align: justify; hyphens: auto; {limit} }}</style></head>
<body><p>{words}</p></body></html>"""


def _longest_run(limit: str) -> tuple[int, int]:
    """The longest run of hyphenated line ends in the paragraph, and its hyphenated lines."""
    with limit_hyphen_runs():
        document = HTML(string=PAGE.format(limit=limit, words=WORDS)).render()
    # WeasyPrint keeps the laid-out boxes of a page in _page_box, its one way to them
    lines = [box for page in document.pages
             for box in page._page_box.descendants()  # noqa: SLF001
             if type(box).__name__ == "LineBox"]
    longest = run = hyphenated = 0
    for line in lines:
        run = run + 1 if ends_hyphenated(line) else 0
        hyphenated += ends_hyphenated(line)
        longest = max(longest, run)
    return longest, hyphenated


def test_runs_of_hyphenated_lines_keep_to_the_limit():
    alone, _ = _longest_run("")
    assert alone >= 3  # the column WeasyPrint sets alone has runs of three or more
    for limit in (1, 2):
        longest, hyphenated = _longest_run(f"--hyphenate-limit-lines: {limit}")
        assert longest == limit and hyphenated >= 5

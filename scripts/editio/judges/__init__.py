"""judges: outside checkers run by `editio check` and the tests: pdfcheck (the PDF's
structure, Matterhorn's machine-checkable conditions), pdfua_judge, ace (DAISY Ace),
epubcheck, schemas (TEI RNG through Jing, JATS DTD through lxml).
"""

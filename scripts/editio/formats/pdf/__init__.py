"""formats/pdf: book (write_pdf: a work in one layout, a volume in parts), writer (HTML
through Jinja2, WeasyPrint), parts and merge (a volume typeset work by work, then joined),
tags (the structure tree completed), hyphenation.
"""

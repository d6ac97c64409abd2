"""formats/docx: writer (pandoc's DOCX with the reference document) and package (the page
and margins from the page CSS, the book font embedded, notes numbered by work).
"""

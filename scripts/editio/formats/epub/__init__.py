"""formats/epub: writer (pandoc's EPUB 3 with our CSS and metadata) and package (the
finishing: print-page navigation, landmarks, notes linked both ways, accessibility metadata).
"""

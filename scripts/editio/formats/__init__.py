"""formats: the writers, each from the Edition alone (none imports the intake or the proof):
tei, jats (lxml trees; xml_parts shared), collation_page (collation_model: each emendation in
context, cut from the sides the collation carries), pdf/ (book chooses: writer lays out a work,
parts and merge a volume, tags completes the structure tree, hyphenation), epub/ (writer:
pandoc; package: navigation, notes both ways, accessibility), docx/ (writer: pandoc; package:
page, fonts), fonts (the book font's static instances).
"""

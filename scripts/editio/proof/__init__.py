"""proof: the collation, witness against reading text (collate): no silent change passes;
its Collation (each emendation in context, the silent normalisations applied) goes on the
Edition for the note on the text and the collation page.
"""

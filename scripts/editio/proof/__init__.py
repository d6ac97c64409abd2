"""proof: the collation, witness against reading text (collate): no silent change passes;
its Collation (the silent normalisations applied, and both sides as it saw them) goes on the
Edition for the note on the text and the collation page, whose model (each emendation in
context) is formats.collation_model's.
"""

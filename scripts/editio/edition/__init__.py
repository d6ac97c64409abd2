"""edition: the prepared edition, once, typed. work (Edition and prepare: source, markup,
collation, paragraphs, apparatus, bibliography, citations, in that order), paragraphs
(numbers), apparatus (textual notes), bibliography and citations (the .bib through CSL),
volume (several works bound), cache (prepared editions kept in dist/.cache).
"""

"""The OCR-suspect finder: which tokens of an OCR text are likely misreadings, and what they
probably should read.

The flow, one module a step (finder.find_suspects runs it; import the public names from
editio.suspects.finder):

1. tokens: the text becomes whitespace tokens with Markdown markup masked, each split into
   leading marks, core and trailing marks (split_core); word-shape helpers shared by all.
2. dictionary: wordfreq's frequencies, symspellpy's word and bigram counts and its index of
   deletes (pickled in the user's cache), and the shipped logistic model (data/).
3. features: the Analyzer describes each token by a few dozen features (dictionary look-ups,
   character trigrams, case and punctuation shape, learned OCR confusions, bigram context) and
   gives it a first reason.
4. model: the features' logit, recalibrated to the text's own error rate (document_shift);
   the cut that maximises the text's expected F1 (f1_cut).
5. evidence: the document's own conventions (spellings it uses consistently, spaced marks) and
   its period (settings: early-modern print) lower the scores of what is normal there.
6. page: the page's evidence on top (marks that break a sentence, a one-off variant of a word
   the document uses, a slip of a common word), with reasons that replace the word-level ones.
7. suggestions: each flag's corrections (the Corrector the Analyzer mixes in): learned
   confusions and symspellpy's neighbours, the document's own words, joins and splits;
   ranking weighs them (the Ranker the Corrector builds on): the OCR channel, the context of
   the newspapers' word pairs, the candidate's features and their weights.
8. report: the Suspect, and its forms for people, for text.md and for tools.

reading gives a work's reading text as the finder reads it (markup as a reader sees it).
"""

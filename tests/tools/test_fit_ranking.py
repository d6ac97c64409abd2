"""fit_ranking: the ranking's weights fitted as a softmax over each case's candidates."""

from __future__ import annotations

import numpy as np

from editio.suspects.finder import default_analyzer, tokenize
from editio_tools.bench_suggestions import Case
from editio_tools.fit_ranking import Choice, choices, fit, leads


def test_the_fit_weighs_the_feature_that_picks_the_right_candidate() -> None:
    # three candidates a case; the first feature marks the right one, the second is noise
    rng = np.random.default_rng(0)
    data = []
    for k in range(40):
        right = k % 3
        x = rng.normal(size=(3, 2))
        x[:, 0] = 0.0
        x[right, 0] = 1.0
        data.append(Choice(f"doc{k % 2}", x, right))
    w = fit(data, l2=1e-3, steps=300)
    assert w[0] > 1.0 and abs(w[1]) < w[0] / 4
    assert leads(data, w) == 40
    assert leads(data, np.array([-1.0, 0.0])) == 0


def test_a_case_is_fitted_where_its_right_reading_is_a_candidate() -> None:
    an = default_analyzer()
    tokens = tokenize("He then went upairs to the bedroom.")
    names = ["channel", "context", "edits"]
    got = choices([Case("d", tokens, 3, "unknown-word", "", None, "upstairs"),
                   Case("d", tokens, 3, "unknown-word", "", None, "qqqq"),
                   Case("d", tokens, 3, "stray-punctuation", "", None, "upstairs")],
                  an, names)
    # the reading no candidate is, and a reason whose readings are no candidates', are left out
    assert len(got) == 1
    feats = an.candidate_features("upairs", "went", "to")
    row = got[0].x[got[0].right]
    assert list(row) == [feats["upstairs"][n] for n in names]

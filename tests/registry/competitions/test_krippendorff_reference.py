"""Our Krippendorff's alpha (interval) against the `krippendorff` package on random rounds."""

import random

import krippendorff
import numpy as np
import pytest

from registry.competitions.scoring import krippendorff_alpha_interval


@pytest.mark.parametrize("seed", range(25))
def test_alpha_matches_the_reference_implementation(seed):
    rng = random.Random(seed)
    judges = rng.randint(2, 8)
    entries = rng.randint(3, 40)
    totals = {}
    matrix = np.full((judges, entries), np.nan)
    for e in range(entries):
        # Each entry gets 1..judges judges; a shared "quality" plus judge noise.
        quality = rng.uniform(20, 90)
        # The first entry always has two judges, so alpha is defined.
        for j in rng.sample(range(judges), rng.randint(2 if e == 0 else 1, judges)):
            value = round(min(100, max(0, quality + rng.gauss(0, 12))), 2)
            totals.setdefault(e, {})[j] = value
            matrix[j, e] = value
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="interval")
    assert krippendorff_alpha_interval(totals) == pytest.approx(expected, abs=1e-9)

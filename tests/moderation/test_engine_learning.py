"""A site's model: the prior plus a delta, switched to only when not worse."""

import random

from khabar.moderation import engine
from khabar.moderation.engine.learning import (
    MIN_DECISIONS,
    StackedModel,
    average_precision,
    learn,
)

from .conftest import APRICOT, CLEAN, tiny_model

PUMPKIN = "کدوتنبل"  # a word the site's moderators reject, unknown to the prior


def history(count: int, word: str, *, flipped_after: int | None = None):
    """Decisions oldest first: comments with ``word`` rejected, others approved."""
    rng = random.Random(3)
    docs = []
    for index in range(count):
        rude = index % 2 == 0
        text = f"{rng.choice(CLEAN)} {index}" + (f" {word}" if rude else "")
        label = int(rude)
        if flipped_after is not None and index < flipped_after:
            label = 1 - label
        docs.append((engine.text_features(text), label))
    return docs


def test_average_precision_of_a_perfect_and_a_reversed_ranking():
    assert average_precision([0.9, 0.8, 0.1], [1, 1, 0]) == 1.0
    assert average_precision([0.1, 0.2, 0.9], [1, 1, 0]) < 0.6


def test_too_few_decisions_teach_nothing():
    prior = tiny_model()
    assert learn(prior, prior, history(MIN_DECISIONS - 1, PUMPKIN)) is None


def test_a_candidate_that_learned_the_sites_word_is_switched_to():
    prior = tiny_model()
    outcome = learn(prior, prior, history(200, PUMPKIN))
    assert outcome is not None
    candidate, review = outcome
    assert review.accepted and review.ap_after > review.ap_before
    rude = engine.text_features(f"خبر خوبی بود {PUMPKIN}")
    assert candidate.probability(rude) > prior.probability(rude) + 0.3
    # what the prior knew survives the delta
    apricot = engine.text_features(f"خبر خوبی بود {APRICOT}")
    assert candidate.probability(apricot) > 0.5


def test_a_candidate_worse_on_the_newest_decisions_is_refused():
    prior = tiny_model()
    # the site's older decisions disagree with its newest ones
    docs = history(200, PUMPKIN, flipped_after=160)
    candidate, review = learn(prior, prior, docs)
    assert not review.accepted
    assert review.ap_after < review.ap_before
    assert isinstance(candidate, StackedModel)


def test_a_stacked_model_round_trips_its_delta():
    prior = tiny_model()
    candidate, _ = learn(prior, prior, history(200, PUMPKIN))
    back = StackedModel(prior, engine.LinearModel.loads(candidate.delta.dumps()))
    feats = engine.text_features(f"سلام {PUMPKIN}")
    assert abs(back.probability(feats) - candidate.probability(feats)) < 0.01

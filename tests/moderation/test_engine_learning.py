"""A site's learner: test, then train; switched to only when not worse."""

import random

import pytest

from khabar.moderation import engine
from khabar.moderation.engine.learning import (
    MIN_REVIEW,
    SiteLearner,
    StackedModel,
    average_precision,
)

from .conftest import APRICOT, CLEAN, tiny_model

PUMPKIN = "کدوتنبل"  # a word the site's moderators reject, unknown to the prior


def decisions(count: int, word: str, *, rude_with_word: bool = True, seed: int = 3):
    """Decisions: comments with ``word`` rejected (or, reversed, approved)."""
    rng = random.Random(seed)
    for index in range(count):
        with_word = index % 2 == 0
        text = f"{rng.choice(CLEAN)} {index}" + (f" {word}" if with_word else "")
        yield engine.text_features(text), int(with_word == rude_with_word)


def test_average_precision_of_a_perfect_and_a_reversed_ranking():
    assert average_precision([0.9, 0.8, 0.1], [1, 1, 0]) == 1.0
    assert average_precision([0.1, 0.2, 0.9], [1, 1, 0]) < 0.6


def test_too_few_decisions_judge_nothing():
    prior, learner = tiny_model(), SiteLearner()
    for feats, label in decisions(MIN_REVIEW - 1, PUMPKIN):
        learner.observe(prior, None, feats, label)
    assert learner.review() is None


def test_a_shadow_that_learned_the_sites_word_is_switched_to():
    prior, learner = tiny_model(), SiteLearner()
    for feats, label in decisions(300, PUMPKIN):
        learner.observe(prior, None, feats, label)
    review = learner.review()
    assert review.accepted and review.ap_after > review.ap_before
    site = StackedModel(prior, learner.delta())
    rude = engine.text_features(f"خبر خوبی بود {PUMPKIN}")
    assert site.probability(rude) > prior.probability(rude) + 0.3
    apricot = engine.text_features(f"خبر خوبی بود {APRICOT}")
    assert site.probability(apricot) > 0.5  # what the prior knew survives


def test_a_shadow_worse_on_the_newest_decisions_is_refused(monkeypatch):
    monkeypatch.setattr("khabar.moderation.engine.learning.RATE", 0.1)  # unlearn fast
    prior, learner = tiny_model(), SiteLearner(window=100)
    # older decisions approve «زردآلو», the newest reject it, as the prior does
    for feats, label in decisions(300, APRICOT, rude_with_word=False):
        learner.observe(prior, None, feats, label)
    for feats, label in decisions(100, APRICOT, seed=4):
        learner.observe(prior, None, feats, label)
    review = learner.review()
    assert not review.accepted
    assert review.ap_after < review.ap_before == 1.0


def test_the_learner_round_trips_and_refuses_garbage():
    prior, learner = tiny_model(), SiteLearner()
    for feats, label in decisions(120, PUMPKIN):
        learner.observe(prior, None, feats, label)
    back = SiteLearner.loads(learner.dumps())
    assert back.seen == 120 and back.review() == learner.review()
    feats = engine.text_features(f"سلام {PUMPKIN}")
    assert StackedModel(prior, back.delta()).probability(feats) == pytest.approx(
        StackedModel(prior, learner.delta()).probability(feats), abs=1e-4
    )
    with pytest.raises(engine.ModelError, match="unreadable"):
        SiteLearner.loads(b"garbage")

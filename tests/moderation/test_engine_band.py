"""The insult hold band follows a share of recent traffic and the moderators' decisions."""

import random

import pytest

from khabar.moderation.engine.band import (
    MIN_SLICE,
    MIN_TRAFFIC,
    OTHER_HOLD,
    OTHER_REJECT,
    Recent,
    floor_from_decisions,
    hold_threshold,
)

REJECT = 0.95


def traffic(count: int, seed: int = 1) -> list[Recent]:
    rng = random.Random(seed)
    return [Recent(rng.random() ** 3) for _ in range(count)]


def held(recent, hold):
    return sum(
        1
        for item in recent
        if item.score < REJECT
        and item.other != OTHER_REJECT
        and (item.other == OTHER_HOLD or item.score >= hold)
    )


@pytest.mark.parametrize("share", [0.05, 0.15, 0.3])
def test_the_band_holds_at_most_the_share_of_recent_comments(share):
    recent = traffic(2000)
    band = hold_threshold(recent, share=share, floor=0.05, reject=REJECT)
    assert held(recent, band.hold) <= share * len(recent)
    assert held(recent, band.hold - 0.01) > share * len(recent)  # the lowest such
    assert band.expected_share == pytest.approx(held(recent, band.hold) / 2000)


def test_comments_other_rules_hold_use_up_the_budget_first():
    recent = traffic(1000)
    alone = hold_threshold(recent, share=0.15, floor=0.0, reject=REJECT)
    busy = [Recent(r.score, OTHER_HOLD) if i < 100 else r for i, r in enumerate(recent)]
    shared = hold_threshold(busy, share=0.15, floor=0.0, reject=REJECT)
    assert shared.hold > alone.hold
    assert held(busy, shared.hold) <= 150


def test_the_band_never_goes_below_the_floor_or_above_reject():
    clean = [Recent(0.01) for _ in range(1000)]
    assert hold_threshold(clean, share=0.15, floor=0.3, reject=REJECT).hold == 0.3
    rude = [Recent(0.9) for _ in range(1000)]
    band = hold_threshold(rude, share=0.15, floor=0.3, reject=REJECT)
    assert band.hold <= REJECT and held(rude, band.hold) <= 150


def test_a_new_site_keeps_the_configured_floor():
    band = hold_threshold(
        traffic(MIN_TRAFFIC - 1), share=0.15, floor=0.3, reject=REJECT
    )
    assert band.hold == 0.3


def test_moderators_approving_the_bottom_of_the_band_raise_the_floor():
    bottom = [(0.30 + i / 1000, 0) for i in range(MIN_SLICE + 10)]  # all approved
    top = [(0.7 + i / 1000, 1) for i in range(50)]  # all rejected
    floor = floor_from_decisions(bottom + top, floor=0.3, reject=REJECT)
    assert floor > max(score for score, _ in bottom)
    assert sum(score >= floor for score, _ in top) >= 0.9 * len(top)


def test_decisions_that_reject_the_bottom_too_leave_the_floor():
    mixed = [(0.30 + i / 1000, i % 3 == 0) for i in range(200)]
    assert floor_from_decisions(mixed, floor=0.3, reject=REJECT) == 0.3


def test_too_few_decisions_leave_the_floor():
    few = [(0.31, 0)] * (MIN_SLICE - 1)
    assert floor_from_decisions(few, floor=0.3, reject=REJECT) == 0.3

"""The insult hold band: how much a site's moderators are asked to read.

A fixed hold threshold holds whatever share of comments a source's score
distribution puts above it: 23 % of one source, 55 % of another. The band
instead follows a share of the site's recent traffic (``held_share``, 15 % by
default): the hold threshold is the score above which that share of recent
comments lies, counting those other rules already hold. It never goes below
the site's configured floor, and the moderators' decisions raise the floor
where they approve nearly everything held near it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MIN_TRAFFIC = 200  # fewer recent comments than this: keep the configured floor
MIN_SLICE = 40  # decisions at the bottom of the band before they move the floor
SLICE_REJECTS = 0.1  # a bottom slice this rarely rejected is not worth holding
OTHER_HOLD, OTHER_REJECT = "hold", "reject"


@dataclass(frozen=True, slots=True)
class Recent:
    """One recent comment: its insult score and what else decided it.

    ``other`` is ``OTHER_HOLD`` for a comment held whatever its place in the
    band (another rule, or a score only the site's model puts past reject),
    ``OTHER_REJECT`` for one rejected whatever the band.
    """

    score: float
    other: str | None = None  # OTHER_HOLD, OTHER_REJECT or None


@dataclass(frozen=True, slots=True)
class Band:
    """The hold threshold chosen, and the traffic it was chosen on."""

    hold: float
    floor: float
    traffic: int
    expected_share: float  # share of the traffic this band would have held


def hold_threshold(
    recent: Sequence[Recent], *, share: float, floor: float, reject: float
) -> Band:
    """Return the lowest hold threshold that holds at most ``share`` of ``recent``.

    Comments rejected whatever the band are not held; those held whatever the
    band use up the budget first. The threshold lies in ``[floor, reject]``.
    """
    if len(recent) < MIN_TRAFFIC:
        return Band(floor, floor, len(recent), _share_held(recent, floor, reject))
    held_by_other = sum(1 for item in recent if item.other == OTHER_HOLD)
    budget = int(share * len(recent)) - held_by_other
    candidates = sorted(
        (item.score for item in recent if item.other is None and item.score < reject),
        reverse=True,
    )
    if budget <= 0:
        hold = reject
    elif budget >= len(candidates):
        hold = floor
    else:
        hold = _just_above(candidates[budget])
    hold = min(max(hold, floor), reject)
    return Band(hold, floor, len(recent), _share_held(recent, hold, reject))


def floor_from_decisions(
    decisions: Sequence[tuple[float, int]], *, floor: float, reject: float
) -> float:
    """Raise ``floor`` past the bottom of the band that moderators approve.

    ``decisions`` are ``(insult score, 1 if a moderator rejected)`` for held
    comments. The longest run of the lowest-scored ones, at least
    ``MIN_SLICE`` long, with fewer than ``SLICE_REJECTS`` rejected, is not
    worth a person's time: the floor moves to just above it.
    """
    band = sorted(pair for pair in decisions if floor <= pair[0] < reject)
    rejected, raised = 0, floor
    for count, (score, label) in enumerate(band, start=1):
        rejected += label
        if count >= MIN_SLICE and rejected < SLICE_REJECTS * count:
            raised = _just_above(score)
    return min(raised, reject)


def _share_held(recent: Sequence[Recent], hold: float, reject: float) -> float:
    """Return the share of ``recent`` a band from ``hold`` to ``reject`` holds."""
    if not recent:
        return 0.0
    held = sum(
        1
        for item in recent
        if item.other == OTHER_HOLD
        or (item.other is None and hold <= item.score < reject)
    )
    return round(held / len(recent), 4)


def _just_above(score: float) -> float:
    """Return a threshold that a comment scored ``score`` stays under."""
    return round(score + 1e-4, 4)

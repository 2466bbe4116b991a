"""Load the shipped insult model and score texts with it."""

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.moderation.engine.classifier import LinearModel, features
from khabar.moderation.engine.tokens import Token

MODEL_FILE = "insult.bin.gz"
_override: list[Path] = []


@cache
def default_model() -> LinearModel:
    """Load the insult model once per process (a site's retrained one if set)."""
    if _override:
        return LinearModel.loads(_override[-1].read_bytes())
    path = resources.files("khabar.moderation.engine") / "data" / MODEL_FILE
    return LinearModel.loads(path.read_bytes())


def use_model(path: Path) -> None:
    """Make the process use the model file at ``path`` from now on."""
    _override.append(Path(path))
    default_model.cache_clear()


def insult_probability(tokens: Sequence[Token], lexicon_weight: float) -> float:
    """Return the calibrated probability that the tokenized text is offensive."""
    if not tokens:
        return 0.0
    return default_model().probability(features(tokens, lexicon_weight))

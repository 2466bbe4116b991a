"""Which insult model the process scores with, and scoring texts with it.

The *prior* is the shipped model, or a model file the site names
(:func:`use_model`, ``KHABAR_INSULT_MODEL``); on top of it a site may add the
delta it learned from its own moderators (:func:`use_delta`). A model file
that is missing, corrupt or made for other features raises
:class:`ModelError` when it is named, never later and never silently.
"""

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from khabar.moderation.engine.classifier import (
    LinearModel,
    ModelError,
    features,
    sigmoid,
)
from khabar.moderation.engine.learning import StackedModel
from khabar.moderation.engine.lexicon import default_lexicon
from khabar.moderation.engine.tokens import Token, tokenize

MODEL_FILE = "insult.bin.gz"
_prior: list[LinearModel] = []  # a model file the site named, once loaded
_delta: list[LinearModel] = []


def load_model(path: Path | str) -> LinearModel:
    """Read a model file; :class:`ModelError` naming the file if it is not one."""
    path = Path(path)
    try:
        blob = path.read_bytes()
    except OSError as error:
        message = f"{path}: cannot read the insult model ({error.strerror})"
        raise ModelError(message) from error
    try:
        return LinearModel.loads(blob)
    except ModelError as error:
        raise ModelError(f"{path}: {error}") from None


@cache
def shipped_model() -> LinearModel:
    """Return the model shipped in this package's ``data/`` folder."""
    path = resources.files("khabar.moderation.engine") / "data" / MODEL_FILE
    return LinearModel.loads(path.read_bytes())


def prior_model() -> LinearModel:
    """Return the prior: the model file in use, else the shipped model."""
    return _prior[-1] if _prior else shipped_model()


@cache
def default_model() -> LinearModel | StackedModel:
    """Return the model comments are scored with: the prior, plus a site delta."""
    return StackedModel(prior_model(), _delta[-1]) if _delta else prior_model()


def use_model(path: Path | str) -> None:
    """Make the process use the model file at ``path`` as its prior from now on.

    The file is read and checked first, so a bad file fails here and the
    model in use is unchanged. A learned delta belonged to the old prior and
    is dropped.
    """
    model = load_model(path)
    _prior[:] = [model]
    _delta.clear()
    default_model.cache_clear()


def use_delta(delta: LinearModel | None) -> None:
    """Score with the prior plus ``delta`` (a site's learned model), or alone."""
    _delta[:] = [delta] if delta is not None else []
    default_model.cache_clear()


def site_delta() -> LinearModel | None:
    """Return the site's learned delta in use, if any."""
    return _delta[-1] if _delta else None


def use_shipped() -> None:
    """Go back to the shipped model with no delta."""
    _prior.clear()
    _delta.clear()
    default_model.cache_clear()


def insult_probability(tokens: Sequence[Token], lexicon_weight: float) -> float:
    """Return the calibrated probability that the tokenized text is offensive."""
    return insult_probabilities(tokens, lexicon_weight)[0]


def insult_probabilities(
    tokens: Sequence[Token], lexicon_weight: float
) -> tuple[float, float]:
    """Return the site model's and the prior's probabilities, the text offensive.

    Without a learned delta the two are the same number.
    """
    if not tokens:
        return 0.0, 0.0
    feats = features(tokens, lexicon_weight)
    prior = prior_model()
    slope, intercept = prior.platt
    logit = slope * prior.margin(feats) + intercept
    if not _delta:
        probability = sigmoid(logit)
        return probability, probability
    delta = _delta[-1]
    return delta.calibrated(logit + delta.margin(feats)), sigmoid(logit)


def text_features(text: str) -> list[int]:
    """Return the insult model's features of a raw text (what a label teaches)."""
    tokens = tokenize(text)
    hits = default_lexicon().match_tokens(text, tokens)
    return features(tokens, max((hit.weight for hit in hits), default=0.0))

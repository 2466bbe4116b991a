"""Automatic comment moderation for Khabar: rules, pipeline and reasons.

Pure Python (no Django): the Django app around it stores comments and queues.

``moderate(text, *, article_text=None, policy="auto", thresholds=None,
custom_words=(), counts=None) -> Verdict``
    Run the four rules (``insult``, ``not_persian``, ``off_topic``, ``spam``)
    and decide ``publish``, ``hold`` or ``reject``.
``Verdict``
    ``decision``, ``findings`` (``Finding``: rule, score, reason, spans),
    ``risk`` for ordering a queue, ``reason``, ``message``, ``as_json()``.
``MESSAGES`` / ``reader_message(decision, reason)``
    Short Persian messages for readers, by reason code.
``DEFAULT_THRESHOLDS``
    ``rule -> (hold at or above, reject at or above)``.
``retrain(csv_path, out)`` / ``use_model(path)``
    Retrain the insult model from a site's labelled history (``text,label``)
    and make the process use it; ``ModelError`` for a corrupt or incompatible
    file. ``use_delta`` and :mod:`.learning` add what a site learns
    from its moderators on top; :mod:`.band` bounds the share held.

Shipped data (``data/``): ``lexicon.tsv.gz``, ``insult.bin.gz``,
``langid.json.gz``; ``python -m khabar.moderation.engine.build`` rebuilds them.
"""

from pathlib import Path

from khabar.moderation.engine.classifier import LinearModel, ModelError
from khabar.moderation.engine.findings import Finding
from khabar.moderation.engine.insult_model import (
    default_model,
    load_model,
    prior_model,
    site_delta,
    text_features,
    use_delta,
    use_model,
    use_shipped,
)
from khabar.moderation.engine.messages import MESSAGES, reader_message
from khabar.moderation.engine.pipeline import (
    DEFAULT_THRESHOLDS,
    HOLD,
    POLICIES,
    PUBLISH,
    REJECT,
    RULES,
    Verdict,
    moderate,
)


def retrain(
    csv_path: Path | str, out: Path | str, *, epochs: int = 12
) -> dict[str, int]:
    """Retrain the insult model from a site's labelled CSV and write it to ``out``.

    Imported lazily: building needs only the standard library, but there is no
    reason to load it in a web process that only moderates.
    """
    from khabar.moderation.engine.build import retrain as build_retrain

    return build_retrain(Path(csv_path), Path(out), epochs=epochs)


__all__ = [
    "DEFAULT_THRESHOLDS",
    "HOLD",
    "MESSAGES",
    "POLICIES",
    "PUBLISH",
    "REJECT",
    "RULES",
    "Finding",
    "LinearModel",
    "ModelError",
    "Verdict",
    "default_model",
    "load_model",
    "moderate",
    "prior_model",
    "reader_message",
    "retrain",
    "site_delta",
    "text_features",
    "use_delta",
    "use_model",
    "use_shipped",
]

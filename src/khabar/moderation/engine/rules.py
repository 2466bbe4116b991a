"""The four rules, each a small check returning a :class:`Finding` or None."""

from collections.abc import Mapping, Sequence

from khabar.moderation.engine.classifier import word_features
from khabar.moderation.engine.findings import Finding, Span
from khabar.moderation.engine.insult_model import default_model, insult_probabilities
from khabar.moderation.engine.langid import identify
from khabar.moderation.engine.lexicon import custom_lexicon, default_lexicon
from khabar.moderation.engine.spam import SpamLimits, spam_score
from khabar.moderation.engine.tokens import Token
from khabar.moderation.engine.topic import off_topic_score

SPAN_CONTRIBUTION = 0.8  # a word this heavy in the model is highlighted
MAX_MODEL_SPANS = 5
EXPLAIN_FROM = 0.3  # find model spans only for texts this likely offensive


def check_insult(text: str, tokens: Sequence[Token]) -> Finding | None:
    """Score insults: lexicon hits (sure) combined with the classifier.

    With a model the site learned, the finding's score is the site's; a
    rejection rests on the prior's score (``sure``) when that is lower: the
    site's decisions are a biased sample (held and reported comments), so
    they may move a comment into or out of the hold band, not into rejection.
    """
    hits = default_lexicon().match_tokens(text, tokens)
    lexicon_weight = max((hit.weight for hit in hits), default=0.0)
    probability, prior = insult_probabilities(tokens, lexicon_weight)
    score = _combined(lexicon_weight, probability)
    if score <= 0.0:
        return None
    sure = min(score, _combined(lexicon_weight, prior))
    if hits:
        spans = tuple(sorted({(hit.start, hit.end) for hit in hits}))
        return Finding("insult", score, "insult_lexicon", spans, sure)
    spans = model_spans(tokens) if probability >= EXPLAIN_FROM else ()
    return Finding("insult", score, "insult_model", spans, sure)


def _combined(lexicon_weight: float, probability: float) -> float:
    """Return the insult score of a lexicon verdict and a model probability."""
    return 1.0 - (1.0 - lexicon_weight) * (1.0 - probability)


def model_spans(tokens: Sequence[Token]) -> tuple[Span, ...]:
    """Return the spans of the words that push the classifier most."""
    model = default_model()
    scored = []
    for token in tokens:
        weight = model.contribution(word_features(token.key))
        if weight >= SPAN_CONTRIBUTION:
            scored.append((weight, (token.start, token.end)))
    scored.sort(reverse=True)
    return tuple(sorted(span for _, span in scored[:MAX_MODEL_SPANS]))


def check_custom(
    text: str, tokens: Sequence[Token], words: tuple[str, ...]
) -> Finding | None:
    """Match a site's own word list with the lexicon folding (sure: reject)."""
    if not words:
        return None
    hits = custom_lexicon(words).match_tokens(text, tokens)
    if not hits:
        return None
    spans = tuple(sorted({(hit.start, hit.end) for hit in hits}))
    return Finding("insult", 1.0, "custom_word", spans)


def check_not_persian(text: str) -> Finding | None:
    """Score text that is not Persian (foreign language, script or Finglish).

    Finglish is Persian typed in Latin letters: it keeps its score, so that it
    is held for a moderator, but a rejection never rests on it (``sure`` 0).
    """
    guess = identify(text)
    if guess.score <= 0.0:
        return None
    if guess.lang == "latin" and _finglish(text):
        return Finding("not_persian", guess.score, "finglish", sure=0.0)
    return Finding("not_persian", guess.score, "not_persian")


def _finglish(text: str) -> bool:
    """Tell whether Latin text looks like Persian typed in Latin letters."""
    from khabar.moderation.engine.finglish import looks_finglish

    return looks_finglish(text)


def check_off_topic(text: str, article_text: str | None) -> Finding | None:
    """Score comments unrelated to the article (this rule only holds)."""
    score = off_topic_score(text, article_text)
    return Finding("off_topic", score, "off_topic") if score > 0 else None


def check_spam(
    text: str, counts: Mapping[str, int] | None, links_hold: int | None = None
) -> Finding | None:
    """Score links (held from ``links_hold`` links), phones, ads and repetition."""
    limits = SpamLimits() if links_hold is None else SpamLimits(links=links_hold)
    score, reason, spans = spam_score(text, counts, limits)
    return Finding("spam", score, reason, spans) if score > 0 else None

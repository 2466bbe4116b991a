"""Score the text side of spam: links, phone numbers, ad phrases, floods.

Repetition counts come from the database side (the same text posted recently,
comments from one source recently) and are passed in; this module only scores
them next to what the text itself shows.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from khabar.moderation.engine.findings import Span
from khabar.moderation.engine.lexicon import Lexicon

_LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b(?:t\.me|telegram\.me|wa\.me|instagram\.com|bit\.ly)/\S+"
    r"|\b[a-z0-9][a-z0-9-]*\.(?:com|ir|net|org|info|xyz|io|me|shop|site)\b(?:/\S*)?",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(
    "(?:(?:\\+|00)[9۹][8۸]|[0۰])[9۹](?:[\\s\\-]?[0-9۰-۹]){9}(?![0-9۰-۹])"
    "|\\b[0۰][1-8۱-۸][0-9۰-۹]{1,2}[\\s\\-]?[0-9۰-۹]{7,8}(?![0-9۰-۹])"
)
# Latin letters and the non-ASCII letters that IGNORECASE folds onto them.
_ASCII_LETTER_RE = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")
_DIGIT_RE = re.compile("[0-9۰-۹]")
_HANDLE_RE = re.compile(r"(?<![\w.])@[A-Za-z][A-Za-z0-9_]{4,}")
ONLY_LINK = 0.7  # a comment that is nothing but a link: hold
LINKS_HOLD = 0.8  # ``SpamLimits.links`` links or more: hold
AD_PHRASES = (
    "خرید",
    "فروش ویژه",
    "تخفیف",
    "تخفیف ویژه",
    "تماس بگیرید",
    "کانال تلگرام",
    "عضو کانال",
    "عضو شوید",
    "کسب درآمد",
    "درآمد دلاری",
    "ارسال رایگان",
    "سفارش",
    "پیج اینستاگرام",
    "فالو کنید",
    "واتساپ",
    "لینک در بیو",
    "بازاریابی",
    "شارژ رایگان",
    "کد تخفیف",
    "سایت شرط بندی",
    "شرط‌بندی",
    "کازینو",
    "وام فوری",
)


@dataclass(frozen=True, slots=True)
class SpamLimits:
    """Counts at which spam signals become sure (score 1)."""

    links: int = 2  # links in one comment
    same_text_recent: int = 3  # identical comments recently
    recent_from_source: int = 10  # comments from one source recently


@cache
def ad_lexicon() -> Lexicon:
    """Index the advertising phrases with the lexicon folding."""
    return Lexicon((phrase, 1.0) for phrase in AD_PHRASES)


def spam_score(
    text: str,
    counts: Mapping[str, int] | None = None,
    limits: SpamLimits = SpamLimits(),  # noqa: B008 - frozen, shared safely
) -> tuple[float, str, tuple[Span, ...]]:
    """Return (score, reason code, spans) of the spam signals in ``text``."""
    # Cheap exact pre-checks: a link needs a Latin letter, a phone a digit, a
    # handle an «@»; most comments have none, and a long one costs less then.
    latin = _ASCII_LETTER_RE.search(text) is not None
    links = [match.span() for match in _LINK_RE.finditer(text)] if latin else []
    phones = (
        [match.span() for match in _PHONE_RE.finditer(text)]
        if _DIGIT_RE.search(text)
        else []
    )
    handles = (
        [match.span() for match in _HANDLE_RE.finditer(text)]
        if latin and "@" in text
        else []
    )
    ads = [(hit.start, hit.end) for hit in ad_lexicon().match(text)]
    counts = counts or {}
    signals = {
        "spam_link": link_score(len(links), limits.links),
        "spam_phone": 0.9 if phones else 0.0,
        "spam_ad": min(0.9, 0.35 * len(ads)),
        "spam_repeat": _ratio(
            counts.get("same_text_recent", 0), limits.same_text_recent
        ),
        "spam_flood": _ratio(
            counts.get("recent_from_source", 0), limits.recent_from_source
        ),
    }
    if ads and (links or phones or handles):
        signals["spam_ad"] = 1.0  # an advert with a way to reach the seller
    if links and not _LINK_RE.sub("", text).strip(" \n\t.,،!?؟"):
        signals["spam_link"] = max(signals["spam_link"], ONLY_LINK)
    if handles and not ads:
        signals["spam_link"] = max(signals["spam_link"], 0.3)
    reason = max(signals, key=signals.__getitem__)
    score = signals[reason]
    spans = tuple(sorted(links + phones + ads + (handles if ads else [])))
    return score, (reason if score else "spam"), spans


def link_score(count: int, limit: int) -> float:
    """Score links: weak below ``limit``, hold from ``limit``, sure from twice it."""
    limit = max(limit, 1)
    if count >= 2 * limit:
        return 1.0
    if count >= limit:
        return LINKS_HOLD
    return 0.5 * count / limit


def _ratio(count: int, limit: int) -> float:
    """Return ``count / limit`` clipped to [0, 1] (0 below one repetition)."""
    return 0.0 if count <= 0 else min(1.0, count / max(limit, 1))

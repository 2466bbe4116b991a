"""Score how far a comment is from its article (a hold-only signal).

Similarity is the share of the comment's content words that also occur in the
article (headline, lead, body, tags), on folded keys with light stemming, so
«انتخابات» in the comment meets «انتخاباتی» in the story. Short reactions
(«عالی بود»، «خدا رحمت کند»، «موافقم») are on topic by definition.
"""

from functools import cache, lru_cache

from khabar.moderation.engine.tokens import fold_word, tokenize

MIN_CONTENT_WORDS = 6  # fewer content words: a reaction, never off topic
STEM = 4  # compare words on their first letters (cheap stemming)
STOPWORDS_TEXT = (
    "و در به از که این را با است برای آن یک تا هم بر می شود شد کرد کند بود"
    " خود ما من تو او شما آنها ها های ای اند ایم ام نیز اما یا اگر چه چرا"
    " هر همه باید نمی نه هیچ دیگر وقتی چون پس بعد قبل روی زیر بین هست نیست"
    " کنند کنیم کردن شده شدن دارد دارند داریم کنید خیلی بسیار فقط حتی الان"
    " واقعا واقعاً مردم ایران آقای جناب خبر مطلب سلام ممنون چی چیه کجا کی"
)
REACTIONS_TEXT = (
    "عالی بود|خدا رحمت کند|خدا رحمتش کند|روحش شاد|موافقم|مخالفم|ممنون|"
    "متشکرم|مرسی|دست مریزاد|آفرین|احسنت|تبریک|تسلیت|خسته نباشید|چه خوب|"
    "چه بد|حیف|متاسفم|ان شاء الله|انشالله|الحمدلله|صحیح است|درست است|لایک"
)


@cache
def stopwords() -> frozenset[str]:
    """Return the folded stopword keys."""
    return frozenset(fold_word(word) for word in STOPWORDS_TEXT.split())


@cache
def reactions() -> frozenset[str]:
    """Return the folded keys of short reactions."""
    return frozenset(
        "".join(fold_word(w) for w in phrase.split())
        for phrase in REACTIONS_TEXT.split("|")
    )


def content_stems(text: str) -> list[str]:
    """Return the stems of the content words of ``text``."""
    stop = stopwords()
    return [
        token.key[:STEM]
        for token in tokenize(text)
        if token.key not in stop and len(token.key) > 2 and not token.key.isdigit()
    ]


@lru_cache(maxsize=256)
def article_stems(article_text: str) -> frozenset[str]:
    """Return the content stems of an article (cached: many comments, one story)."""
    return frozenset(content_stems(article_text))


def off_topic_score(text: str, article_text: str | None) -> float:
    """Return how sure the comment is not about the article, 0..1."""
    if not article_text or not article_text.strip():
        return 0.0
    joined = "".join(token.key for token in tokenize(text))
    if joined in reactions():
        return 0.0
    stems = content_stems(text)
    if len(stems) < MIN_CONTENT_WORDS:
        return 0.0
    article = article_stems(article_text)
    shared = sum(1 for stem in stems if stem in article) / len(stems)
    return max(0.0, 1.0 - shared / 0.25)  # a quarter shared is plainly on topic

"""Search published articles: by news code, by all words, else by any word."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from khabar.core.persian import to_latin_digits
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import article_get_by_code, article_plain_parts
from khabar.text import search_tokens

from .backends import Filters, backend
from .documents import query_groups, query_terms

SNIPPET_WORDS = 30
_CODE = re.compile(r"^\s*(\d{3,12})\s*$")
_WORD = re.compile(r"\S+")


@dataclass
class SearchResults:
    """One page of results; ``loose`` when no article had every word."""

    query: str
    articles: list[ArticlePage] = field(default_factory=list)
    total: int = 0
    loose: bool = False
    by_code: ArticlePage | None = None
    terms: list[str] = field(default_factory=list)


def search_articles(
    *, query: str, filters: Filters, page: int = 1, per_page: int = 20
) -> SearchResults:
    """Return ``page`` of the articles matching ``query``, best and newest first."""
    results = SearchResults(query=query)
    code = _CODE.match(to_latin_digits(query))
    if code:
        results.by_code = article_get_by_code(code=int(code[1]))
    results.terms = query_terms(query)
    if not results.terms:
        return results
    groups = query_groups(results.terms)
    offset = (page - 1) * per_page
    engine = backend()
    ids, results.total = engine.search(
        groups, match_all=True, filters=filters, limit=per_page, offset=offset
    )
    if not results.total:
        results.loose = True
        ids, results.total = engine.search(
            groups, match_all=False, filters=filters, limit=per_page, offset=offset
        )
    found = (
        ArticlePage.objects.published()
        .filter(pk__in=ids)
        .select_related()
        .prefetch_related("tags")
    )
    by_id = {article.pk: article for article in found}
    results.articles = [by_id[pk] for pk in ids if pk in by_id]
    return results


def snippet(*, article: ArticlePage, terms: list[str]) -> SafeString:
    """Return the lead or body passage with the matched words in <mark>."""
    wanted = set(terms)
    parts = article_plain_parts(article=article)
    for text in (parts["lead"], parts["body"]):
        words = _WORD.findall(text)
        first = next(
            (i for i, word in enumerate(words) if wanted & _word_keys(word)), None
        )
        if first is not None:
            start = max(0, first - 5)
            window = words[start : start + SNIPPET_WORDS]
            marked = [
                f"<mark>{escape(word)}</mark>"
                if wanted & _word_keys(word)
                else escape(word)
                for word in window
            ]
            prefix = "… " if start else ""
            suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
            return mark_safe(prefix + " ".join(marked) + suffix)  # noqa: S308 - escaped
    return mark_safe(escape(" ".join(_WORD.findall(parts["lead"])[:SNIPPET_WORDS])))  # noqa: S308


@lru_cache(maxsize=16384)
def _word_keys(word: str) -> frozenset[str]:
    """Return one word's search keys, kept: snippets look up the same words often.

    A story matched by its tags alone is scanned word by word to the end of
    its body, and most of its words appear in the other results too.
    """
    return frozenset(search_tokens(word))

"""Fix an article's Persian typography when an editor saves it, and say what changed.

Headline, overline, lead and the text of body paragraphs go through
``khabar.text.normalize``; HTML tags and entities in rich text are left as
they are. The changes are kept on the page so the admin can show them.
"""

import re

from khabar.text import Change, changes, normalize

# Tags and entities are copied through; only the text between them is fixed.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
PLAIN_FIELDS = ("title", "overline", "lead")


def normalize_html(html: str) -> str:
    """Normalize the text of an HTML fragment, leaving tags and entities alone."""
    parts = _MARKUP.split(html)
    return "".join(
        part if index % 2 else _normalize_between_tags(part)
        for index, part in enumerate(parts)
    )


def _normalize_between_tags(text: str) -> str:
    """Normalize a run of text but keep the spaces at its edges.

    Those spaces separate it from the neighbouring tag («برای <b>سه ماه</b>»);
    ``normalize`` alone would trim them as trailing spaces.
    """
    core = text.strip()
    if not core:
        return text
    start = len(text) - len(text.lstrip())
    end = start + len(core)
    return text[:start] + normalize(core) + text[end:]


def article_typography_fix(article) -> list[Change]:
    """Normalize the article's text fields in place; return what changed."""
    found: list[Change] = []
    for name in PLAIN_FIELDS:
        before = getattr(article, name) or ""
        after = normalize(before)
        if after != before:
            setattr(article, name, after)
            found += changes(before, after)
    for block in article.body:
        if block.block_type == "paragraph":
            before = block.value.source
            after = normalize_html(before)
            if after != before:
                block.value.source = after
                found += changes(before, after)
    return found

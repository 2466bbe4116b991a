"""Fix an article's Persian typography when an editor saves it, and say what changed.

Headline, overline, lead and the text of body paragraphs go through
``khabar.text.normalize``; HTML tags and entities in rich text are left as
they are. The changes are kept on the page so the admin can show them.

Plurals and comparatives follow the agency's settings: the editor's text
style (``modern`` by default) here, the import style (``keep`` by default)
for imported text, chosen once per import run by :func:`import_run`.
"""

import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from khabar.core.selectors import agency_settings_get
from khabar.text import Change, changes, normalize
from khabar.text.style import KEEP, MODERN, check_style

T = TypeVar("T")

# Tags and entities are copied through; only the text between them is fixed.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
PLAIN_FIELDS = ("title", "overline", "lead")
# The style of the import run in progress; None outside imports.
_IMPORT_STYLE: ContextVar[str | None] = ContextVar("import_text_style", default=None)


def import_run(service: Callable[..., T]) -> Callable[..., T]:
    """Run an import service (called with ``home=``) in one text style.

    The wrapped service takes ``style=`` too: ``modern`` or ``keep``, by
    default the import text style of the home page's site. Every text the run
    normalizes follows it, including Wagtail's clean on save, which would
    otherwise apply the editor's style.
    """

    @wraps(service)
    def run(*, style: str | None = None, **kwargs: Any) -> T:
        site = kwargs["home"].get_site()
        style = check_style(style or agency_settings_get(site=site).import_text_style)
        token = _IMPORT_STYLE.set(style)
        try:
            return service(**kwargs)
        finally:
            _IMPORT_STYLE.reset(token)

    return run


def imported_text(text: str) -> str:
    """Normalize imported text in the import run's style (``keep`` outside one)."""
    return normalize(text, style=_IMPORT_STYLE.get() or KEEP)


def normalize_html(html: str, *, style: str = MODERN) -> str:
    """Normalize the text of an HTML fragment, leaving tags and entities alone."""
    parts = _MARKUP.split(html)
    return "".join(
        part if index % 2 else _normalize_between_tags(part, style)
        for index, part in enumerate(parts)
    )


def _normalize_between_tags(text: str, style: str) -> str:
    """Normalize a run of text but keep the spaces at its edges.

    Those spaces separate it from the neighbouring tag («برای <b>سه ماه</b>»);
    ``normalize`` alone would trim them as trailing spaces.
    """
    core = text.strip()
    if not core:
        return text
    start = len(text) - len(text.lstrip())
    end = start + len(core)
    return text[:start] + normalize(core, style=style) + text[end:]


def article_typography_fix(article) -> list[Change]:
    """Normalize the article's text fields in place; return what changed.

    The style is the import run's while an import saves it, else the editor
    text style of the article's site (of the default site while it is new).
    """
    style = _IMPORT_STYLE.get()
    if style is None:
        site = article.get_site() if article.pk else None
        style = agency_settings_get(site=site).editor_text_style
    found: list[Change] = []
    for name in PLAIN_FIELDS:
        before = getattr(article, name) or ""
        after = normalize(before, style=style)
        if after != before:
            setattr(article, name, after)
            found += changes(before, after)
    for block in article.body:
        if block.block_type == "paragraph":
            before = block.value.source
            after = normalize_html(before, style=style)
            if after != before:
                block.value.source = after
                found += changes(before, after)
    return found

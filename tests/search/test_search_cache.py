"""Search pages are cached for readers until the index changes."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from khabar.newsroom.models import ArticlePage
from khabar.search.services import article_index
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _search(client, words: str):
    return client.get("/search/", {"q": words})


def test_a_repeated_search_is_served_from_the_page_cache(client, home):
    article = ArticleFactory(title="باران تند در شمال کشور")
    first = _search(client, "باران")
    assert first["X-Khabar-Cache"] == "miss"
    second = _search(client, "باران")
    assert second["X-Khabar-Cache"] == "hit"
    assert second.content == first.content
    assert article.title in second.content.decode()
    assert "search" in second["Surrogate-Key"].split()


def test_a_story_indexed_after_the_first_search_shows_in_the_next(client, home):
    ArticleFactory(title="باران تند در شمال کشور")
    _search(client, "باران")
    later = ArticleFactory(title="باران سیل\u200cآسا در گیلان")
    assert later.title in _search(client, "باران").content.decode()


def test_a_withdrawn_story_leaves_the_cached_results(client, home):
    article = ArticleFactory(title="باران تند در شمال کشور")
    assert article.title in _search(client, "باران").content.decode()
    article.unpublish()
    assert article.title not in _search(client, "باران").content.decode()


def test_cached_results_are_rendered_again_after_search_cache_seconds(
    client, home, settings
):
    settings.KHABAR_SEARCH_CACHE_SECONDS = 60
    ArticleFactory(title="باران تند در شمال کشور")
    _search(client, "باران")
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert _search(client, "باران")["X-Khabar-Cache"] == "miss"


def test_indexing_alone_refreshes_cached_results(client, home):
    """Indexing runs in a task after the publication's bump of ``site``: a
    search rendered in between must not outlive the index change."""
    article = ArticleFactory(title="باران تند در شمال کشور")
    assert article.title not in _search(client, "تگرگ").content.decode()
    ArticlePage.objects.filter(pk=article.pk).update(title="تگرگ در شمال کشور")
    article_index(article=ArticlePage.objects.get(pk=article.pk))
    assert "تگرگ در شمال کشور" in _search(client, "تگرگ").content.decode()

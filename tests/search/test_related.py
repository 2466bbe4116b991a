"""Related stories: suggested by shared words and tags, overridden by the editor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from khabar.newsroom.models import RelatedArticle
from khabar.newsroom.services import article_publish
from khabar.search.related import related_suggest
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cluster(home):
    main = ArticleFactory(
        title="افتتاح خط تازه قطار شهری", tags=["قطار شهری", "حمل\u200cونقل"]
    )
    same_tags = ArticleFactory(
        title="ساعت کار قطار شهری تغییر کرد", tags=["قطار شهری", "حمل\u200cونقل"]
    )
    same_words = ArticleFactory(title="قطار شهری در روز برفی", tags=["هوا"])
    unrelated = ArticleFactory(
        title="نمایشگاه کتاب فردا آغاز می\u200cشود", tags=["کتاب"]
    )
    return main, same_tags, same_words, unrelated


def test_suggestions_prefer_shared_tags_and_skip_unrelated(cluster):
    main, same_tags, same_words, unrelated = cluster
    suggested = related_suggest(article=main)
    assert suggested[:2] == [same_tags, same_words]
    assert unrelated not in suggested and main not in suggested


def test_article_page_shows_suggestions_until_the_editor_chooses(client, cluster):
    main, same_tags, same_words, unrelated = cluster
    html = client.get(main.url).content.decode()
    assert 'class="related suggested"' in html and same_tags.title in html
    main.related_links = [RelatedArticle(target=unrelated)]
    article_publish(article=main)
    html = client.get(main.url).content.decode()
    assert "suggested" not in html
    assert unrelated.title in html.split('class="related"')[1]


def test_suggestions_are_kept_until_the_next_publication(cluster):
    main, same_tags, same_words, unrelated = cluster
    first = related_suggest(article=main)
    with CaptureQueriesContext(connection) as captured:
        assert related_suggest(article=main) == first
    assert len(captured) == 2  # its tags and the suggested stories: no search
    newer = ArticleFactory(
        title="قطار شهری شبانه شد", tags=["قطار شهری", "حمل\u200cونقل"]
    )
    assert newer in related_suggest(article=main)
    same_tags.unpublish()
    assert same_tags not in related_suggest(article=main)

"""``khabar demo`` loads the demo content and the reference page, and is safe to rerun."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from khabar.comments.models import Comment
from khabar.newsroom.models import ArticlePage, ServicePage

pytestmark = pytest.mark.django_db


def test_demo_loads_content_and_is_safe_to_run_twice(
    settings, tmp_path, reference_page, capsys
):
    settings.VAR_DIR = tmp_path
    call_command("demo", seeds=reference_page.parent)
    first_out = capsys.readouterr().out
    counts = (ArticlePage.objects.count(), Comment.objects.count())
    assert counts[0] >= 13
    assert ServicePage.objects.count() >= 6
    assert ServicePage.objects.filter(title="بین\u200cالملل", slug="world").exists()
    assert ArticlePage.objects.filter(news_code=1224974, live=True).exists()
    assert Comment.objects.approved().filter(parent__isnull=False).exists()
    assert "Login: admin / " in first_out
    reporter = get_user_model().objects.get(username="reporter")
    assert reporter.groups.filter(name="خبرنگار سیاسی").exists()
    assert reporter.check_password(first_out.split("Login: admin / ")[1].split()[0])
    call_command("demo", seeds=reference_page.parent)
    second_out = capsys.readouterr().out
    assert (ArticlePage.objects.count(), Comment.objects.count()) == counts
    assert first_out.split("Login: ")[1] == second_out.split("Login: ")[1]


def test_demo_articles_link_to_each_other(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    call_command("demo", seeds=tmp_path / "no-seeds")
    linked = [
        article
        for article in ArticlePage.objects.live()
        if any(block.block_type == "read_more" for block in article.body)
    ]
    assert linked
    html = client.get(linked[0].url).content.decode()
    assert '<span class="label">بیشتر بخوانید:</span>\n<a href="/news/' in html

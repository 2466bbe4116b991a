"""factory_boy factories for services, articles and comments."""

import factory
from django.utils.html import escape

from khabar.comments.models import Comment
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.selectors import home_page_get
from khabar.newsroom.services import article_publish, service_get_or_create


class ArticleFactory(factory.Factory):
    """Build an article under a service and publish it (drawing its news code)."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"گزارش شماره {n} از شورای شهر")
    slug = factory.Sequence(lambda n: f"article-{n}")
    lead = "شورای شهر امروز درباره بودجه سال آینده گفت\u200cوگو کرد."
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", f"<p>{escape('اعضای شورا درباره طرح تازه نظر دادند.')}</p>")
        ]
    )

    service_name = "سیاسی"
    publish = True
    tags = ()

    @classmethod
    def _create(cls, model_class, *args, service_name, publish, tags, **kwargs):
        service = service_get_or_create(home=home_page_get(), name=service_name)
        article = model_class(*args, live=False, **kwargs)
        article.tags.set(list(tags))
        service.add_child(instance=article)
        if publish:
            article = article_publish(article=article)
        return article


class CommentFactory(factory.django.DjangoModelFactory):
    """A reader comment; pass ``status=Comment.Status.APPROVED`` to show it."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Iterator(["مریم", "علی", "سارا", "رضا"])
    text = "گزارش دقیقی بود؛ ممنون از خبرنگار."
    status = Comment.Status.PENDING

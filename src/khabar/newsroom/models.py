"""The content model: a home page, service pages and article pages.

An article lives under its service page in the Wagtail tree, but its public
address carries its news code (``/news/<code>/<slug>/``), so a headline or
service change never breaks a link.
"""

from urllib.parse import unquote

from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet

from khabar.text import search_key

from .blocks import ArticleBodyBlock
from .forms import ArticlePageForm

TITLE_KEY_LENGTH = 255


def headline_key(headline: str) -> str:
    """Return the key two spellings of one headline share (for matching them)."""
    return search_key(headline)[:TITLE_KEY_LENGTH]


class HomePage(Page):
    """The front page: latest stories and each service's lead story."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.ServicePage"]
    template = "site/home_page.html"

    class Meta:
        verbose_name = _("صفحه اول")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["latest"] = selectors.article_list_latest(limit=10)
        context["services"] = selectors.service_list_with_latest(
            home=self, per_service=4
        )
        return context


class ServicePage(Page):
    """A newsroom service (سرویس), e.g. سیاسی or ورزشی; its articles are children."""

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    template = "site/service_page.html"

    class Meta:
        verbose_name = _("سرویس")
        verbose_name_plural = _("سرویس\u200cها")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = selectors.article_page_for_request(
            queryset=selectors.article_list_for_service(service=self), request=request
        )
        return context


class ArticleTag(TaggedItemBase):
    """The link between an article and a tag (برچسب)."""

    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePageQuerySet(PageQuerySet):
    """Reads of articles that the public site and other apps rely on."""

    def published(self):
        """Return live articles, newest first."""
        return (
            self.live().filter(news_code__isnull=False).order_by("-first_published_at")
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePage(Page):
    """A news story with every element of an agency article page."""

    overline = models.CharField(_("روتیتر"), max_length=255, blank=True)
    lead = models.TextField(_("لید"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("متن خبر"))
    tags = ClusterTaggableManager(
        through=ArticleTag, blank=True, verbose_name=_("برچسب\u200cها")
    )
    news_code = models.PositiveBigIntegerField(
        _("کد خبر"), null=True, blank=True, unique=True, editable=False
    )
    source_agency = models.CharField(
        _("خبرگزاری منبع"),
        max_length=100,
        blank=True,
        help_text=_("خالی یعنی خبرگزاری همین سایت."),
    )
    byline = models.CharField(_("نویسنده یا کد خبرنگار"), max_length=100, blank=True)
    title_key = models.CharField(
        max_length=255, db_index=True, editable=False, default=""
    )

    objects = ArticlePageManager()

    parent_page_types = ["newsroom.ServicePage"]
    subpage_types: list[str] = []
    template = "site/article_page.html"
    base_form_class = ArticlePageForm
    content_panels = [
        FieldPanel("overline"),
        FieldPanel("title"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("suggested_tags"),
        InlinePanel("related_links", label=_("اخبار مرتبط")),
        MultiFieldPanel(
            [FieldPanel("byline"), FieldPanel("source_agency")], heading=_("منبع")
        ),
    ]

    class Meta:
        verbose_name = _("خبر")
        verbose_name_plural = _("اخبار")

    def clean(self):
        # Editors' text gets the same typography as imported text; the admin
        # shows them what was fixed (see wagtail_hooks.typography_message).
        from .typography import article_typography_fix

        super().clean()
        self.typography_changes = article_typography_fix(self)

    def save(self, *args, **kwargs):
        # Every way of publishing (admin, import, scheduled) ends here, so this
        # is where the invariant "a live article has a news code" is kept.
        from .services import news_code_next

        self.title_key = headline_key(self.title)
        if self.live and self.news_code is None:
            self.news_code = news_code_next()
        return super().save(*args, **kwargs)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None or self.news_code is None:
            return parts
        site_id, root_url, _page_path = parts
        path = reverse(
            "site:article", kwargs={"code": self.news_code, "slug": self.slug}
        )
        return site_id, root_url, path

    def with_content_json(self, content):
        # The news code belongs to the story, not to a revision: reverting to
        # a revision saved before first publication must not drop it.
        page = super().with_content_json(content)
        page.news_code = self.news_code
        return page

    def serve(self, request, *args, **kwargs):
        canonical = self.get_url(request=request)
        if canonical and request.path != unquote(canonical):
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(
                f"{canonical}?{query}" if query else canonical
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_page_extras(article=self))
        return context

    @property
    def service(self) -> "ServicePage":
        """Return the service page this article is filed under."""
        return self.get_parent().specific


class RelatedArticle(Orderable):
    """One entry of an article's ordered list of related articles.

    ``headline`` keeps a related story's headline when it is not on the site
    yet (an import may name it before it arrives); it is linked once it is.
    """

    page = ParentalKey(
        ArticlePage, related_name="related_links", on_delete=models.CASCADE
    )
    target = models.ForeignKey(
        ArticlePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("خبر"),
    )
    headline = models.CharField(_("تیتر"), max_length=255, blank=True)

    panels = [FieldPanel("target"), FieldPanel("headline")]

    class Meta(Orderable.Meta):
        verbose_name = _("خبر مرتبط")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(target__isnull=True, headline=""),
                name="related_article_has_target_or_headline",
            )
        ]

    def __str__(self) -> str:
        return self.target.title if self.target_id else self.headline


class NewsCodeSequence(models.Model):
    """The counter news codes are drawn from; it only ever moves forward."""

    name = models.CharField(max_length=30, primary_key=True)
    next_value = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("شمارنده کد خبر")

    def __str__(self) -> str:
        return f"{self.name}: {self.next_value}"


class ImportRecord(models.Model):
    """What an import last wrote for a news code, so a re-import can skip or update."""

    news_code = models.PositiveBigIntegerField(unique=True)
    source = models.CharField(max_length=500)
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("سابقه درون\u200cریزی")

    def __str__(self) -> str:
        return f"{self.news_code} ← {self.source}"

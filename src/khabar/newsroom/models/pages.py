"""The content model: a home page, service pages and article pages.

An article lives under its service page in the Wagtail tree, but its public
address carries its news code (``/news/<code>/<slug>/``), so a headline or
service change never breaks a link.
"""

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from khabar.text import search_key

from ..blocks import ArticleBodyBlock
from ..forms import ArticlePageForm
from .parts import ArticleTag

TITLE_KEY_LENGTH = 255
EMBARGO_MESSAGE = _("این خبر تا پایان ممنوعیت انتشار منتشر نمی\u200cشود.")


def headline_key(headline: str) -> str:
    """Return the key two spellings of one headline share (for matching them)."""
    return search_key(headline)[:TITLE_KEY_LENGTH]


class LeadPage(Page):
    """A listing page with lead-story slots, cached for readers until a story changes.

    Its listings (latest, today's most read, leads) come from selectors in
    ``get_context``; the answer declares ``site`` as its dependency.
    """

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        from ..caching import mark_for_readers

        response = super().serve(request, *args, **kwargs)
        return mark_for_readers(response, with_most_read=True)

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["leads"] = selectors.lead_stories(page=self)
        return context


class HomePage(LeadPage):
    """The front page: lead stories, latest stories and each service's lead."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.ServicePage"]
    template = "site/home_page.html"
    content_panels = Page.content_panels + [
        InlinePanel("lead_slots", label=_("تیتر یک"), max_num=5)
    ]

    class Meta:
        verbose_name = _("صفحه اول")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["picks"] = selectors.article_list_picks(limit=6)
        context.update(selectors.home_listings(home=self, latest=10, per_service=4))
        return context


class ServicePage(LeadPage):
    """A newsroom service (سرویس), e.g. سیاسی or ورزشی; its articles are children."""

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    template = "site/service_page.html"
    content_panels = Page.content_panels + [
        InlinePanel("lead_slots", label=_("تیتر یک سرویس"), max_num=3)
    ]

    class Meta:
        verbose_name = _("سرویس")
        verbose_name_plural = _("سرویس\u200cها")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = selectors.article_page_for_request(
            queryset=selectors.article_list_for_service(service=self).cards(),
            request=request,
        )
        return context


# What a story's public address (``public_path``, ``url``) and its place in
# the tree (its service) are made of.
ADDRESS_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "locale_id",
    "live",
    "news_code",
)
# What a headline in a listing shows and needs for its address: loading
# only these makes a listing's query and its rows several times cheaper
# than whole articles (Page alone has some thirty columns).
CARD_FIELDS = (
    *ADDRESS_FIELDS,
    "content_type_id",
    "title",
    "overline",
    "lead",
    "first_published_at",
    "breaking_until",
)


class ArticlePageQuerySet(PageQuerySet):
    """Reads of articles that the public site and other apps rely on."""

    def cards(self):
        """Load only ``CARD_FIELDS``: for headline lists, not for whole stories."""
        return self.only(*CARD_FIELDS)

    def published(self):
        """Return live articles, newest first."""
        return (
            self.live().filter(news_code__isnull=False).order_by("-first_published_at")
        )

    def breaking(self):
        """Return live articles whose «فوری» flag has not expired yet."""
        return self.published().filter(breaking_until__gt=timezone.now())


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class StoryType(models.TextChoices):
    """The kinds of story an agency files; each renders a little differently."""

    NEWS = "news", _("خبر")
    INTERVIEW = "interview", _("گفت\u200cوگو")
    REPORT = "report", _("گزارش")
    PHOTO = "photo", _("گزارش تصویری")
    VIDEO = "video", _("ویدئو")


class ArticlePage(Page):
    """A news story with every element of an agency article page."""

    story_type = models.CharField(
        _("نوع خبر"), max_length=20, choices=StoryType, default=StoryType.NEWS
    )
    overline = models.CharField(_("روتیتر"), max_length=255, blank=True)
    lead = models.TextField(_("لید"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("متن خبر"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("تصویر اصلی"),
    )
    video_url = models.URLField(
        _("نشانی ویدئو"),
        blank=True,
        help_text=_("برای خبر ویدئویی: نشانی صفحه ویدئو در آپارات یا یوتیوب."),
    )
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
    breaking_until = models.DateTimeField(
        _("فوری تا"),
        null=True,
        blank=True,
        help_text=_("تا این زمان در نوار «فوری» همه صفحه\u200cها دیده می\u200cشود."),
    )
    editors_pick = models.BooleanField(_("پیشنهاد سردبیر"), default=False)
    embargo_until = models.DateTimeField(
        _("ممنوعیت انتشار تا"),
        null=True,
        blank=True,
        help_text=_(
            "پیش از این زمان منتشر نمی\u200cشود؛ "
            "انتشار تا آن زمان زمان\u200cبندی می\u200cشود."
        ),
    )
    correction_note = models.TextField(
        _("اصلاحیه"),
        blank=True,
        help_text=_(
            "اگر این انتشار خطایی را اصلاح می\u200cکند، بنویسید چه چیزی اصلاح شد."
        ),
    )
    corrected_at = models.DateTimeField(_("زمان اصلاح"), null=True, editable=False)
    title_key = models.CharField(
        max_length=255, db_index=True, editable=False, default=""
    )
    trashed_at = models.DateTimeField(
        _("زمان انتقال به سطل بازیافت"), null=True, editable=False, db_index=True
    )
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("حذف\u200cکننده"),
    )
    # The revision that was live when the story went to the trash: restoring
    # publishes it again, so a restored story is exactly what readers saw.
    trashed_live_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ArticlePageManager()

    parent_page_types = ["newsroom.ServicePage"]
    subpage_types: list[str] = []
    template = "site/article_page.html"
    base_form_class = ArticlePageForm
    # Flags only the chief editor may change (ArticlePageForm disables them).
    feature_fields = ("breaking_until", "editors_pick")
    content_panels = [
        FieldPanel("story_type"),
        FieldPanel("overline"),
        FieldPanel("title"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("video_url"),
        InlinePanel("gallery_images", label=_("عکس\u200cها")),
        FieldPanel("tags"),
        FieldPanel("suggested_tags"),
        InlinePanel("related_links", label=_("اخبار مرتبط")),
        FieldPanel("suggested_related"),
        MultiFieldPanel(
            [FieldPanel("byline"), FieldPanel("source_agency")], heading=_("منبع")
        ),
        FieldPanel("correction_note"),
    ]
    flag_panels = [
        FieldRowPanel([FieldPanel("breaking_until"), FieldPanel("editors_pick")]),
        FieldPanel("embargo_until"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("محتوا")),
            ObjectList(flag_panels, heading=_("فوری و ویژه")),
            ObjectList(Page.promote_panels, heading=_("نشانی و سئو")),
            ObjectList(Page.settings_panels, heading=_("زمان\u200cبندی")),
        ]
    )

    class Meta:
        verbose_name = _("خبر")
        verbose_name_plural = _("اخبار")
        permissions = [
            ("feature_article", _("زدن برچسب فوری و پیشنهاد سردبیر")),
            ("purge_article", _("حذف همیشگی خبر از سطل بازیافت")),
        ]
        indexes = [
            models.Index(fields=["breaking_until"], name="article_breaking_idx"),
            # The home page's editors' picks (a few among every story).
            models.Index(
                fields=["editors_pick"],
                condition=models.Q(editors_pick=True),
                name="article_pick_idx",
            ),
        ]

    def clean(self):
        # Editors' text gets the same typography as imported text; the admin
        # shows them what was fixed (see wagtail_hooks.typography_message).
        from ..typography import article_typography_fix

        super().clean()
        self.typography_changes = article_typography_fix(self)
        if self.embargo_until and (
            self.go_live_at is None or self.go_live_at < self.embargo_until
        ):
            # Publishing an embargoed story schedules it for the embargo's end.
            self.go_live_at = self.embargo_until

    def save(self, *args, **kwargs):
        # Every way of publishing (admin, import, scheduled) ends here, so this
        # is where the invariants of a live article are kept.
        from ..services import news_code_next

        update_fields = kwargs.get("update_fields")
        if update_fields is None or "title" in update_fields:
            self.title_key = headline_key(self.title)
        # Wagtail saves a new page as live before a scheduled publication
        # takes it offline again; only a page going live now is published.
        now = timezone.now()
        publishing = self.live and not (self.go_live_at and self.go_live_at > now)
        if publishing and self.embargo_until and self.embargo_until > now:
            raise ValidationError(EMBARGO_MESSAGE)
        if publishing and self.news_code is None:
            self.news_code = news_code_next()
        if update_fields is None or "correction_note" in update_fields:
            self._stamp_correction()
        return super().save(*args, **kwargs)

    def _stamp_correction(self) -> None:
        """Date a correction when a new correction note goes live."""
        if not self.live:
            return
        if not self.correction_note:
            self.corrected_at = None
            return
        stored = (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("correction_note", flat=True)
            .first()
        )
        if stored != self.correction_note or self.corrected_at is None:
            self.corrected_at = timezone.now()

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None or self.news_code is None:
            return parts
        site_id, root_url, _page_path = parts
        return site_id, root_url, self.public_path()

    def public_path(self) -> str:
        """Return the published story's address on its site: /news/<code>/<slug>/.

        Cheaper than ``url`` (no site lookup) where the site is known.
        """
        return reverse(
            "site:article", kwargs={"code": self.news_code, "slug": self.slug}
        )

    def with_content_json(self, content):
        # The news code, the correction stamp and the trash state belong to the
        # story, not to a revision: reverting must not drop or undo them.
        page = super().with_content_json(content)
        page.news_code = self.news_code
        page.corrected_at = self.corrected_at
        page.trashed_at = self.trashed_at
        page.trashed_by_id = self.trashed_by_id
        page.trashed_live_revision_id = self.trashed_live_revision_id
        return page

    def serve(self, request, *args, **kwargs):
        canonical = self.get_url(request=request)
        previewing = getattr(request, "is_preview", False)
        if canonical and not previewing and request.path != unquote(canonical):
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(
                f"{canonical}?{query}" if query else canonical
            )
        from ..caching import comments_dep, mark_for_readers

        response = super().serve(request, *args, **kwargs)
        if previewing:
            return response
        return mark_for_readers(response, comments_dep(self.pk))

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_page_extras(article=self))
        return context

    @cached_property
    def service(self) -> "ServicePage":
        """Return the service page this article is filed under."""
        from .. import selectors

        return selectors.service_for_article(article=self)

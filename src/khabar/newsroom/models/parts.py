"""The pieces an article or a front page is made of: tags, related links,
gallery images and lead-story slots."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ArticleTag(TaggedItemBase):
    """The link between an article and a tag (برچسب)."""

    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        # A tag page reads its stories from this index alone: through the
        # tag_id index each link is a heap visit (50,000 for a hot tag).
        indexes = [
            models.Index(
                fields=["tag", "content_object"], name="articletag_tag_article_idx"
            )
        ]


class RelatedArticle(Orderable):
    """One entry of an article's ordered list of related articles.

    ``headline`` keeps a related story's headline when it is not on the site
    yet (an import may name it before it arrives); it is linked once it is.
    """

    page = ParentalKey(
        "newsroom.ArticlePage", related_name="related_links", on_delete=models.CASCADE
    )
    target = models.ForeignKey(
        "newsroom.ArticlePage",
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


class GalleryImage(Orderable):
    """One photo of a photo story, with its caption and credit."""

    page = ParentalKey(
        "newsroom.ArticlePage", related_name="gallery_images", on_delete=models.CASCADE
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("تصویر"),
    )
    caption = models.CharField(_("توضیح تصویر"), max_length=500, blank=True)
    credit = models.CharField(_("عکاس"), max_length=150, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("credit")]

    class Meta(Orderable.Meta):
        verbose_name = _("عکس گزارش تصویری")
        verbose_name_plural = _("عکس\u200cهای گزارش تصویری")

    def __str__(self) -> str:
        return self.caption or str(self.image)


class LeadSlot(Orderable):
    """A lead-story (تیتر یک) slot; the front page and each service page have some.

    Slots belong to the page they lead, so only who may edit that page (the
    chief editor for the front page, the service editor for a service) may
    fill them.
    """

    article = models.ForeignKey(
        "newsroom.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("خبر"),
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return str(self.article)


class HomeLeadSlot(LeadSlot):
    """A lead-story slot of the front page."""

    page = ParentalKey(
        "newsroom.HomePage", related_name="lead_slots", on_delete=models.CASCADE
    )

    class Meta(LeadSlot.Meta):
        verbose_name = _("تیتر یک صفحه اول")


class ServiceLeadSlot(LeadSlot):
    """A lead-story slot of one service page."""

    page = ParentalKey(
        "newsroom.ServicePage", related_name="lead_slots", on_delete=models.CASCADE
    )

    class Meta(LeadSlot.Meta):
        verbose_name = _("تیتر یک سرویس")

"""StreamField blocks of an article body: paragraphs, quotes and read-more links."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class QuoteBlock(blocks.StructBlock):
    """A pulled quote with an optional speaker."""

    text = blocks.TextBlock(label=_("متن نقل\u200cقول"))
    speaker = blocks.CharBlock(label=_("گوینده"), required=False)

    class Meta:
        icon = "openquote"
        label = _("نقل\u200cقول")
        template = "site/blocks/quote.html"


class ReadMoreBlock(blocks.StructBlock):
    """The inline «بیشتر بخوانید:» link to a related article.

    ``headline`` keeps the related headline when the article it names is not
    on the site yet; the link appears once an article with that headline is.
    """

    page = blocks.PageChooserBlock(
        page_type="newsroom.ArticlePage", required=False, label=_("خبر")
    )
    headline = blocks.CharBlock(required=False, label=_("تیتر"))

    class Meta:
        icon = "link"
        label = _("بیشتر بخوانید")
        template = "site/blocks/read_more.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The blocks an article body may hold, in any order."""

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("پاراگراف"),
        template="site/blocks/paragraph.html",
    )
    quote = QuoteBlock()
    read_more = ReadMoreBlock()

"""Feed the corpus to both importers: scraped text pages and a WordPress export."""

from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from khabar.newsroom.importing.service import scraped_file_import
from khabar.newsroom.importing.wxr_service import wxr_file_import
from khabar.newsroom.models import ArticlePage, ImportRecord

from .builders import tag_name
from .payloads import PAYLOADS, chunks

PER_PAGE = 8  # payloads per scraped page: headline, lead, body, read-more, tags
PER_POST = 10  # payloads per WordPress post


def _batches(size: int) -> list:
    """The corpus in batches of ``size``; the last one is filled from the start."""
    batches = chunks(PAYLOADS, size)
    batches[-1] = (batches[-1] + PAYLOADS)[:size]
    return batches


def _scraped_page(batch, code: int) -> str:
    texts = [payload.text for payload in batch]
    lines = [
        "خبر آزمون " + " ".join(texts[0].split()),
        "",
        "لید آزمون " + " ".join(texts[1].split()),
        "",
        "گروه سیاسی ایسکانیوز، " + " ".join(texts[2].split()),
        "",
        *[line for text in texts[3:6] for line in (" ".join(text.split()), "")],
        "بیشتر بخوانید:",
        "",
        "تیتر مرتبط " + " ".join(texts[6].split()),
        "",
        "پاراگراف پایانی خبر آزمون.",
        "",
        "انتهای پیام/",
        "",
        f"کد خبر: {code}",
        "",
        "برچسب\u200cها",
        "",
        *(tag_name(" ".join(text.split()))[:90] for text in texts[6:]),
    ]
    return "\n".join(lines) + "\n"


def import_scraped_payloads(*, home, folder: Path) -> list[ArticlePage]:
    """Import one scraped page per batch of payloads; return the articles."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = []
    for number, batch in enumerate(_batches(PER_PAGE)):
        code = 9_100_000 + number
        path = folder / f"page-{number}.txt"
        path.write_text(_scraped_page(batch, code), encoding="utf-8")
        result = scraped_file_import(path=path, home=home)
        if result.status in ("created", "updated"):
            articles.append(ArticlePage.objects.get(news_code=result.news_code))
    return articles


def _x(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _post(number: int, batch) -> str:
    texts = [payload.text for payload in batch]
    post_id = 5000 + number
    raw_html = "\n\n".join(texts[2:6])  # raw HTML, as WordPress keeps it
    escaped = " ".join(_x(text) for text in texts[6:8])  # shown as text
    content = (
        f"<p>نخستین پاراگراف خبر آزمون {number}.</p>\n\n{raw_html}\n\n"
        f"<blockquote><p>{texts[8]}</p><cite>{texts[9]}</cite></blockquote>"
        f"\n\n<p>{escaped}</p>"
    )
    comments = "".join(
        f"""
		<wp:comment>
			<wp:comment_id>{post_id * 10 + index}</wp:comment_id>
			<wp:comment_author>{_x(text[:80])}</wp:comment_author>
			<wp:comment_author_email></wp:comment_author_email>
			<wp:comment_author_IP>192.0.2.{index + 1}</wp:comment_author_IP>
			<wp:comment_date_gmt>2024-03-05 0{index}:00:00</wp:comment_date_gmt>
			<wp:comment_content>{_x(text)}</wp:comment_content>
			<wp:comment_approved>1</wp:comment_approved>
			<wp:comment_type>comment</wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>"""
        for index, text in enumerate(texts[:3])
    )
    return f"""
	<item>
		<title>{_x("خبر وردپرس " + texts[0])}</title>
		<link>https://blog.example.ir/?p={post_id}</link>
		<dc:creator>author{number % 3}</dc:creator>
		<guid isPermaLink="false">https://blog.example.ir/?p={post_id}</guid>
		<content:encoded>{_x(content)}</content:encoded>
		<excerpt:encoded>{_x("خلاصه " + texts[1])}</excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date_gmt>2024-03-05 05:{number % 60:02d}:00</wp:post_date_gmt>
		<wp:post_name>xss-post-{number}</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>post</wp:post_type>
		<category domain="category" nicename="xss-{number % 3}">{_x(tag_name(texts[3])[:60])}</category>
		<category domain="post_tag" nicename="t{number}a">{_x(tag_name(texts[4])[:90])}</category>
		<category domain="post_tag" nicename="t{number}b">{_x(tag_name(texts[5])[:90])}</category>
		{comments}
	</item>"""


def wxr_export(batches) -> str:
    authors = "".join(
        f"<wp:author><wp:author_id>{n + 1}</wp:author_id>"
        f"<wp:author_login>author{n}</wp:author_login>"
        f"<wp:author_display_name>{_x(PAYLOADS[n * 17].text[:80])}"
        "</wp:author_display_name></wp:author>"
        for n in range(3)
    )
    items = "".join(_post(number, batch) for number, batch in enumerate(batches))
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>وبلاگ آزمون</title>
	<link>https://blog.example.ir</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://blog.example.ir</wp:base_site_url>
	<wp:base_blog_url>https://blog.example.ir</wp:base_blog_url>
	{authors}
	{items}
</channel>
</rss>
"""


def import_wxr_payloads(*, home, folder: Path) -> list[ArticlePage]:
    """Import a WordPress export whose posts carry the corpus; return the articles."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "export.xml"
    path.write_text(wxr_export(_batches(PER_POST)), encoding="utf-8")
    wxr_file_import(path=path, home=home)
    codes = ImportRecord.objects.filter(source__startswith="wxr:").values_list(
        "news_code", flat=True
    )
    return list(ArticlePage.objects.filter(news_code__in=list(codes)))

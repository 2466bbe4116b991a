"""The scraped-page parser, on the reference page and on broken pages."""

import pytest

from khabar.newsroom.importing.scraped import NotAnArticle, decode_page, parse_page

REFERENCE_BODY_STARTS = [
    "سپهبد «علی محمود عباس» وزیر دفاع سوریه",
    "در این دیدار روند تحولات منطقه",
    "در این دیدار سرلشکر باقری خاطرنشان کرد:",
    "وی افزود: مقاومت مردم غزه",
    "بررسی روند پیشرفت روابط",
    "سپهبد علی محمود عباس گفت:",
    "وی گفت: بعد از عملیات طوفان الاقصی",
]


@pytest.fixture
def reference(reference_page):
    return parse_page(decode_page(reference_page.read_bytes()))


def test_reference_headline_lead_and_dateline(reference):
    assert reference.headline == "دیدار وزیر دفاع سوریه با سرلشکر باقری"
    assert reference.lead.startswith("وزیر دفاع سوریه عصر امروز با رئیس ستادکل")
    assert reference.service == "سیاسی"
    assert reference.agency == "ایسکانیوز"
    assert reference.news_code == 1224974
    assert reference.tags == []


def test_reference_body_has_seven_paragraphs_and_the_related_link_in_place(reference):
    paragraphs = [item.text for item in reference.body if item.kind == "paragraph"]
    assert len(paragraphs) == 7
    for paragraph, start in zip(paragraphs, REFERENCE_BODY_STARTS, strict=True):
        assert paragraph.startswith(start)
    assert [item.kind for item in reference.body][:3] == [
        "paragraph",
        "read_more",
        "paragraph",
    ]
    assert reference.related_headlines[0].startswith("سرلشکر باقری: راهیان نور")


def test_reference_quotes_survive(reference):
    assert "«علی محمود عباس»" in reference.body[0].text


def test_reference_site_chrome_is_dropped(reference):
    everything = " ".join(item.text for item in reference.body) + reference.lead
    for chrome in (
        "نظر شما",
        "در حال پاسخ",
        "منتشر نمی",
        "0 + 0",
        "انتهای پیام",
        "کد خبر",
    ):
        assert chrome not in everything
    assert reference.warnings == []


PAGE = """تیتر آزمایشی خبر
لید کوتاه خبر.
گروه ورزشی خبرگزاری‌نمونه، متن نخست خبر.
بیشتر بخوانید: خبر مرتبط دیگر
پاراگراف دوم با «نقل قول».
انتهای پیام/
کد خبر: ۵۵۵
برچسب‌ها
فوتبال، لیگ برتر
نظر شما
"""


def test_persian_digit_code_inline_related_and_tags():
    article = parse_page(PAGE)
    assert article.news_code == 555
    assert article.service == "ورزشی"
    assert article.related_headlines == ["خبر مرتبط دیگر"]
    assert article.tags == ["فوتبال", "لیگ برتر"]


@pytest.mark.parametrize(
    ("page", "warning"),
    [
        (PAGE.replace("لید کوتاه خبر.\n", ""), "no lead"),
        (PAGE.replace("گروه ورزشی خبرگزاری‌نمونه، ", ""), "no dateline"),
        (PAGE.replace("انتهای پیام/\n", ""), "no end marker"),
        (PAGE.replace("کد خبر: ۵۵۵\n", ""), "no news code"),
        (
            PAGE.replace("نظر شما\n", "نظر شما\nسطری ناشناخته\n"),
            "line 11 after the end marker",
        ),
    ],
)
def test_missing_parts_import_with_named_warnings(page, warning):
    article = parse_page(page)
    assert any(warning in item for item in article.warnings), article.warnings


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("تیتر\n".encode() + b"\xff\xfe bad", "not UTF-8"),
        (b"x" * 100, "too large"),
    ],
)
def test_files_that_cannot_be_pages_are_refused(data, message):
    with pytest.raises(NotAnArticle, match=message.replace("too large", "at most")):
        decode_page(data, max_bytes=50)


@pytest.mark.parametrize(
    "text",
    [
        "گروه سیاسی ایسکانیوز، متنی بدون تیتر.\nانتهای پیام/",
        "Just an English line\nand another",
        "نظر شما\n0 + 0 =",
        "تیتر تنها بدون متن",
    ],
)
def test_pages_without_headline_or_body_are_refused(text):
    with pytest.raises(NotAnArticle):
        parse_page(text)

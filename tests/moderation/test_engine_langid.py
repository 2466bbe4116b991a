"""The not_persian rule: languages, scripts, Finglish and short comments."""

import pytest

from khabar.moderation.engine import moderate
from khabar.moderation.engine.finglish import looks_finglish, to_finglish
from khabar.moderation.engine.langid import identify
from khabar.moderation.engine.rules import check_not_persian

ZWNJ = "\u200c"


def score(text: str) -> float:
    finding = check_not_persian(text)
    return finding.score if finding else 0.0


@pytest.mark.parametrize(
    "text",
    [
        f"به نظرم این تصمیم دولت برای بازار مسکن خیلی دیر گرفته شد و اثری نمی{ZWNJ}گذارد.",
        "خیلی ممنون از گزارش خوبتون",
        "اسم وکیلشون چیه؟",
        "عالی بود",
        "موافقم",
        "ممنون",
        "گلللللللل",
        "مقاله را در https://example.com/fa/news/123 هم خواندم و خوب بود.",
        "به قول Steve Jobs باید گرسنه ماند.",
        "پیام من به @khabar_news این است که ادامه بدهید.",
        "پندار نیــک، گفتار نیــک، کردار نیــک",
        "برای خبرهای بیشتر #ایران را دنبال کنید",
    ],
)
def test_persian_comments_are_not_flagged(text: str) -> None:
    assert score(text) < 0.5


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("هذا الخبر مهم جدا ونحن نتابع الأحداث في المنطقة بكل اهتمام.", "ar"),
        ("یہ خبر بہت اہم ہے اور ہم اس پر نظر رکھے ہوئے ہیں۔", "ur"),
        ("دا خبر ډېر مهم دی او موږ یې په اړه فکر کوو.", "ps"),
        ("This is a great article, thank you for writing it.", "latin"),
    ],
)
def test_foreign_sentences_are_rejected(text: str, lang: str) -> None:
    finding = check_not_persian(text)
    assert finding is not None and finding.score >= 0.9
    verdict = moderate(text)
    assert verdict.decision == "reject"
    assert verdict.reason in {"not_persian", "finglish"}


@pytest.fixture(autouse=True)
def empty_cache():
    """Shadow the suite's Django cache fixture: these tests need no Django."""
    yield


def test_finglish_is_only_held_with_its_own_reason() -> None:
    verdict = moderate("salam, man in khabar ro kheili doost dashtam merci")
    assert verdict.decision == "hold"
    assert verdict.reason == "finglish"


@pytest.mark.parametrize(
    "text",
    [
        "salam, man in khabar ro kheili doost dashtam merci",
        "kheili khoob bood mamnoon az shoma",
        "chera hichkas javab nemide?",
        "age mishe zoodtar javab bedid",
        "in dolat hich kari nemikone",
        "dast shoma dard nakone, aali bood",
        "vaghean ajib bood, nemidoonam chi begam",
    ],
)
def test_finglish_is_held_never_rejected(text: str) -> None:
    finding = check_not_persian(text)
    assert finding is not None and finding.reason == "finglish"
    assert finding.score >= 0.5
    assert moderate(text).decision == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "I totally disagree with the author of this article.",
        "Great job guys, keep it up, really good reporting",
        "Why would anyone believe this nonsense about the economy?",
        "Thanks for sharing, I learned a lot from this story",
    ],
)
def test_english_is_not_taken_for_finglish(text: str) -> None:
    assert not looks_finglish(text)
    assert moderate(text).decision == "reject"


def test_single_foreign_word_is_only_held() -> None:
    assert moderate("Hello").decision == "hold"


def test_english_is_not_finglish() -> None:
    assert not looks_finglish("The government announced new measures today")
    assert looks_finglish("man kheili khoshhalam ke in khabar ro didam")


def test_generated_finglish_is_latin_and_flagged() -> None:
    text = to_finglish("من امروز به مدرسه رفتم و خیلی خوشحال شدم", seed=3)
    assert text.isascii()
    assert score(text) >= 0.9
    assert moderate(text).decision == "hold"


def test_text_without_letters_is_not_a_language_question() -> None:
    assert check_not_persian("😀😀😀 !!!") is None
    assert check_not_persian("۱۲۳۴") is None


# Informal comments as people type them (written for these tests): colloquial
# spelling, held-down letters, Arabic ي/ك, missing or spaced half-spaces,
# emoji, laughter, digits, Latin brand names, links and mentions.
ARABIC_YEH_KAF = "سلام. اين خبر خيلي مهم بود، ممنون از شما"
PRESENTATION_FORMS = (  # «مرسی خیلی خوب بود» in Arabic presentation forms
    "\ufee3\ufeae\ufeb3\ufbfd \ufea7\ufbff\ufee0\ufbfd \ufea7\ufeee\ufe8f \ufe91\ufeee\ufea9"
)
INFORMAL_PERSIAN = [
    "خیلییییی خوب بود مرسیییی",
    "واقعا عالییییی 😍😍😍",
    "😂😂😂",
    "خخخخخخخ",
    "هههههههه",
    "ههههه خیلی باحال بود",
    "lol خخخ",
    "۱۰۰٪ موافقم",
    "100 درصد موافقم",
    "قیمت ۲۵۰ هزار تومن، ارزش داره",
    "گوشی Samsung Galaxy A54 خریدم راضیم",
    "iPhone 15 Pro Max خیلی گرونه",
    "من Samsung Galaxy S23 Ultra خریدم",
    "لپ تاپ Asus Vivobook با رم 8 گیگ",
    "کیفیت sound خوبه ولی bass کمه",
    "مرسی از Digikala که زود فرستاد",
    "برنامه Telegram رو آپدیت کنید درست میشه",
    "VPN وصل نمیشه",
    "OK بود",
    "tnx خیلی خوب بود",
    "لینکش اینه https://example.com/abc/def?x=1 ببینید",
    "برای اطلاعات بیشتر www.example.ir",
    "@ali_reza دمت گرم",
    "زیبا بود 👍 #ایران",
    ARABIC_YEH_KAF,
    "كيفيتش خوبه ولي قيمتش بالاست",
    "می خوام بدونم کی میاد",
    "میخوام بدونم کی میاد",
    f"نمی{ZWNJ}دونم والا 🤷‍♂️",
    "ایول 👌👌",
    "عالیه 👍🏻👍🏻👍🏻 پیشنهاد میکنم",
    "اصلا راضی نیستم 😡😡",
    "عالی!!!!!!!",
    "اینو کی نوشته؟ 😂",
    "ینی چی؟؟؟",
    "ب نظرم ک اینطوری نی",
    "سلاااام دوستاااان",
    "گل بود گلللل",
    "انشالله که درست میشه",
    "ان شاء الله",
    "الحمدلله بالاخره رسید",
    "ماشالا چه خوشگله",
    "حفظکم الله",
    "به قول قرآن «ان مع العسر یسرا» پس ناامید نباشید",
    "مچکرم",
    "قربونت برم",
    PRESENTATION_FORMS,
]


@pytest.mark.parametrize("text", INFORMAL_PERSIAN)
def test_informal_persian_comments_are_not_held_as_foreign(text: str) -> None:
    assert score(text) < 0.5
    assert moderate(text).reason not in {"not_persian", "finglish"}


def test_presentation_forms_read_as_plain_letters() -> None:
    assert identify(PRESENTATION_FORMS).lang == "fa"


def test_persian_comment_quoting_arabic_verse_is_only_held() -> None:
    persian = "من واقعا نگرانم که این روزها همه چیز دارد بدتر میشود و کسی کاری نمیکند"
    verse = "قل هل ننبئکم بالاخسرین اعمالا الذین ضل سعیهم فی الحیاه الدنیا وهم یحسبون انهم یحسنون صنعا"
    finding = check_not_persian(f"{persian}، {verse}")
    assert finding is None or finding.reject_score < 0.9


FOREIGN_COMMENTS = [
    ("شكرا جزيلا على هذا المقال الرائع والمفيد جدا", "ar"),
    ("لا أعرف ماذا أقول عن هذا الموضوع، لكنه مهم للغاية بالنسبة لنا", "ar"),
    ("هذه الحكومة لا تهتم بالشعب ولا بمعاناة الناس في هذه الأيام الصعبة 😡", "ar"),
    ("میں نے یہ خبر پڑھی اور مجھے بہت اچھی لگی، شکریہ", "ur"),
    ("آپ کا بہت شکریہ، یہ مضمون بہت معلوماتی ہے اور ہمیں پسند آیا", "ur"),
    ("زه له دې خبر څخه ډېر خوشاله شوم، مننه", "ps"),
    ("I totally disagree with the author of this article 👎", "latin"),
    ("Great job guys 👍👍 keep it up, really good reporting", "latin"),
]


@pytest.mark.parametrize(("text", "lang"), FOREIGN_COMMENTS)
def test_foreign_comments_are_still_rejected(text: str, lang: str) -> None:
    guess = identify(text)
    assert guess.lang == lang
    assert score(text) >= 0.9
    assert moderate(text).reason == "not_persian"


@pytest.mark.parametrize(
    "text",
    [
        "بہت شکریہ",
        "This is great دمت گرم",
        "Samsung is the best phone company in the world, period. عالی",
    ],
)
def test_short_or_mixed_foreign_comments_are_held(text: str) -> None:
    assert 0.5 <= score(text) < 0.9

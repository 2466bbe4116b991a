"""Short Persian messages for readers, one per reason code (no scores)."""

from types import MappingProxyType

HELD = "نظر شما برای بررسی بیشتر نگه داشته شد."
MESSAGES = MappingProxyType(
    {
        "insult_lexicon": "نظر شما به دلیل داشتن عبارت توهین‌آمیز منتشر نشد.",
        "insult_model": "نظر شما به دلیل داشتن عبارت توهین‌آمیز منتشر نشد.",
        "custom_word": "نظر شما به دلیل داشتن عبارت نامناسب منتشر نشد.",
        "not_persian": "نظرهای غیرفارسی منتشر نمی‌شوند.",
        "finglish": "نظرهایی که با حروف لاتین نوشته شده‌اند منتشر نمی‌شوند.",
        "off_topic": "نظرهایی که به موضوع خبر ربطی ندارند منتشر نمی‌شوند.",
        "spam_link": "نظرهای دارای پیوند تبلیغاتی منتشر نمی‌شوند.",
        "spam_phone": "نظرهای دارای شماره تماس منتشر نمی‌شوند.",
        "spam_ad": "نظرهای تبلیغاتی منتشر نمی‌شوند.",
        "spam_repeat": "نظرهای تکراری منتشر نمی‌شوند.",
        "spam_flood": "تعداد نظرهای شما در این مدت زیاد است؛ کمی بعد دوباره بفرستید.",
        "empty": "نظر خالی منتشر نمی‌شود.",
        "held": HELD,
    }
)


def reader_message(decision: str, reason: str | None) -> str:
    """Return the message a reader sees for a decision and its main reason."""
    if decision == "publish":
        return ""
    if decision == "hold" or reason is None:
        return HELD
    return MESSAGES.get(reason, HELD)

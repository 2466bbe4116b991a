"""Tell readers about their comment: published, awaiting review, or not, and why."""

from django.utils.translation import gettext_lazy as _

STATUS_MESSAGES = {
    "approved": _("نظر شما منتشر شد."),
    "pending": _("نظر شما ثبت شد و پس از بررسی منتشر می\u200cشود."),
    "rejected": _("نظر شما منتشر نشد."),
}
WHY_MESSAGES = {
    "insult": _(
        "نظرات حاوی توهین و هرگونه نسبت ناروا به اشخاص حقیقی و حقوقی "
        "منتشر نمی\u200cشود."
    ),
    "not_persian": _("نظراتی که غیر از زبان فارسی باشد منتشر نمی\u200cشود."),
    "off_topic": _("نظراتی که با خبر مرتبط نباشد منتشر نمی\u200cشود."),
    "spam": _("نظر شما شبیه پیام تبلیغاتی یا تکراری است."),
    "banned": _("امکان انتشار نظر از این فرستنده وجود ندارد."),
}


def reader_message(*, status: str, why: str = "") -> dict[str, str]:
    """Return the status sentence and, for a rejected comment, the reason."""
    message = {"status": status, "text": str(STATUS_MESSAGES.get(status, ""))}
    if status == "rejected" and why in WHY_MESSAGES:
        message["why"] = str(WHY_MESSAGES[why])
    return message

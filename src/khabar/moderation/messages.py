"""Tell readers about their comment: published, awaiting review, or not, and why.

The reasons for a rejection are the engine's reader messages (one per reason
code, never a score); a banned sender gets its own sentence.
"""

from django.utils.translation import gettext_lazy as _

from .engine import MESSAGES

STATUS_MESSAGES = {
    "approved": _("نظر شما منتشر شد."),
    "pending": _("نظر شما ثبت شد و پس از بررسی منتشر می\u200cشود."),
    "rejected": _("نظر شما منتشر نشد."),
}
BANNED_MESSAGE = _("امکان انتشار نظر از این فرستنده وجود ندارد.")


def reader_message(*, status: str, why: str = "") -> dict[str, str]:
    """Return the status sentence and, for a rejected comment, the reason."""
    message = {"status": status, "text": str(STATUS_MESSAGES.get(status, ""))}
    reason = BANNED_MESSAGE if why == "banned" else MESSAGES.get(why)
    if status == "rejected" and reason:
        message["why"] = str(reason)
    return message

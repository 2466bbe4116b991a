"""The «نظر شما» form: name, optional email, text, reply target and captcha."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .captcha import CaptchaError, captcha_verify
from .models import Comment

CAPTCHA_MESSAGES = {
    "wrong": _("پاسخ پرسش امنیتی درست نبود. لطفاً پرسش تازه را پاسخ دهید."),
    "expired": _("زمان پاسخ به پرسش امنیتی گذشته بود. لطفاً پرسش تازه را پاسخ دهید."),
    "replayed": _(
        "این پرسش امنیتی پیش\u200cتر پاسخ داده شده بود. لطفاً پرسش تازه را پاسخ دهید."
    ),
    "forged": _("پرسش امنیتی معتبر نبود. لطفاً پرسش تازه را پاسخ دهید."),
}


class CommentForm(forms.Form):
    """Validate a reader's comment; the captcha is checked once the rest is sound."""

    name = forms.CharField(label=_("نام"), max_length=80)
    email = forms.EmailField(label=_("ایمیل (نمایش داده نمی\u200cشود)"), required=False)
    text = forms.CharField(label=_("متن نظر"), widget=forms.Textarea(attrs={"rows": 5}))
    notify_replies = forms.BooleanField(required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A field people never see; bots that fill every input fill it.
    website = forms.CharField(required=False)
    captcha_token = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.CharField(label=_("پاسخ پرسش امنیتی"), max_length=10)

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        limit = getattr(settings, "KHABAR_COMMENT_MAX_LENGTH", 3000)
        self.fields["text"].validators.append(MaxLengthValidator(limit))
        self.fields["text"].widget.attrs["maxlength"] = limit

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("نام را بنویسید."))
        return name

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("متن نظر خالی است."))
        return text

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article=self.article)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("نظری که به آن پاسخ می\u200cدهید پیدا نشد."))
        return parent

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("ارسال نامعتبر بود."), code="honeypot")
        if not self.errors:
            try:
                captcha_verify(
                    token=cleaned.get("captcha_token", ""),
                    answer=cleaned.get("captcha_answer", ""),
                )
            except CaptchaError as error:
                self.add_error("captcha_answer", CAPTCHA_MESSAGES[error.code])
        return cleaned

"""The one field every two-factor page asks for: a code."""

from django import forms
from django.utils.translation import gettext_lazy as _

WRONG_CODE = _(
    "کد درست نیست یا پیش‌تر به کار رفته است. کد تازه برنامه را بنویسید؛ "
    "پس از چند کد نادرست، چند ثانیه صبر کنید."
)


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code.

    The form only takes the text; the view checks it with
    ``services.code_verify`` or ``services.totp_confirm`` and reports a
    wrong code with ``WRONG_CODE``.
    """

    code = forms.CharField(
        label=_("کد"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "dir": "ltr",
                "spellcheck": "false",
            }
        ),
    )

    def reject(self) -> None:
        """Mark the code as wrong after the view's check refused it."""
        self.add_error("code", WRONG_CODE)


class DisableForm(CodeForm):
    """The code that turns two-factor login off; not focused when the page opens."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.pop("autofocus", None)

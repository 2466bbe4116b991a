"""What a reader's browser does before posting a comment."""

import re

from khabar.core.persian import to_latin_digits


def reader_captcha(client) -> tuple[str, str]:
    """Fetch this reader's captcha as the page's script does; return token and answer.

    Cached article pages carry placeholders; ``/comments/state/`` hands each
    reader a CSRF token and a fresh captcha.
    """
    state = client.get("/comments/state/").json()
    question = to_latin_digits(state["captcha"]["question"])
    first, second = map(int, re.findall(r"\d+", question))
    return state["captcha"]["token"], str(first + second)

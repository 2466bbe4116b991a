"""What a comment POST benchmark needs: signed captchas and a CSRF pair.

    postkit.py OUT_DIR COUNT [ARTICLE_CODE]

Writes ``captchas.tsv`` (token, answer; each captcha can be spent once) and
``csrf.env`` (the CSRF cookie and form token, the article's path and news
code) into OUT_DIR, for ``comment.lua``. Run with the bench settings of the
site under test: captchas are signed with its SECRET_KEY and expire, so
bench/scale writes a fresh kit right before it posts. bench/http's
``prepare.py`` writes its kit with the same function.
"""

import re
import sys
from pathlib import Path

import django

django.setup()

from django.middleware.csrf import get_token  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from khabar.comments.captcha import captcha_new  # noqa: E402
from khabar.core.persian import to_latin_digits  # noqa: E402
from khabar.newsroom.selectors import article_get_by_code  # noqa: E402

REFERENCE_CODE = 1224974


def write_kit(out_dir: Path, captchas: int, code: int = REFERENCE_CODE) -> None:
    """Write ``captchas`` solved captchas and a CSRF pair for story ``code``."""
    with (out_dir / "captchas.tsv").open("w") as out:
        for _ in range(captchas):
            captcha = captcha_new()
            numbers = map(int, re.findall(r"\d+", to_latin_digits(captcha.question)))
            out.write(f"{captcha.token}\t{sum(numbers)}\n")
    request = RequestFactory().get("/")
    token = get_token(request)
    article = article_get_by_code(code=code)
    (out_dir / "csrf.env").write_text(
        f"CSRF_COOKIE={request.META['CSRF_COOKIE']}\nCSRF_TOKEN={token}\n"
        f"ARTICLE_PATH={article.url}\nARTICLE_CODE={code}\n"
    )


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write_kit(out, int(sys.argv[2]), *map(int, sys.argv[3:4]))

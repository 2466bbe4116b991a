"""Delete the comments that bench/scale's POST phase stored on a site.

    unpost.py RUN_TAG...

comment.lua writes «… در اجرای RUN_TAG: …» into every comment it posts to
the reference story. The big database is kept between runs
(``--reuse-big``): without this, those comments would pile up under the
reference story and every later run would render a longer article on the
big site than on the small one.
"""

import sys

import django

django.setup()

from postkit import REFERENCE_CODE  # noqa: E402  (bench/http)

from khabar.comments.models import Comment  # noqa: E402
from khabar.newsroom.selectors import article_get_by_code  # noqa: E402


def main(tags: list[str]) -> None:
    story = article_get_by_code(code=REFERENCE_CODE)
    for tag in tags:
        posted = Comment.objects.filter(article=story, text__contains=f" {tag}: ")
        deleted, _ = posted.delete()
        print(f"{tag}: {deleted} rows deleted", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])

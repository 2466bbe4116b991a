"""WSGI entry point; the production profile serves this.

Page-cache hits are answered before Django's request handling
(``core.fastpath``); everything else goes to Django. With
``KHABAR_ACCESS_LOG`` set, every request is logged (``core.accesslog``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.dev")
django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402

from khabar.core import accesslog  # noqa: E402
from khabar.core.fastpath import PageCacheFastPath  # noqa: E402  (needs settings)

application = accesslog.wrap(
    PageCacheFastPath(django_application),
    target=settings.KHABAR_ACCESS_LOG,
    max_bytes=settings.KHABAR_ACCESS_LOG_MAX_BYTES,
    backups=settings.KHABAR_ACCESS_LOG_BACKUPS,
)

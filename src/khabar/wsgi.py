"""WSGI entry point; the production profile serves this.

Page-cache hits are answered before Django's request handling
(``core.fastpath``); everything else goes to Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.dev")
django_application = get_wsgi_application()

from khabar.core.fastpath import PageCacheFastPath  # noqa: E402  (needs settings)

application = PageCacheFastPath(django_application)

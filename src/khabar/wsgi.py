"""WSGI entry point; the production profile serves this."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings.dev")
application = get_wsgi_application()

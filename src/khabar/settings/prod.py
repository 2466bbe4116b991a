"""Production: every secret from the environment, startup fails without it."""

from .base import *  # noqa: F401
from .env import env_bool, env_required

DEBUG = False
SECRET_KEY = env_required(
    "SECRET_KEY",
    "a long random string, e.g. python -c 'import secrets; "
    "print(secrets.token_urlsafe(50))'",
)
SESSION_COOKIE_SECURE = env_bool("KHABAR_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("KHABAR_SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}

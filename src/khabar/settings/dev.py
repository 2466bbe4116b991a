"""Local development and ``make demo``: debug on, a generated secret kept in var/."""

import secrets

from .base import *  # noqa: F401
from .base import VAR_DIR
from .env import env_str

DEBUG = True


def _dev_secret_key() -> str:
    """Return SECRET_KEY from the environment, or one generated once into var/."""
    from_env = env_str("SECRET_KEY")
    if from_env:
        return from_env
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _dev_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

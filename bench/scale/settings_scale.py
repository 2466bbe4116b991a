"""bench/http's settings with a cache key prefix per database.

bench/scale runs the small and the big site side by side on one Redis
database (8); ``KHABAR_CACHE_PREFIX`` keeps their cached entries apart.
"""

import os

from settings_bench import *  # noqa: F403

CACHES["default"]["KEY_PREFIX"] = os.environ.get(  # noqa: F405
    "KHABAR_CACHE_PREFIX",
    CACHES["default"].get("KEY_PREFIX", ""),  # noqa: F405
)

"""The read-only JSON API (django-ninja): articles, services, tags and search."""

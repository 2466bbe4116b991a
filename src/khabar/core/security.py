"""A strict Content-Security-Policy for the public site.

Public pages run one script of our own (``khabar.js``, loaded with ``defer``)
and no inline script; JSON-LD is data, not script, so a policy without
``'unsafe-inline'`` costs nothing and stops an injected ``<script>`` or
``onerror=`` from running even if it ever got through the templates.

The Wagtail admin and the API's interactive docs use inline scripts and are
left to their own headers (the admin needs a session and CSRF anyway).
"""

from django.conf import settings

DEFAULT_POLICY = (
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "frame-src https://www.aparat.com https://www.youtube-nocookie.com; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
EXEMPT_PREFIXES = ("/admin/", "/api/docs", "/documents/")


class ContentSecurityPolicyMiddleware:
    """Add ``KHABAR_CSP`` (default: the strict policy above) to public pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(EXEMPT_PREFIXES):
            return response
        policy = getattr(settings, "KHABAR_CSP", DEFAULT_POLICY)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response

"""Refuse requests whose address or query carries NUL bytes, before any view runs.

No database accepts NUL in text (PostgreSQL raises), and no legitimate link
contains one; answering 400 here keeps every view from having to check.
"""

from django.http import HttpResponseBadRequest

NUL = "\x00"


class RejectNulMiddleware:
    """Answer 400 to a request with NUL in its path or query parameters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = (
                "Invalid request: NUL byte."
                if request.path.startswith("/api/")
                else "درخواست نامعتبر است."
            )
            return HttpResponseBadRequest(
                message, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

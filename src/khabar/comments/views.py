"""Receive a comment: store it and send the reader back, or show what went wrong."""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from khabar.newsroom.selectors import article_get_by_code

from .forms import CommentForm
from .services import comment_submit


@require_POST
def comment_post(request, code: int):
    """Store a valid comment as pending, or re-show the article with the reason."""
    article = article_get_by_code(code=code)
    if article is None:
        raise Http404
    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        context = article.get_context(request)
        context["comment_form"] = form
        return TemplateResponse(
            request, article.get_template(request), context, status=400
        )
    data = form.cleaned_data
    comment_submit(
        article=article,
        name=data["name"],
        email=data["email"],
        text=data["text"],
        parent=data["parent"],
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    return HttpResponseRedirect(f"{article.url}?comment=pending#comments")

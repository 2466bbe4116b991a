"""Receive comments and votes; answer the reader with what happened and why."""

import hashlib
from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from khabar.core.clientip import client_ip
from khabar.newsroom.selectors import article_get_by_code, article_get_for_comment

from .captcha import captcha_new
from .forms import CommentForm
from .limits import comment_rate_exceeded
from .models import Comment
from .services import comment_submit, comment_vote


def _show_form(request, code: int, form, status: int, notice: str = ""):
    """Re-show the whole article with the reader's form and why it was refused."""
    article = article_get_by_code(code=code)
    if article is None:  # withdrawn while the reader was writing
        raise Http404
    context = article.get_context(request)
    context.update({"comment_form": form, "comment_notice": notice})
    return TemplateResponse(
        request, article.get_template(request), context, status=status
    )


@require_POST
def comment_post(request, code: int):
    """Store a comment through moderation, or re-show the article with the reason."""
    article = article_get_for_comment(code=code)
    if article is None:
        raise Http404
    form = CommentForm(request.POST, article=article)
    ip_address = client_ip(request)
    if comment_rate_exceeded(ip_address=ip_address, article_id=article.pk):
        notice = _("نظرهای زیادی پشت سر هم فرستاده شد؛ چند دقیقه بعد دوباره بفرستید.")
        return _show_form(request, code, form, 429, notice)
    if not form.is_valid():
        return _show_form(request, code, form, 400)
    data = form.cleaned_data
    comment = comment_submit(
        article=article,
        name=data["name"],
        email=data["email"],
        text=data["text"],
        parent=data["parent"],
        ip_address=ip_address,
        notify_replies=data["notify_replies"],
    )
    query = {"comment": comment.status, "why": _decisive_code(comment)}
    anchor = (
        f"comment-{comment.pk}"
        if comment.status == Comment.Status.APPROVED
        else "comments"
    )
    return HttpResponseRedirect(f"{article.public_path()}?{urlencode(query)}#{anchor}")


def _decisive_code(comment: Comment) -> str:
    """Return the reason code of the rule that decided, for the reader's message."""
    return next(
        (r["code"] for r in comment.reasons if r["rule"] == comment.primary_rule), ""
    )


def _voter(request) -> str:
    """Identify a reader for voting without an account, by their session."""
    if not request.session.session_key:
        request.session.save()
    return hashlib.sha256(request.session.session_key.encode()).hexdigest()


@require_POST
def comment_vote_view(request, pk: int):
    """Record a like or dislike, then go back to the comment."""
    comment = Comment.objects.approved().filter(pk=pk).select_related("article").first()
    if comment is None:
        raise Http404
    value = {"like": 1, "dislike": -1}.get(request.POST.get("vote", ""))
    if value is None:
        return HttpResponseBadRequest(_("رأی نامعتبر است."))
    comment_vote(comment=comment, voter=_voter(request), value=value)
    return HttpResponseRedirect(f"{comment.article.url}#comment-{comment.pk}")


@never_cache
@require_GET
def comment_state(request):
    """Give a cached article page its per-reader parts: a CSRF token and a captcha.

    Cached pages carry empty placeholders; the page's script fills them from
    here, so one cached copy serves every reader.
    """
    captcha = captcha_new()
    return JsonResponse(
        {
            "csrf": get_token(request),
            "captcha": {"question": captcha.question, "token": captcha.token},
        }
    )


@require_GET
def comment_form_page(request, code: int):
    """The comment form on a page of its own, for readers without JavaScript."""
    article = article_get_by_code(code=code)
    if article is None:
        raise Http404
    return TemplateResponse(
        request, "comments/form_page.html", {"article": article, "page": article}
    )

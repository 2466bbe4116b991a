"""``{% comment_section page %}``: the comment list, the reply banner and the form."""

from django import template

from khabar.moderation.messages import reader_message

from ..captcha import captcha_new
from ..forms import CommentForm
from ..selectors import SORTS, comment_page_for_article, comment_reply_target

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """Render the comments of ``article`` and the form.

    A form handed in by the comment view (``comment_form``) keeps what the
    reader typed; ``?reply=<id>`` names the comment being answered;
    ``?comment=<status>&why=<rule>`` tells what happened to the last comment;
    ``?sort=oldest|newest|top`` orders the list and ``?cpage=N`` pages it.
    """
    request = context["request"]
    form = context.get("comment_form") or CommentForm(article=article)
    # A page rendered for one reader (a form sent back with errors, the form
    # page for readers without JavaScript) carries its own CSRF token and
    # captcha; a page that may be cached carries placeholders the script fills.
    live = form.is_bound or bool(context.get("comment_live"))
    reply_id = form["parent"].value() if form.is_bound else request.GET.get("reply")
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "oldest"
    status = request.GET.get("comment", "")
    return {
        "request": request,
        "article": article,
        "comments": comment_page_for_article(
            article=article, sort=sort, page=request.GET.get("cpage", 1)
        ),
        "sort": sort,
        "form": form,
        "notice": context.get("comment_notice", ""),
        "captcha": captcha_new() if live else None,
        "live": live,
        "reply_to": comment_reply_target(article=article, comment_id=reply_id),
        "result": None
        if form.is_bound or not status
        else reader_message(status=status, why=request.GET.get("why", "")),
        "rules": context["settings"]["core"]["AgencySettings"].comment_rule_list,
    }

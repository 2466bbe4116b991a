"""``{% comment_section page %}``: the comment list, the reply banner and the form."""

from django import template

from ..captcha import captcha_new
from ..forms import CommentForm
from ..selectors import comment_reply_target, comment_tree_for_article

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """Render the comments of ``article`` with a fresh captcha.

    A form handed in by the comment view (``comment_form``) keeps what the
    reader typed; ``?reply=<id>`` names the comment being answered and
    ``?comment=pending`` says the last comment awaits review.
    """
    request = context["request"]
    form = context.get("comment_form") or CommentForm(article=article)
    reply_id = form["parent"].value() if form.is_bound else request.GET.get("reply")
    return {
        "request": request,
        "article": article,
        "comments": comment_tree_for_article(article=article),
        "form": form,
        "captcha": captcha_new(),
        "reply_to": comment_reply_target(article=article, comment_id=reply_id),
        "sent": request.GET.get("comment") == "pending" and not form.is_bound,
        "rules": context["settings"]["core"]["AgencySettings"].comment_rule_list,
    }

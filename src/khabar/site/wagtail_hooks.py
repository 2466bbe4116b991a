"""Public-site additions to the Wagtail admin: names for the partner audit entries."""

from wagtail import hooks

from .partners import LOG_ACTIONS


@hooks.register("register_log_actions")
def partner_log_actions(actions) -> None:
    """Name the partner-token entries in Wagtail's audit log."""
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)

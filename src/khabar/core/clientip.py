"""The reader's IP address, also behind the proxies a deployment puts in front.

Rate limits, the spam rule's flood count, bans, login lockouts and the
most-read counter all key on the reader's address. Behind nginx or a load
balancer ``REMOTE_ADDR`` is the proxy's, the same for every reader: one
busy minute would then lock everyone out of commenting.
"""

import ipaddress

from django.conf import settings

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_ip(request) -> str | None:
    """Return the address of the client that reached the first of our proxies.

    ``KHABAR_PROXY_COUNT`` (0: no proxy) is how many proxies of ours stand in
    front of the app server, each appending the address it was reached from
    to ``X-Forwarded-For``. The reader's address is therefore the
    ``KHABAR_PROXY_COUNT``-th entry from the right; entries further left came
    from the client and can be forged. A header shorter than that, or an
    entry that is not an IP address, falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "KHABAR_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get(FORWARDED_FOR, "").split(",")]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote

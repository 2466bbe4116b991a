"""The reader's address behind our proxies (``KHABAR_PROXY_COUNT``)."""

import pytest
from django.test import RequestFactory

from khabar.core.clientip import client_ip

PROXY = "10.0.0.1"  # the address the app server sees: our nginx


def request_from(forwarded: str | None = None, remote: str | None = PROXY):
    meta = {"REMOTE_ADDR": remote} if remote else {}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    if remote is None:
        del request.META["REMOTE_ADDR"]
    return request


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "5.6.7.8", PROXY),  # no proxy of ours: the header is the client's own
        (1, None, PROXY),
        (1, "5.6.7.8", "5.6.7.8"),
        (1, "6.6.6.6, 5.6.7.8", "5.6.7.8"),  # the client forged the first entry
        (2, "6.6.6.6, 5.6.7.8, 192.168.1.9", "5.6.7.8"),  # CDN, then load balancer
        (2, "5.6.7.8", PROXY),  # shorter than the proxies we run
        (1, "unknown", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, " 5.6.7.8 ", "5.6.7.8"),
    ],
)
def test_the_reader_is_the_entry_our_first_proxy_added(
    settings, count, forwarded, expected
):
    settings.KHABAR_PROXY_COUNT = count
    assert client_ip(request_from(forwarded)) == expected


def test_no_address_at_all_is_none(settings):
    settings.KHABAR_PROXY_COUNT = 0
    assert client_ip(request_from(remote=None)) is None

"""Embed addresses for the video hosts a Persian newsroom uses.

Wagtail's oEmbed finder would call the host at render time; these two hosts
have stable embed addresses, so the page needs no network call to show them.
Any other address is shown as a plain link.
"""

import re
from urllib.parse import parse_qs, urlparse

_APARAT = re.compile(r"^/v/([A-Za-z0-9]+)")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embed_url(url: str) -> str | None:
    """Return the iframe address for an Aparat or YouTube video page, else None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    if parsed.scheme not in ("http", "https"):
        return None
    if host == "aparat.com" and (match := _APARAT.match(parsed.path)):
        return f"https://www.aparat.com/video/video/embed/videohash/{match[1]}/vt/frame"
    video_id = None
    if host == "youtu.be":
        video_id = parsed.path.strip("/")
    elif host == "youtube.com" and parsed.path == "/watch":
        video_id = (parse_qs(parsed.query).get("v") or [""])[0]
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None

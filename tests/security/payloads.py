"""Khabar's own XSS corpus: classic payloads and Persian/RTL tricks.

Each entry is ``(id, template)`` in a category list. A template names its
execution marker with a token that ``_expand`` replaces:

- ``@HIT@``   -> ``__xss_hit('<id>')`` (the browser tests define the function),
- ``@ALERT@`` -> ``alert('<id>')`` (a dialog),
- ``@LOG@``   -> ``console.log('XSS-<id>')`` (a console message),
- ``@TITLE@`` -> ``document.title='XSS-<id>'`` (the page title),
- ``@ID@``    -> the bare id (for payloads that only need naming, e.g. templates).

So every payload, if it ever ran, leaves a trace naming itself. Invisible
characters are always written as escapes (``\\u202e``), never raw; a test
checks this file for raw ones.
"""

from base64 import b64encode
from typing import NamedTuple


class Payload(NamedTuple):
    id: str
    category: str
    text: str


def _b64(html: str) -> str:
    return b64encode(html.encode()).decode()


SCRIPT = [
    ("script-01", "<script>@HIT@</script>"),
    ("script-02", "<SCRIPT>@ALERT@</SCRIPT>"),
    ("script-03", "<script type=text/javascript>@LOG@</script>"),
    ("script-04", "<script>@TITLE@</script>"),
    ("script-05", "<script src=data:,@HIT@></script>"),
    ("script-06", "</p><script>@HIT@</script><p>"),
    ("script-07", "</title><script>@HIT@</script>"),
    ("script-08", "</textarea><script>@HIT@</script>"),
    ("script-09", '</script><script>@HIT@</script>"'),
    ("script-10", "<script>/*</script><script>*/@HIT@</script>"),
    ("script-11", "<<script>@HIT@//<</script>"),
    ("script-12", "<script\n>@HIT@</script\n>"),
    ("script-13", "<script/x>@HIT@</script>"),
    ("script-14", "<script type=module>@HIT@</script>"),
    ("script-15", '<noscript><p title="</noscript><script>@HIT@</script>">'),
    ("script-16", "<template><script>@HIT@</script></template><script>@LOG@</script>"),
]

EVENT_HANDLERS = [
    ("event-01", "<img src=x onerror=@HIT@>"),
    ("event-02", '<img src="x" onerror="@ALERT@">'),
    ("event-03", "<body onload=@HIT@>"),
    ("event-04", "<input autofocus onfocus=@HIT@>"),
    ("event-05", "<details open ontoggle=@HIT@>"),
    ("event-06", "<video><source onerror=@HIT@></video>"),
    ("event-07", "<audio src=x onerror=@LOG@>"),
    ("event-08", "<iframe onload=@HIT@></iframe>"),
    ("event-09", "<marquee onstart=@HIT@>x</marquee>"),
    ("event-10", "<div onmouseover=@HIT@ style=position:fixed;inset:0>x</div>"),
    ("event-11", "<select autofocus onfocus=@HIT@></select>"),
    ("event-12", "<textarea autofocus onfocus=@TITLE@></textarea>"),
    ("event-13", "<img src=x:x onerror=@HIT@//"),
    ("event-14", "<img/src=x/onerror=@HIT@>"),
    ("event-15", "<img src=x onerror\t=\t@HIT@>"),
    ("event-16", "<img src=x onerror\n=@HIT@>"),
    ("event-17", '" onmouseover="@HIT@" x="'),
    ("event-18", "' onfocus='@HIT@' autofocus x='"),
    ("event-19", '" autofocus onfocus=@HIT@ x="'),
    ("event-20", "<object data=x onerror=@HIT@></object>"),
    ("event-21", "<image src=x onerror=@HIT@>"),
    ("event-22", "<form><button formaction=javascript:@HIT@>x</button></form>"),
]

JAVASCRIPT_URLS = [
    ("jsurl-01", "javascript:@HIT@"),
    ("jsurl-02", "JaVaScRiPt:@ALERT@"),
    ("jsurl-03", " javascript:@HIT@"),
    ("jsurl-04", "java\tscript:@HIT@"),
    ("jsurl-05", "java\nscript:@HIT@"),
    ("jsurl-06", "javascript://%0a@HIT@"),
    ("jsurl-07", '<a href="javascript:@HIT@">click</a>'),
    ("jsurl-08", '<a href="&#106;avascript:@HIT@">click</a>'),
    ("jsurl-09", '<a href="&#x6A;avascript&colon;@HIT@">click</a>'),
    ("jsurl-10", '<iframe src="javascript:@ALERT@"></iframe>'),
    ("jsurl-11", 'vbscript:msgbox("@ID@")'),
    ("jsurl-12", '<a href="jav&#x09;ascript:@HIT@">click</a>'),
    ("jsurl-13", "javascript:/*https://www.aparat.com/v/abc*/@HIT@"),
    ("jsurl-14", 'https://www.aparat.com/v/abc"><script>@HIT@</script>'),
    ("jsurl-15", 'https://youtu.be/x" onload="@HIT@'),
]

SVG_MATHML = [
    ("svg-01", "<svg onload=@HIT@>"),
    ("svg-02", "<svg><script>@HIT@</script></svg>"),
    ("svg-03", "<svg><animate onbegin=@HIT@ attributeName=x dur=1s>"),
    ("svg-04", '<svg><a xlink:href="javascript:@HIT@"><text y=20>x</text></a></svg>'),
    ("svg-05", "<svg><set attributeName=onload to=@HIT@ />"),
    ("svg-06", "<svg><foreignObject><img src=x onerror=@HIT@></foreignObject></svg>"),
    ("svg-07", '<svg><use href="data:image/svg+xml,<svg id=x onload=@HIT@>#x"/>'),
    ("svg-08", "<math><mtext><table><mglyph><style><img src=x onerror=@HIT@>"),
    (
        "svg-09",
        '<math><maction actiontype="statusline" xlink:href="javascript:@HIT@">'
        "x</maction></math>",
    ),
    ("svg-10", "<svg><style><img src=x onerror=@HIT@></style></svg>"),
    ("svg-11", "<svg><title><script>@HIT@</script></title></svg>"),
    ("svg-12", "<math href=javascript:@HIT@>x</math>"),
]

BROKEN_MARKUP = [
    ("broken-01", "<img src=x onerror=@HIT@"),
    ("broken-02", '<img """><script>@HIT@</script>">'),
    ("broken-03", "<!--><script>@HIT@</script>-->"),
    ("broken-04", "<![CDATA[><script>@HIT@</script>]]>"),
    ("broken-05", "<scr<script>ipt>@HIT@</scr</script>ipt>"),
    ("broken-06", "<a href='x' <script>@HIT@</script>"),
    ("broken-07", "<div <img src=x onerror=@HIT@>>"),
    ("broken-08", "<p>unterminated <b><i><script>@HIT@"),
    ("broken-09", "</a></strong></p></div><img src=x onerror=@HIT@>"),
    ("broken-10", "<?xml ?><script>@HIT@</script>"),
    ("broken-11", '<iframe srcdoc="<script>parent.@HIT@</script>"></iframe>'),
    ("broken-12", "<style></style><script>@HIT@</script>"),
    ("broken-13", "<xmp><script>@HIT@</script></xmp>"),
    ("broken-14", "<plaintext><script>@HIT@</script>"),
    ("broken-15", "<base href=javascript:/x/><a href=@ID@>x</a>"),
    ("broken-16", '<meta http-equiv="refresh" content="0;url=javascript:@HIT@">'),
]

ENTITY_CASE = [
    ("entity-01", "&lt;script&gt;@HIT@&lt;/script&gt;"),
    ("entity-02", "&#60;script&#62;@HIT@&#60;/script&#62;"),
    ("entity-03", "&#x3C;img src=x onerror=@HIT@&#x3E;"),
    ("entity-04", "&#0000060;script&#0000062;@HIT@&#0000060;/script&#0000062;"),
    ("entity-05", "&LT;script&GT;@HIT@&LT;/script&GT;"),
    ("entity-06", "\\u003cscript\\u003e@HIT@\\u003c/script\\u003e"),
    ("entity-07", "%3Cscript%3E@HIT@%3C/script%3E"),
    ("entity-08", "%253Cscript%253E@HIT@%253C/script%253E"),
    ("entity-09", "<ScRiPt>@HIT@</sCrIpT>"),
    ("entity-10", "<IMG SRC=x ONERROR=@HIT@>"),
    ("entity-11", "<img src=x onerror=&#95;&#95;xss_hit('@ID@')>"),
    ("entity-12", "&amp;lt;script&amp;gt;@HIT@&amp;lt;/script&amp;gt;"),
    ("entity-13", '<a href="javascript&#58;@HIT@">x</a>'),
    ("entity-14", "\\x3cscript\\x3e@HIT@\\x3c/script\\x3e"),
]

DATA_URLS = [
    ("data-01", "data:text/html,<script>@ALERT@</script>"),
    ("data-02", '<a href="data:text/html,<script>@ALERT@</script>">x</a>'),
    ("data-03", '<iframe src="data:text/html,<script>@ALERT@</script>"></iframe>'),
    (
        "data-04",
        '<object data="data:text/html;base64,'
        + _b64("<script>alert('data-04')</script>")
        + '">@ID@</object>',
    ),
    ("data-05", '<embed src="data:image/svg+xml,<svg onload=@ALERT@>">'),
    (
        "data-06",
        "data:text/html;base64," + _b64("<script>alert('data-06')</script>") + "#@ID@",
    ),
    ("data-07", '<img src="data:image/svg+xml,<svg onload=@HIT@>">'),
    ("data-08", "DaTa:text/html,<script>@ALERT@</script>"),
]

STYLE = [
    ("style-01", '<div style="width:expression(@HIT@)">x</div>'),
    ("style-02", "<style>@import 'javascript:@HIT@';</style>"),
    ("style-03", '<div style="background:url(javascript:@HIT@)">x</div>'),
    ("style-04", "<style>*{x:expression(@HIT@)}</style>"),
    ("style-05", '<div style="behavior:url(#@ID@);-moz-binding:url(#@ID@)">x</div>'),
    ("style-06", "<link rel=stylesheet href=javascript:@HIT@>"),
    ("style-07", '" style="animation-name:x" onanimationstart="@HIT@'),
    ("style-08", "</style><script>@HIT@</script>"),
]

TEMPLATE_INJECTION = [
    ("tpl-01", "{{7*7}} @ID@"),
    ("tpl-02", "{{constructor.constructor('@HIT@')()}}"),
    ("tpl-03", "{% debug %} {{ request }} @ID@"),
    ("tpl-04", "{% load static %}{% now 'Y' %} @ID@"),
    ("tpl-05", "${7*7} #{7*7} @ID@"),
    ("tpl-06", "{{ settings.SECRET_KEY }} @ID@"),
    ("tpl-07", "{% include 'site/base.html' %} @ID@"),
    ("tpl-08", "<%= 7*7 %> @ID@"),
    ("tpl-09", "{{'a'.constructor.prototype.charAt=[].join;$eval('x=@HIT@');}}"),
    ("tpl-10", "[[${7*7}]] {{= @HIT@ }}"),
    ("tpl-11", "{% verbatim %}<script>@HIT@</script>{% endverbatim %}"),
    ("tpl-12", "{{ '<script>@HIT@</script>'|safe }}"),
    ("tpl-13", "{# comment #}<img src=x onerror=@HIT@>{% comment %}x{% endcomment %}"),
    ("tpl-14", "`${@HIT@}`"),
]

BIDI = [
    ("bidi-01", "<scr\u202eipt>@HIT@</script>"),
    ("bidi-02", "<img src=x one\u202error=@HIT@>"),
    ("bidi-03", '"\u2066><script>@HIT@</script>\u2069'),
    ("bidi-04", "\u202e>tpircs/<@HIT@>tpircs<"),
    ("bidi-05", '<a href="java\u2067script:@HIT@">x</a>'),
    ("bidi-06", "<svg\u202aonload=@HIT@>"),
    ("bidi-07", '<img src=x title="\u202e" onerror=@HIT@>'),
    ("bidi-08", "\u2068<img src=x onerror=@HIT@>\u2069"),
    ("bidi-09", "\u202b' onmouseover='@HIT@'\u202c"),
    ("bidi-10", "\u202d<script>@HIT@</script>\u202c"),
    ("bidi-11", "javascript\u202e:@HIT@"),
    ("bidi-12", "\u200f<script>@HIT@</script>\u200e"),
]

LOOKALIKE = [
    # Arabic/Persian letters that look like Latin ones, and their neighbours.
    ("look-01", "<scr\u0627pt>@HIT@</scr\u0627pt>"),  # alef for i
    ("look-02", "<img src=x \u0665nerror=@HIT@>"),  # Arabic-Indic five for o
    ("look-03", "<svg \u06f5nload=@HIT@>"),  # Persian five for o
    ("look-04", "<img src=x onerr\u0647r=@HIT@>"),  # heh for o
    ("look-05", "<\u0131mg src=x onerror=@HIT@>"),  # dotless i
    ("look-06", "<\u017fcript>@HIT@</\u017fcript>"),  # long s
    ("look-07", "<scr\u0456pt>@HIT@</scr\u0456pt>"),  # Cyrillic i
    ("look-08", "<img src=x onerr\u03bfr=@HIT@>"),  # Greek omicron
    ("look-09", "<a hr\u0435f=javascript:@HIT@>x</a>"),  # Cyrillic e
    ("look-10", "<\u0633cript>@HIT@</\u0633cript>"),  # seen for s
    ("look-11", "<img src=x on\u0640error=@HIT@>"),  # tatweel inside the name
    ("look-12", "<img src=x oner\u0433or=@HIT@>"),  # Cyrillic ge
]

ZERO_WIDTH = [
    ("zw-01", "<scr\u200bipt>@HIT@</scr\u200bipt>"),
    ("zw-02", "<img src=x on\u200cerror=@HIT@>"),
    ("zw-03", "<img src=x onerror\u200d=@HIT@>"),
    ("zw-04", "<scr\u2060ipt>@HIT@</scr\u2060ipt>"),
    ("zw-05", "<\ufeffscript>@HIT@</script>"),
    ("zw-06", '<a href="java\u200bscript:@HIT@">x</a>'),
    ("zw-07", "<svg on\u200bload=@HIT@>"),
    ("zw-08", "\u200c<script>@HIT@</script>\u200c"),
    ("zw-09", "<sc\u200dript>@HIT@</sc\u200dript>"),
    ("zw-10", "\ufeff<img src=x onerror=@HIT@>"),
    ("zw-11", "<img\u200bsrc=x\u200conerror=@HIT@>"),
    ("zw-12", "\u2060javascript:@HIT@"),
    ("zw-13", "on\u200cerror=@HIT@ \u0646\u0638\u0631"),
]

FULL_WIDTH = [
    ("fw-01", "\uff1cscript\uff1e@HIT@\uff1c/script\uff1e"),
    ("fw-02", "\uff1cimg src=x onerror=@HIT@\uff1e"),
    ("fw-03", "\ufe64script\ufe65@HIT@\ufe64/script\ufe65"),
    ("fw-04", "\u3008script\u3009@HIT@\u3008/script\u3009"),
    ("fw-05", "\uff02 onmouseover\uff1d@HIT@ x\uff1d\uff02"),
    ("fw-06", "\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54:@HIT@"),
    ("fw-07", "<\uff53cript>@HIT@</\uff53cript>"),
    ("fw-08", "\u02c2script\u02c3@HIT@\u02c2/script\u02c3"),
]

PERSIAN_DIGITS = [
    (
        "fadigit-01",
        "&#\u06f6\u06f0;script&#\u06f6\u06f2;@HIT@&#\u06f6\u06f0;/script&#\u06f6\u06f2;",
    ),
    ("fadigit-02", "&#x\u06f3c;img src=x onerror=@HIT@&#x\u06f3e;"),
    ("fadigit-03", '<a href="&#\u06f1\u06f0\u06f6;avascript:@HIT@">x</a>'),
    (
        "fadigit-04",
        "&#\u0666\u0660;script&#\u0666\u0662;@HIT@&#\u0666\u0660;/script&#\u0666\u0662;",
    ),
    ("fadigit-05", "<img src=x onerror=&#\u06f9\u06f7;lert('@ID@')>"),
    ("fadigit-06", "<img src=\u06f1 onerror=@HIT@ width=\u06f1\u06f0\u06f0>"),
    ("fadigit-07", "\u06f7*\u06f7 {{\u06f7*\u06f7}} @ID@"),
    ("fadigit-08", "%\u06f3C;script>@HIT@</script>"),
]

MIXED_DIRECTION = [
    ("mixdir-01", '\u00ab"><script>@HIT@</script>\u00bb'),
    ("mixdir-02", '\u0646\u0638\u0631\u200f"><img src=x onerror=@HIT@>'),
    ("mixdir-03", "\u202b'\u202c onmouseover=@HIT@ x='"),
    ("mixdir-04", '"\u061b onfocus=@HIT@ autofocus x="'),
    (
        "mixdir-05",
        "\u0633\u0644\u0627\u0645 ' onmouseover='@HIT@' \u062f\u0631\u0648\u062f",
    ),
    ("mixdir-06", '\u200e"\u200f><svg onload=@HIT@>'),
    ("mixdir-07", "\u00ab\u0646\u0627\u0645\u00bb</strong><script>@HIT@</script>"),
    (
        "mixdir-08",
        '\u062e\u0628\u0631 "\u2067\u0645\u0647\u0645\u2069"><img src=x onerror=@HIT@>',
    ),
    ("mixdir-09", "\u0631\u0636\u0627</span>\u00bb<script>@HIT@</script>\u00ab"),
    (
        "mixdir-10",
        '\u0634\u0645\u0627 \u062f\u0631 \u062d\u0627\u0644 \u067e\u0627\u0633\u062e "\u00bb</p><img src=x onerror=@HIT@>',
    ),
]

ATTRIBUTE_BREAKOUT = [
    ("attr-01", '"><script>@HIT@</script>'),
    ("attr-02", "'><script>@HIT@</script>"),
    ("attr-03", '"><img src=x onerror=@HIT@>'),
    ("attr-04", "`><img src=x onerror=@HIT@>"),
    ("attr-05", '" onload="@HIT@'),
    ("attr-06", '"/><svg onload=@HIT@>'),
    ("attr-07", '" accesskey=x onclick="@HIT@" x="'),
    ("attr-08", '"><meta http-equiv=refresh content="0;url=javascript:@HIT@">'),
    ("attr-09", '\\"><script>@HIT@</script>'),
    ("attr-10", "&quot;&gt;&lt;script&gt;@HIT@&lt;/script&gt;"),
    ("attr-11", '#"><img src=x onerror=@HIT@>'),
    ("attr-12", '?q="><script>@HIT@</script>&x=1'),
]

JSON_CONTEXT = [
    ("json-01", '"};@HIT@;//'),
    ("json-02", "</script><script>@HIT@</script>"),
    ("json-03", "\u2028@HIT@\u2029"),
    ("json-04", "<!--<script>@HIT@</script>-->"),
    ("json-05", "\\u003c/script\\u003e\\u003cscript\\u003e@HIT@\\u003c/script\\u003e"),
    ("json-06", "</SCRIPT ><img src=x onerror=@HIT@>"),
]

CATEGORIES = {
    "script": SCRIPT,
    "event-handler": EVENT_HANDLERS,
    "javascript-url": JAVASCRIPT_URLS,
    "svg-mathml": SVG_MATHML,
    "broken-markup": BROKEN_MARKUP,
    "entity-case": ENTITY_CASE,
    "data-url": DATA_URLS,
    "style": STYLE,
    "template-injection": TEMPLATE_INJECTION,
    "bidi": BIDI,
    "lookalike": LOOKALIKE,
    "zero-width": ZERO_WIDTH,
    "full-width": FULL_WIDTH,
    "persian-digits": PERSIAN_DIGITS,
    "mixed-direction": MIXED_DIRECTION,
    "attribute-breakout": ATTRIBUTE_BREAKOUT,
    "json-context": JSON_CONTEXT,
}


def _expand(payload_id: str, template: str) -> str:
    return (
        template.replace("@HIT@", f"__xss_hit('{payload_id}')")
        .replace("@ALERT@", f"alert('{payload_id}')")
        .replace("@LOG@", f"console.log('XSS-{payload_id}')")
        .replace("@TITLE@", f"document.title='XSS-{payload_id}'")
        .replace("@ID@", payload_id)
    )


PAYLOADS: list[Payload] = [
    Payload(payload_id, category, _expand(payload_id, template))
    for category, entries in CATEGORIES.items()
    for payload_id, template in entries
]
BY_ID = {payload.id: payload for payload in PAYLOADS}
PERSIAN_CATEGORIES = {
    "bidi",
    "lookalike",
    "zero-width",
    "full-width",
    "persian-digits",
    "mixed-direction",
}
# Invisible characters the corpus uses; a marker that rendered as text hides
# nowhere, since the ids are plain ASCII.
INVISIBLE = {
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066",
    "\u2067", "\u2068", "\u2069", "\ufeff", "\u0640",
}  # fmt: skip
MARKERS = ("__xss_hit('", "alert('", "console.log('XSS-", "document.title='XSS-")


def chunks(items: list, size: int) -> list[list]:
    """Split ``items`` into lists of at most ``size``."""
    return [items[start : start + size] for start in range(0, len(items), size)]

"""Cross-site scripting payloads for tests/browser/test_xss.py, made here.

Each payload is a *vector* (the markup or URL that would break out of the place
it is written into) carrying a *call* (how the script, if it ever ran, reports
itself). Calls name a payload by a number written ``ID`` in the templates, so a
test can tell which payload in which field ran: ``__xss(ID)`` reaches a function
the test exposes in the browser, ``alert(ID)``, ``confirm(ID)`` and ``prompt(ID)``
open dialogs the test listens for. ``render`` puts a number in.

The vectors follow the OWASP XSS filter evasion cheat sheet and PortSwigger's
XSS cheat sheet: tag injection, attribute breakouts in ", ' and unquoted values,
javascript:/data: URLs, SVG and MathML, event handlers, raw-text and ``</script>``
breakouts (JSON-LD), XML breakouts (feeds), template syntax, encoded entities,
Unicode look-alikes, CSS expressions, srcdoc, meta refresh, base href and
mutation (mXSS) and polyglot strings. Besides tab and newline no control character
is used: forms refuse NUL outright and XML 1.0 (the feeds) cannot carry the others.
"""

import base64
import re
from dataclasses import dataclass
from urllib.parse import quote

# How a payload that runs reports itself; ``ID`` becomes the payload's number.
CALLS = (
    "__xss(ID)",
    "alert(ID)",
    "confirm(ID)",
    "prompt(ID)",
    "top.__xss(ID)",
    "(__xss)(ID)",
    "[ID].map(__xss)",
    "alert`ID`",
    "self[atob('X194c3M=')](ID)",
    "eval('__xss(ID)')",
    "window['__x'+'ss'](ID)",
    "setTimeout('__xss(ID)')",
    "Function('__xss(ID)')()",
    "__xss.call(null,ID)",
    "window.onerror=__xss;throw ID",
)
KEYWORDS = re.compile(r"\b(null|throw)\b")

# (vector, what its context cannot take from a call): s = spaces, q = single
# quotes, b = backticks, k = JavaScript keywords (they cannot be \u-escaped).
# @JS@ is the call as written; @ENT@ and @HEX@ its HTML character references,
# @URL@ percent-encoded, @B64@ base64, @B64HTML@ base64 of <script>call</script>,
# @CHARS@ its character codes, @UNI@ its letters as JavaScript \u escapes.
MARKUP = (
    # Tags where text is expected: an unescaped {{ }}, |safe or innerHTML.
    ("<script>@JS@</script>", ""),
    ("<ScRiPt>@JS@</sCrIpT>", ""),
    ("<script/xss>@JS@</script>", ""),
    ("<script\n>@JS@</script\n>", ""),
    ('<script src="data:text/javascript,@URL@"></script>', ""),
    ("<SCRIPT SRC=data:,@JS@></SCRIPT>", "s"),
    ("<img src=x onerror=@JS@>", "s"),
    ('<img src="x" onerror="@JS@">', ""),
    ("<img src=x onerror='@JS@'>", "q"),
    ("<img/src/onerror=@JS@>", "s"),
    ('<img src="x" onerror="@HEX@">', ""),
    ('<img src=x onerror="@ENT@">', ""),
    ("<img src=x onerror=eval(atob('@B64@'))>", ""),
    ("<img src=x onerror=eval(String.fromCharCode(@CHARS@))>", ""),
    ("<img src=x onerror=@UNI@>", "sk"),
    ("<img\tsrc=x\tonerror=@JS@>", "s"),
    ("<img\nsrc=x\nonerror=@JS@>", "s"),
    ("<img src=x onerror\n=@JS@>", "s"),
    ('<img """><script>@JS@</script>">', ""),
    ("<img src=`x` onerror=@JS@>", "s"),
    ("<image src=x onerror=@JS@>", "s"),
    ("<input type=image src=x onerror=@JS@>", "s"),
    ("<input autofocus onfocus=@JS@>", "s"),
    ("<textarea autofocus onfocus=@JS@></textarea>", "s"),
    ("<select autofocus onfocus=@JS@></select>", "s"),
    ("<details open ontoggle=@JS@>", "s"),
    ("<details/open/ontoggle=@JS@>", "s"),
    ("<svg onload=@JS@>", "s"),
    ("<svg/onload=@JS@>", "s"),
    ('<svg onload="@JS@"/>', ""),
    ("<svg><script>@JS@</script></svg>", ""),
    ("<svg><script href=data:,@URL@ />", ""),
    ("<svg><animate onbegin=@JS@ attributeName=x dur=1s>", "s"),
    ("<svg><set onbegin=@JS@ attributeName=x to=1>", "s"),
    ("<svg><animatetransform onbegin=@JS@ attributeName=transform>", "s"),
    ("<svg><image href=x onerror=@JS@ />", "s"),
    ("<svg><style><img src=x onerror=@JS@></style></svg>", "s"),
    ('<svg><a xlink:href="javascript:@JS@"><text x="20" y="20">x</text></a></svg>', ""),
    ("<svg><a><animate attributeName=href values=javascript:@JS@ /><text>x</text></a>", "s"),
    ("<svg><foreignObject><iframe srcdoc='<script>@JS@</script>'>", "q"),
    ("<math><mtext><table><mglyph><style><img src=x onerror=@JS@>", "s"),
    ('<math href="javascript:@JS@">x</math>', ""),
    ("<math><maction actiontype=statusline xlink:href=javascript:@JS@>x</maction>", "s"),
    ("<form><math><mtext></form><form><mglyph><style></math><img src onerror=@JS@>", "s"),
    ('<svg></p><style><a id="</style><img src=1 onerror=@JS@>">', "s"),
    ('<noscript><p title="</noscript><img src=x onerror=@JS@>">', "s"),
    ('<xmp><p title="</xmp><img src=x onerror=@JS@>">', "s"),
    ('<title><a title="</title><img src=x onerror=@JS@>">', "s"),
    ("<template shadowrootmode=open><img src=x onerror=@JS@></template>", "s"),
    ("<style>@keyframes x{}</style><b style=animation-name:x onanimationstart=@JS@>", "s"),
    ("<body onload=@JS@>", "s"),
    ("<body onpageshow=@JS@>", "s"),
    ("<iframe onload=@JS@>", "s"),
    ('<iframe src="javascript:@JS@">', ""),
    ("<iframe src=javascript:@URL@>", ""),
    ('<iframe srcdoc="<script>@JS@</script>">', ""),
    ('<iframe srcdoc="&lt;img src=x onerror=@JS@&gt;">', "s"),
    ('<iframe src="data:text/html,<script>@JS@</script>">', ""),
    ('<iframe src="data:text/html;base64,@B64HTML@">', ""),
    ('<object data="javascript:@JS@">', ""),
    ('<object data="data:text/html;base64,@B64HTML@"></object>', ""),
    ('<embed src="javascript:@JS@">', ""),
    ('<embed src="data:text/html,<script>@JS@</script>">', ""),
    ('<a href="javascript:@JS@">x</a>', ""),
    ('<a href="JaVaScRiPt:@JS@">x</a>', ""),
    ('<a href="&#106;avascript:@JS@">x</a>', ""),
    ('<a href="&#x6A;&#x61;vascript:@JS@">x</a>', ""),
    ('<a href="java&#x09;script:@JS@">x</a>', ""),
    ('<a href="java&NewLine;script:@JS@">x</a>', ""),
    ('<a href="javascript&colon;@JS@">x</a>', ""),
    ('<a href=" &#14;  javascript:@JS@">x</a>', ""),
    ('<a href="javascript:@URL@">x</a>', ""),
    ('<a href="data:text/html;base64,@B64HTML@">x</a>', ""),
    ("<a href=javascript:@JS@>x</a>", "s"),
    ('<a href="vbscript:@JS@">x</a>', ""),
    ('<form action="javascript:@JS@"><button>x</button></form>', ""),
    ('<form><button formaction="javascript:@JS@">x</button></form>', ""),
    ("<isindex type=image src=1 onerror=@JS@>", "s"),
    ('<div onmouseover="@JS@">x</div>', ""),
    ('<div onclick="@JS@" style="position:fixed;inset:0">x</div>', ""),
    ("<x contenteditable autofocus onfocus=@JS@>x</x>", "s"),
    ("<x id=x tabindex=1 onfocusin=@JS@></x>", "s"),
    ('<video><source onerror="@JS@"></video>', ""),
    ("<video src=x onerror=@JS@>", "s"),
    ("<audio src=x onerror=@JS@>", "s"),
    ("<style onload=@JS@></style>", "s"),
    ("<link rel=stylesheet href=data:, onload=@JS@>", "s"),
    ("<marquee onstart=@JS@>x</marquee>", "s"),
    ('<meta http-equiv="refresh" content="0;url=javascript:@JS@">', ""),
    ('<meta http-equiv="refresh" content="0;url=data:text/html;base64,@B64HTML@">', ""),
    ('<base href="javascript:@JS@//">', ""),
    ("<frameset onload=@JS@>", "s"),
    ("<table background=javascript:@JS@>", "s"),
    ("<div style=\"background:url('javascript:@JS@')\">x</div>", "q"),
    ('<div style="width:expression(@JS@)">x</div>', ""),
    ("<style>@import 'javascript:@JS@';</style>", "q"),
    ('<style>*{background:url("javascript:@JS@")}</style>', ""),
    ('<link rel="stylesheet" href="javascript:@JS@">', ""),
    # Filter evasions: nested, unterminated, look-alike and pre-encoded tags.
    ("<scr<script>ipt>@JS@</scr</script>ipt>", ""),
    ("<<script>@JS@//<</script>", ""),
    ("<script>@JS@<!--", ""),
    ("<svg/onload=@JS@", "s"),
    ('<img src=x onerror="@JS@"', ""),
    ("<\u017fcript>@JS@</\u017fcript>", ""),
    ("<scr\u0456pt>@JS@</scr\u0456pt>", ""),
    ("\uff1cscript\uff1e@JS@\uff1c/script\uff1e", ""),
    ("\u200b<script>@JS@</script>\u200b", ""),
    ("&lt;script&gt;@JS@&lt;/script&gt;", ""),
    ("&amp;lt;img src=x onerror=@JS@&amp;gt;", "s"),
    ("&#60;svg onload=@JS@&#62;", "s"),
    ("%3Cscript%3E@JS@%3C/script%3E", ""),
    ("%253Cscript%253E@JS@%253C/script%253E", ""),
    ("\\x3cscript\\x3e@JS@\\x3c/script\\x3e", ""),
    ("\\u003cscript\\u003e@JS@\\u003c/script\\u003e", ""),
    ("+ADw-script+AD4-@JS@+ADw-/script+AD4-", ""),
    ("<scr%00ipt>@JS@</scr%00ipt>", ""),
    ("<img src=x&#0; onerror=@JS@>", "s"),
    ("%C0%BCscript%C0%BE@JS@%C0%BC/script%C0%BE", ""),
    # Attribute breakouts: ", ' and unquoted values.
    ('"><script>@JS@</script>', ""),
    ('"><img src=x onerror=@JS@>', "s"),
    ('"><svg/onload=@JS@>', "s"),
    ('" autofocus onfocus="@JS@" x="', ""),
    ('" onmouseover="@JS@" x="', ""),
    ('" onerror="@JS@" x="', ""),
    ('"/><script>@JS@</script>', ""),
    ('"><iframe src="javascript:@JS@">', ""),
    ('"><details open ontoggle=@JS@>', "s"),
    ('" accesskey="x" onclick="@JS@" x="', ""),
    ('"><body onload=@JS@>', "s"),
    ('" formaction="javascript:@JS@" x="', ""),
    ('"><a href="javascript:@JS@">x</a>', ""),
    ("'><img src=x onerror=@JS@>", "s"),
    ("' autofocus onfocus='@JS@' x='", "q"),
    ("'><svg onload=@JS@>", "s"),
    ("' onmouseover=@JS@ x='", "s"),
    (" autofocus onfocus=@JS@ x=", "s"),
    ("x onmouseover=@JS@", "s"),
    ("x/onfocus=@JS@/autofocus", "s"),
    ("`><img src=x onerror=@JS@>", "s"),
    ("&quot;&gt;&lt;img src=x onerror=@JS@&gt;", "s"),
    ("&#34;&#62;&#60;svg onload=@JS@&#62;", "s"),
    ("%22%3E%3Csvg%20onload%3D@URL@%3E", ""),
    ('\\"><svg onload=@JS@>', "s"),
    # Script and JSON contexts (JSON-LD, inline data).
    ("</script><script>@JS@</script>", ""),
    ("</SCRIPT><svg onload=@JS@>", "s"),
    ("</script ><img src=x onerror=@JS@>", "s"),
    ("</script/x><script>@JS@</script>", ""),
    ("<!--<script></script><script>@JS@</script>-->", ""),
    ('"}]}</script><script>@JS@</script>', ""),
    ("';@JS@;//", ""),
    ('";@JS@;//', ""),
    ("\\';@JS@;//", ""),
    ("'-@JS@-'", "k"),
    ('"-@JS@-"', "k"),
    ("\u2028</script>\u2029<script>@JS@</script>", ""),
    ("${@JS@}", ""),
    ("`;@JS@;`", "b"),
    # Comments, raw text and XML (the feeds).
    ("--><svg onload=@JS@>", "s"),
    ("--!><img src=x onerror=@JS@>", "s"),
    (']]><script xmlns="http://www.w3.org/1999/xhtml">@JS@</script><![CDATA[', ""),
    ('<x:script xmlns:x="http://www.w3.org/1999/xhtml">@JS@</x:script>', ""),
    ('<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x" onerror="@JS@"/>', ""),
    ("</title><script>@JS@</script>", ""),
    ("</textarea><script>@JS@</script>", ""),
    ("</style><script>@JS@</script>", ""),
    ("</noscript><img src=x onerror=@JS@>", "s"),
    ("</iframe><script>@JS@</script>", ""),
    ("</xmp><script>@JS@</script>", ""),
    ("</noembed><img src=x onerror=@JS@>", "s"),
    ("</option></select><img src=x onerror=@JS@>", "s"),
    ("</template><svg onload=@JS@>", "s"),
    ("</plaintext><script>@JS@</script>", ""),
    # Template syntax of server and client frameworks.
    ("{{@JS@}}", ""),
    ("{{constructor.constructor('@JS@')()}}", "q"),
    ("{{'a'.constructor.prototype.charAt=[].join;$eval('x=1} } };@JS@//');}}", "q"),
    ("#{@JS@}", ""),
    ("<%= @JS@ %>", ""),
    ("{{{@JS@}}}", ""),
    ("[[@JS@]]", ""),
    ("{% @JS@ %}", ""),
    ("{{ '<script>@JS@</script>'|safe }}", "q"),
    ("<div ng-app ng-csp><input autofocus ng-focus=$event.view.@JS@>", "s"),
    ("<div v-html=\"'<img src=x onerror=@JS@>'\"></div>", "sq"),
    ("<x data-bind=\"html:'<img src=x onerror=@JS@>'\"></x>", "sq"),
    # Polyglots: one string for many contexts at once.
    (
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=@JS@ )//%0D%0A%0d%0a//</stYle/"
        "</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=@JS@//>\\x3e",
        "sqb",
    ),
    (
        "javascript:/*--></title></style></textarea></script></xmp>"
        "<svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+@JS@//'>",
        "sq",
    ),
    ("'\"--></style></script><script>@JS@</script>", ""),
    ("\"'><img src=x onerror=@JS@><!--", "s"),
    ("'\"()&%<acx><ScRiPt >@JS@</ScRiPt>", ""),
)

# Addresses: what an editor can type as a link in rich text (or a video address).
ADDRESSES = (
    ("javascript:@JS@", ""),
    ("JAVASCRIPT:@JS@", ""),
    (" javascript:@JS@", ""),
    ("\tjavascript:@JS@", ""),
    ("java\tscript:@JS@", ""),
    ("java\nscript:@JS@", ""),
    ("javascript:@URL@", ""),
    ("javascript://%0A@URL@", ""),
    ("javascript://comment%0a@JS@", ""),
    ("javascript&colon;@JS@", ""),
    ("&#106;avascript:@JS@", ""),
    ("%6Aavascript:@JS@", ""),
    ("data:text/html,<script>@JS@</script>", ""),
    ("data:text/html;base64,@B64HTML@", ""),
    ("DATA:text/html,<svg onload=@JS@>", "s"),
    ("vbscript:@JS@", ""),
    ("javascript:void(@JS@)", ""),
    ("javascript:/*--></script>*/@JS@", ""),
    ("\u00a0javascript:@JS@", ""),
    ("javas\u200bcript:@JS@", ""),
    ("jav&#x09;ascript:@JS@", ""),
    ('https://example.com/"><svg onload=@JS@>', "s"),
    ("https://example.com/?q='><img src=x onerror=@JS@>", "s"),
    ('//example.com/" onmouseover="@JS@', ""),
    ('?"><script>@JS@</script>', ""),
    ('#" autofocus onfocus="@JS@" x="', ""),
)


@dataclass(frozen=True)
class Payload:
    number: int  # its place in the corpus, for reports
    vector: str
    call: str
    is_address: bool = False

    @property
    def template(self) -> str:
        """The payload as written, ``ID`` standing for its number."""
        return _encoded(self.vector, self.call)

    def render(self, ident: int) -> str:
        return _encoded(self.vector, self.call.replace("ID", str(ident)))

    @property
    def has_no_separators(self) -> bool:
        """Fits a tag list or a file name whole: no comma, double quote or slash."""
        return not set(self.template) & set(',"/\\')


def _can_take(call: str, limits: str) -> bool:
    properties = {
        "s": " " in call,
        "q": "'" in call,
        "b": "`" in call,
        "k": bool(KEYWORDS.search(call)),
    }
    return not any(properties[limit] for limit in limits)


def _encoded(vector: str, call: str) -> str:
    forms = {
        "@ENT@": "".join(f"&#{ord(c)};" for c in call),
        "@HEX@": "".join(f"&#x{ord(c):x};" for c in call),
        "@URL@": quote(call, safe=""),
        "@B64@": base64.b64encode(call.encode()).decode(),
        "@B64HTML@": base64.b64encode(f"<script>{call}</script>".encode()).decode(),
        "@CHARS@": ",".join(str(ord(c)) for c in call),
        "@UNI@": "".join(f"\\u{ord(c):04x}" if c.isalpha() else c for c in call),
        "@JS@": call,
    }
    for token, form in forms.items():
        vector = vector.replace(token, form)
    return vector


def _pairs(vectors, calls_each: int) -> list[tuple[str, str]]:
    """Each vector with ``calls_each`` calls it can carry, rotating through the
    calls so that every call is used somewhere."""
    pairs = []
    for index, (vector, limits) in enumerate(vectors):
        usable = [call for call in CALLS if _can_take(call, limits)]
        # The first vector, a plain script tag, carries every call: each way of
        # reporting then has a payload that runs wherever markup is live.
        for offset in range(len(usable) if index == 0 else calls_each):
            pairs.append((vector, usable[(index * 3 + offset * 7) % len(usable)]))
    return list(dict.fromkeys(pairs))


def corpus() -> list[Payload]:
    """Every payload, numbered from 1: markup first, then addresses."""
    markup = _pairs(MARKUP, calls_each=2)
    addresses = [pair for pair in _pairs(ADDRESSES, calls_each=2) if pair not in markup]
    return [
        Payload(number, vector, call, is_address=number > len(markup))
        for number, (vector, call) in enumerate([*markup, *addresses], start=1)
    ]


PAYLOADS = corpus()

"""Web addresses: which values the log can cite as one, and when two name the same page.

`problem` says why a value is not an http or https address the log can cite
(no host, a malformed host or port, spaces, line breaks, control or invisible
characters), or None. `page` is the one form in which addresses are
compared: `check`'s duplicate sources (and so `add source`, which checks the
log it would write) and `check --links`'s redirects use it, and nothing else
compares URLs. The stored `url` stays as the curator wrote it.

Two addresses name the same page when `page` gives both the same text. It
drops what cannot change the page and spells the rest one way (RFC 3986's
syntax-based normalisation, and what browsers do with a typed address):

- the scheme (http and https) and its case, user information, the
  `#fragment`, and a port that is the scheme's default (80, 443);
- the host's case, a trailing dot (`example.org.`), and its internationalised
  form: a punycode label (`xn--mller-kva`) is read as the Unicode it stands
  for (`müller`), and Unicode labels are compared in NFKC and lower case
  (not case-folded: IDNA 2008 keeps `ß` apart from `ss`);
- percent-encoding: an escaped unreserved character (`%7E`, `%41`) is the
  character itself, other escapes compare whatever the case of their hex
  digits, and a non-ASCII character is its UTF-8 escapes (`é` is `%C3%A9`);
- the path's `.` and `..` segments and its trailing slashes (an empty path is
  `/`).

The query string counts, parameter order included: it can name another page.

`wire` is the other direction: the address as a request must send it (an HTTP
request line is ASCII), for fetching only.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

__all__ = ["is_web", "page", "problem", "wire"]

_SCHEMES = ("https://", "http://")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})|[^\x00-\x7f]+")
# Characters no domain name holds once its escapes are read (WHATWG's forbidden domain code points).
_NOT_IN_HOST = re.compile(r"[\x00-\x20\x7f#%/:<>?@\[\\\]^|]")
_DOTS = re.compile("[\u3002\uff0e\uff61]")  # full stops IDNA reads as label separators


def is_web(value: str) -> bool:
    """Whether a value is meant as a web address: it starts with http:// or https://, in any case."""
    return value[:8].lower().startswith(_SCHEMES)


def problem(value: str) -> str | None:
    """Why a value is not a web address the log can cite, or None."""
    if not is_web(value):
        return "must start with https:// or http://"
    if any(char.isspace() for char in value):
        return "must not contain spaces or line breaks"
    if not value.isprintable():  # controls, format characters (U+200B, U+202E), unassigned code points
        hidden = next(char for char in value if not char.isprintable())
        return f"must not contain control or invisible characters (found U+{ord(hidden):04X})"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        return "is not a well-formed URL"
    if "\\" in parts.netloc:  # a browser reads it as the path's start: another host than ours
        return "is not a well-formed URL (a backslash in its host)"
    if not parts.hostname:
        return "has no host"
    if not parts.netloc.rpartition("@")[2].startswith("["):  # not an IPv6 address (urlsplit checked those)
        host = _DOTS.sub(".", unicodedata.normalize("NFKC", unquote(parts.hostname)))  # as `wire` sends it
        labels = host.removesuffix(".").split(".")
        if not all(labels) or _NOT_IN_HOST.search(host):
            return f"has a host that is not a domain name ({parts.hostname})"
    return None


def page(url: str) -> str:
    """The address as pages are compared (module docstring); for comparing only, never for fetching."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:  # not an address the log accepts: compare its authority as written
        return f"//{parts.netloc.lower()}{_escapes(parts.path)}?{_escapes(parts.query)}"
    scheme = parts.scheme.lower()
    shown_port = "" if port is None or port == _DEFAULT_PORTS.get(scheme) else f":{port}"
    return f"//{_host(parts.hostname or '')}{shown_port}{_path(parts.path)}?{_escapes(parts.query)}"


def wire(url: str) -> str:
    """The address as a request sends it: a Unicode host as IDNA (punycode), and each non-ASCII
    character elsewhere as its UTF-8 percent-escapes, as a browser does with a typed address;
    escapes and reserved characters already there are kept as they are. An ASCII address is
    returned unchanged."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    user, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")  # a non-ASCII host is no IPv6 literal, which is ASCII
    if not host.isascii():  # punycode spells any label `problem` lets through (no lone surrogates)
        host = ".".join(
            label if label.isascii() else "xn--" + label.encode("punycode", "surrogatepass").decode("ascii")
            for label in _DOTS.sub(".", unicodedata.normalize("NFKC", host)).lower().split(".")
        )
    netloc = user + at + host + colon + port
    rest = url[len(parts.scheme) + 3 + len(parts.netloc) :]
    return f"{parts.scheme}://{_NON_ASCII.sub(_utf8, netloc)}{_NON_ASCII.sub(_utf8, rest)}"


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _utf8(found: re.Match[str]) -> str:
    return quote(found.group(), safe="", errors="surrogatepass")


def _host(host: str) -> str:
    """A host name in one spelling: its escapes read, punycode labels as Unicode, NFKC, lower case."""
    host = _DOTS.sub(".", unicodedata.normalize("NFKC", unquote(host)))
    labels = host.removesuffix(".").split(".")
    return ".".join(unicodedata.normalize("NFKC", _unpunycode(label)).lower() for label in labels)


def _unpunycode(label: str) -> str:
    if not label.lower().startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except UnicodeError:  # not valid punycode: compared as written
        return label


def _path(path: str) -> str:
    """The path with its escapes in one spelling, `.` and `..` resolved, trailing slashes dropped."""
    segments: list[str] = []
    for segment in _escapes(path).split("/")[1:]:
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    return "/" + "/".join(segments).rstrip("/")


def _escapes(text: str) -> str:
    """Percent-encoding in one spelling: unreserved characters unescaped, other escapes in upper
    case, non-ASCII characters as their UTF-8 escapes."""
    return _ESCAPE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    digits = found.group(1)
    if digits is None:
        return _utf8(found)
    char = chr(int(digits, 16))
    return char if char in _UNRESERVED else "%" + digits.upper()

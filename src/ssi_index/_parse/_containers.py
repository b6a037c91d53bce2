"""The wrappers a saved SSI page or answer can come in: gzip, MHTML, copied requests.

* gzip: decompressed in one bounded step; more than :data:`MAX_DECOMPRESSED`
  bytes of output is refused before it is produced (a "zip bomb" costs nothing).
* MHTML (Chrome's "Webpage, Single File", ``.mhtml``): the main HTML part,
  its transfer encoding (quoted-printable, base64) undone.
* "Copy as cURL / fetch / PowerShell" text: the *request*, not the answer; it is
  refused with a message that holds none of its text (cookies and CSRF tokens
  live there), and without chaining any exception that would.

HAR files are JSON and are read by :mod:`._har`.
"""

from __future__ import annotations

import email.parser
import email.policy
import zlib
from email.message import Message
from typing import Final

from ssi_index._errors import ParseError
from ssi_index._io import MAX_INPUT_BYTES

__all__ = [
    "MAX_DECOMPRESSED",
    "check_request_text",
    "gunzip",
    "is_gzip",
    "is_mhtml",
    "mhtml_page",
]

MAX_DECOMPRESSED: Final = MAX_INPUT_BYTES
"""The most bytes gzip-compressed input may decompress to: 10 MiB, the same cap as a file."""

_GZIP_MAGIC: Final = b"\x1f\x8b"
_MHTML_HEAD: Final = 8192
_REQUEST_STARTS: Final = (
    "curl ",
    "curl.exe ",
    "fetch(",
    "await fetch(",
    "$session = new-object microsoft.powershell",
    "invoke-webrequest ",
    "invoke-restmethod ",
)


def is_gzip(data: bytes) -> bool:
    """Tell whether *data* starts like gzip-compressed bytes."""
    return data.startswith(_GZIP_MAGIC)


def gunzip(data: bytes, max_bytes: int = MAX_DECOMPRESSED) -> bytes:
    """Decompress gzip *data* (one or more members), refusing output over *max_bytes*.

    Raises:
        ParseError: not valid gzip, cut off, or more than *max_bytes* once decompressed.
    """
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=31)
            chunk = inflater.decompress(rest, max_bytes - size + 1)
            size += len(chunk)
            out.append(chunk)
            if size > max_bytes:
                raise ParseError(
                    f"expected gzip-compressed input of at most {max_bytes:,} bytes once "
                    "decompressed, found more; decompress it yourself if it really is an SSI page",
                    path="$",
                )
            if not inflater.eof:
                raise ParseError(
                    "expected complete gzip-compressed input, found it cut off", path="$"
                )
            rest = inflater.unused_data
            if rest and not rest.startswith(_GZIP_MAGIC):
                break  # trailing garbage after the last member: ignored, as gzip(1) does
    except zlib.error as err:
        raise ParseError(
            f"expected gzip-compressed input, found bytes that are not ({err})", path="$"
        ) from None
    return b"".join(out)


def is_mhtml(data: bytes) -> bool:
    """Tell whether *data* is an MHTML archive (a MIME message of a saved page)."""
    head = data[:_MHTML_HEAD].lower()
    if b"\n\n" not in head.replace(b"\r\n", b"\n"):
        return False
    headers = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return b"mime-version:" in headers and b"multipart/related" in headers


def mhtml_page(data: bytes) -> bytes | str:
    """The main HTML document of an MHTML archive, its transfer encoding undone.

    The part whose ``Content-Location`` is the archive's
    ``Snapshot-Content-Location`` is the page; failing that, the first
    ``text/html`` part. A part that declares a charset is decoded with it;
    otherwise its bytes are returned for the page's own ``<meta charset>``.

    Raises:
        ParseError: the archive holds no HTML part.
    """
    parser = email.parser.BytesParser(policy=email.policy.compat32)
    try:
        message = parser.parsebytes(data)
    except (ValueError, TypeError, LookupError, IndexError) as err:  # pragma: no cover
        raise ParseError(f"expected an MHTML archive, found an unreadable one ({err})") from err
    snapshot = str(message.get("Snapshot-Content-Location", "") or "").strip()
    pages: list[Message] = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_type() != "text/html":
            continue
        if snapshot and str(part.get("Content-Location", "") or "").strip() == snapshot:
            pages.insert(0, part)
        else:
            pages.append(part)
    if not pages:
        raise ParseError(
            "expected an MHTML archive holding the SSI page (a text/html part), found none",
            path="text/html",
        )
    page = pages[0]
    try:
        body = page.get_payload(decode=True)
    except (ValueError, TypeError, LookupError) as err:  # pragma: no cover - email is lenient
        raise ParseError(f"expected a readable HTML part in the MHTML archive ({err})") from err
    if not isinstance(body, bytes):
        body = b""
    charset = page.get_content_charset()
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # let the page's own declaration and detection decide
    return body


def check_request_text(text: str) -> None:
    """Refuse a copied *request* ("Copy as cURL", "Copy as fetch", PowerShell).

    The message names what was found and what to copy instead, and holds no
    part of the text: a copied request carries the session cookie and the CSRF
    token. No exception is chained to it.

    Raises:
        ParseError: *text* is a copied request.
    """
    start = text.lstrip("\ufeff \t\r\n").casefold()
    if start.startswith(_REQUEST_STARTS):
        kind = "curl command" if start.startswith("curl") else "fetch() call"
        if start.startswith(("$session", "invoke-")):
            kind = "PowerShell command"
        raise ParseError(
            f"expected LinkedIn's answer (the salesApiSsi JSON or the saved page), found a "
            f"copied request ({kind}): that is what the browser sent, not what LinkedIn "
            "answered. In DevTools, open the salesApiSsi request and copy its Response "
            "instead (or save the page). The text was not kept: it holds your session "
            "cookie, so do not share it",
            path="$",
        )

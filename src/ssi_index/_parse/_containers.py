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

import binascii
import email.parser
import email.policy
import zlib
from email.message import Message
from typing import Final

from ssi_index._errors import ParseError, Phrase
from ssi_index._io import MAX_INPUT_BYTES

from ._detect import codec_of_label

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
                    key="gzip.too_large",
                    params={"limit": Phrase("io.bytes", max_bytes)},
                )
            if not inflater.eof:
                raise ParseError(
                    "expected complete gzip-compressed input, found it cut off",
                    path="$",
                    key="gzip.cut_off",
                )
            rest = inflater.unused_data
            if rest and not rest.startswith(_GZIP_MAGIC):
                break  # trailing garbage after the last member: ignored, as gzip(1) does
    except zlib.error as err:
        raise ParseError(
            f"expected gzip-compressed input, found bytes that are not ({err})",
            path="$",
            key="gzip.not_gzip",
            params={"reason": str(err)},
        ) from None
    return b"".join(out)


def is_mhtml(data: bytes) -> bool:
    """Tell whether *data* is an MHTML archive (a MIME message of a saved page)."""
    head = data[:_MHTML_HEAD].lower()
    if b"\n\n" not in head.replace(b"\r\n", b"\n"):
        return False
    headers = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return b"mime-version:" in headers and b"multipart/related" in headers


def _boundary(headers: Message) -> bytes | None:
    boundary = headers.get_param("boundary")
    return boundary.encode("ascii", "replace") if isinstance(boundary, str) and boundary else None


def _parts(data: bytes, boundary: bytes, offset: int = 0) -> list[tuple[Message, memoryview]]:
    """Split a multipart body (from *offset*) on its boundary: ``(headers, body)`` of HTML parts.

    ``bytes.find`` and one header parse per part that can be HTML: linear, and far
    quicker than :mod:`email`'s line-by-line parser on a page of several hundred KB
    (and than ``bytes.split``, slow on a boundary that ends in ``-`` among CSS's
    ``--custom-properties``). A part whose headers do not hold ``text/html`` cannot
    have that content type and is skipped unparsed. Bodies are views, not copies: a
    300 KB copy costs more than finding every boundary.
    """
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    parts: list[tuple[Message, memoryview]] = []
    view = memoryview(data)
    delimiter = b"--" + boundary
    at = data.find(delimiter, offset)
    while at >= 0:
        start = at + len(delimiter)
        at = data.find(delimiter, start)
        stop = at if at >= 0 else len(data)
        if data.startswith(b"--", start, stop):
            break  # the closing delimiter
        if data.startswith(b"\r\n", start, stop):
            start += 2
        elif data.startswith(b"\n", start, stop):  # LF line ends: blank lines may lead
            rest = data[start:stop]
            start += len(rest) - len(rest.lstrip(b"\n"))
        window = min(start + _MHTML_HEAD, stop)
        end = data.find(b"\r\n\r\n", start, window)
        gap = 4
        lf = data.find(b"\n\n", start, end if end >= 0 else window)
        if end < 0 or 0 <= lf < end:
            end, gap = lf, 2
        if end < 0:
            continue
        head = data[start:end]
        if b"text/html" not in head.lower():
            continue
        body_start = end + gap
        if data.startswith(b"\r\n", stop - 2, stop):
            stop -= 2
        elif data.startswith(b"\n", stop - 1, stop):
            stop -= 1
        parts.append(
            (parser.parsebytes(head + b"\r\n\r\n"), view[body_start : max(stop, body_start)])
        )
    return parts


def _decode_body(headers: Message, body: memoryview) -> bytes:
    encoding = str(headers.get("Content-Transfer-Encoding", "") or "").strip().lower()
    try:
        if encoding == "quoted-printable":
            return binascii.a2b_qp(body)
        if encoding == "base64":
            return binascii.a2b_base64(body)
    except (binascii.Error, ValueError) as err:
        raise ParseError(
            f"expected the MHTML archive's HTML part in {encoding}, found bytes that are not",
            key="mhtml.bad_encoding",
            params={"encoding": encoding},
        ) from err
    return bytes(body)


def mhtml_page(data: bytes) -> bytes | str:
    """The main HTML document of an MHTML archive, its transfer encoding undone.

    The part whose ``Content-Location`` is the archive's
    ``Snapshot-Content-Location`` is the page; failing that, the first
    ``text/html`` part. A part that declares a charset is decoded with it;
    otherwise its bytes are returned for the page's own ``<meta charset>``.

    Raises:
        ParseError: the archive holds no HTML part.
    """
    ends = (data.find(b"\r\n\r\n", 0, _MHTML_HEAD), data.find(b"\n\n", 0, _MHTML_HEAD))
    top_end = min((i for i in ends if i >= 0), default=-1)
    header = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(
        data[: max(top_end, 0)] + b"\r\n\r\n"
    )
    boundary = _boundary(header)
    snapshot = str(header.get("Snapshot-Content-Location", "") or "").strip()
    pages: list[tuple[Message, memoryview]] = []
    for headers, body in _parts(data, boundary, top_end) if boundary and top_end >= 0 else []:
        if headers.get_content_type() != "text/html":
            continue
        if snapshot and str(headers.get("Content-Location", "") or "").strip() == snapshot:
            pages.insert(0, (headers, body))
        else:
            pages.append((headers, body))
    if not pages:
        raise ParseError(
            "expected an MHTML archive holding the SSI page (a text/html part), found none",
            path="text/html",
            key="mhtml.no_html",
        )
    headers, body = pages[0]
    page = _decode_body(headers, body)
    codec = codec_of_label(str(headers.get_param("charset") or ""))
    if codec and not codec.startswith("utf-16"):
        try:
            return page.decode(codec)
        except UnicodeDecodeError:
            pass  # let the page's own declaration and detection decide
    return page


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
            key="parse.copied_request",
            params={"kind": Phrase(f"parse.request.{kind.split()[0].lower().strip('()')}")},
        )

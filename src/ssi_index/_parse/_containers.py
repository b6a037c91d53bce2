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


def _parts(data: bytes, boundary: bytes) -> list[tuple[Message, bytes]]:
    """Split a multipart body on its boundary: ``(headers, raw body)`` of each part.

    ``bytes.split`` and one header parse per part: linear, and far quicker than
    :mod:`email`'s line-by-line parser on a page of several hundred KB.
    """
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    parts: list[tuple[Message, bytes]] = []
    for chunk in data.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk.lstrip(b"\n")
        end = chunk.find(b"\r\n\r\n", 0, _MHTML_HEAD)
        gap = 4
        lf = chunk.find(b"\n\n", 0, end if end >= 0 else _MHTML_HEAD)
        if end < 0 or 0 <= lf < end:
            end, gap = lf, 2
        if end < 0:
            continue
        head, body = chunk[:end], chunk[end + gap :]
        if body.endswith(b"\r\n"):
            body = body[:-2]
        elif body.endswith(b"\n"):
            body = body[:-1]
        parts.append((parser.parsebytes(head + b"\r\n\r\n"), body))
    return parts


def _decode_body(headers: Message, body: bytes) -> bytes:
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
    return body


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
    pages: list[tuple[Message, bytes]] = []
    for headers, body in _parts(data[top_end:], boundary) if boundary and top_end >= 0 else []:
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

"""A posted ``multipart/form-data`` form (the official numbers' CSV file), parsed here.

The receiver has no multipart library and needs none for one small file: the gate has
already read the body within the console's limit (``ReceiverSettings.console_body``),
and the standard library's MIME parser splits it.  Only plain fields and one file per
field are taken; a file over :data:`MAX_FILE` bytes, or one that is not text, is refused
with a sentence before anything looks at its rows.  A spreadsheet saved as CSV by Excel
on a Chinese Windows is GB18030, not UTF-8: both are read.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from association_server.console.errors import ConsoleError

MAX_FILE = 256 * 1024
MAX_PARTS = 20
MAX_TEXT_FIELD = 200_000


def _too_big() -> ConsoleError:
    return ConsoleError(
        f"文件不能超过 {MAX_FILE // 1024} KB。",
        f"The file may be at most {MAX_FILE // 1024} KB.",
        status=413,
    )


def _not_text() -> ConsoleError:
    return ConsoleError(
        "文件应为 CSV 文本（UTF-8 或 GB18030 编码）。",
        "The file must be CSV text (UTF-8 or GB18030).",
    )


def file_text(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else GB18030; refused if neither."""
    if len(raw) > MAX_FILE:
        raise _too_big()
    if b"\x00" in raw:
        raise _not_text()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _not_text()


def parse_multipart(content_type: str, body: bytes) -> dict[str, str]:
    """Field name → value (a file's value is its text; its name goes under ``name:filename``)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    try:
        message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    except Exception:  # the parser's errors are not documented: refuse them all
        raise _not_text() from None
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        return {}
    fields: dict[str, str] = {}
    for n, part in enumerate(message.iter_parts()):
        if n >= MAX_PARTS:
            break
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name or name in fields:
            continue
        raw = part.get_payload(decode=True)
        if not isinstance(raw, bytes):
            continue
        filename = part.get_filename()
        if filename is not None:
            fields[name[:100]] = file_text(raw)
            fields[f"{name[:100]}:filename"] = filename[:200]
        else:
            fields[name[:100]] = raw.decode("utf-8", "replace")[:MAX_TEXT_FIELD]
    return fields

"""Reading PDFs back as a person's tools would: text with pdftotext, QR with zbarimg."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """pdftotext may split a line into words; compare without any whitespace."""
    return re.sub(r"\s+", "", text)


def decode_qr(path: Path, tmp_path: Path) -> list[str]:
    """Render page 1 at 200 dpi and decode every QR code on it."""
    prefix = tmp_path / f"{path.stem}_png"
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(path), str(prefix)],
        check=True,
    )
    pngs = sorted(tmp_path.glob(f"{prefix.name}*.png"))
    assert pngs, "pdftoppm wrote no image"
    result = subprocess.run(
        ["zbarimg", "-q", "--raw", str(pngs[0])], capture_output=True, text=True, check=False
    )
    return [line for line in result.stdout.splitlines() if line]

"""A crafted PDF costs no more than an attestation: pages, content and extraction work capped.

The crafted files are built here: small on disk (a few KB), their pages sharing one content
stream of hundreds of thousands of drawing instructions.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from importers.attestation_pdf import MAX_PAGES, pdf_pages
from importers.base import FileRefused


def _pdf(path: Path, pages: int, content: bytes) -> Path:
    """A minimal PDF: ``pages`` pages, all drawing the same Flate-compressed content stream."""
    packed = zlib.compress(content, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources " + font + b" >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_a_normal_page_still_reads(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "ok.pdf", 2, b"BT /F1 12 Tf 72 720 Td (Paye le 05/01/2025) Tj ET")
    assert [text.strip() for text in pdf_pages(pdf) or []] == ["Paye le 05/01/2025"] * 2


def test_a_content_stream_far_larger_than_a_page_is_refused(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "big.pdf", 6, b"BT /F1 12 Tf " + b"(a) Tj " * 500_000 + b"ET")
    assert pdf.stat().st_size < 50_000
    with pytest.raises(FileRefused, match="far more than a payment attestation"):
        pdf_pages(pdf)


def test_many_instructions_across_pages_are_refused(tmp_path: Path) -> None:
    # 60,000 instructions a page fit under the content cap; two pages exceed the work cap.
    pdf = _pdf(tmp_path / "busy.pdf", 6, b"BT /F1 12 Tf " + b"(a) Tj " * 60_000 + b"ET")
    with pytest.raises(FileRefused, match="far more than a payment attestation"):
        pdf_pages(pdf)


def test_more_pages_than_an_attestation_are_refused(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "long.pdf", MAX_PAGES + 1, b"BT /F1 12 Tf (x) Tj ET")
    with pytest.raises(FileRefused, match="far more than a payment attestation"):
        pdf_pages(pdf)
    assert len(pdf_pages(pdf, limit=2) or []) == 2  # detection reads the first pages only

"""Reading PDF documents back in tests: text, fonts not embedded, and glyphs drawn as .notdef (tofu)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import ContentStream


def pdf_text(pdf: bytes) -> str:
    """The text of every page, in reading order."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _fonts(reader: PdfReader) -> dict[str, object]:
    """Every font the pages use, by its base name."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def unembedded_fonts(pdf: bytes) -> list[str]:
    """The fonts the PDF uses without carrying their glyphs (the reader's own fonts would stand in)."""
    missing = []
    for name, font in _fonts(PdfReader(io.BytesIO(pdf))).items():
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described["/FontDescriptor"].get_object()
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.append(name)
    return missing


def notdef_glyphs(pdf: bytes) -> int:
    """How many glyphs are drawn as .notdef: glyph 0 of a two-byte (Identity-H, identity CID-to-glyph) font.

    A character no font has is set in the fallback font's glyph 0, the empty box;
    glyph 0 is .notdef in every TrueType and OpenType font, and subsetting keeps it at 0.
    """
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for page in reader.pages:
        fonts = {name: f.get_object() for name, f in page["/Resources"]["/Font"].items()}
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = fonts[operands[0]]
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                assert current is not None and current["/Encoding"] == "/Identity-H"
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for text in strings:
                    if isinstance(text, (int, float)):
                        continue
                    raw = text.get_original_bytes()
                    count += sum(1 for i in range(0, len(raw) - 1, 2) if raw[i:i + 2] == b"\0\0")
    return count

"""QR codes drawn on the server as inline SVG: no image request, no third-party service, nothing the CSP forbids.

`qrcode` encodes the text; the SVG is drawn here with one path of horizontal runs, which is less than half the
size of qrcode's own SVG (one square per module), and colours are attributes, never `style`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence

import qrcode
from django.utils.safestring import SafeString, mark_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
QUIET_ZONE_MODULES = 4
MODULE_SIZE_MM = 1


def qr_code_svg(text: str, *, label: str) -> SafeString:
    matrix = qr_matrix(text)
    size = len(matrix)
    svg = ElementTree.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "viewBox": f"0 0 {size} {size}",
            "width": f"{size * MODULE_SIZE_MM}mm",
            "height": f"{size * MODULE_SIZE_MM}mm",
            "role": "img",
            "aria-label": label,
            "class": "qr-code",
            "focusable": "false",
        },
    )
    ElementTree.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    ElementTree.SubElement(svg, "path", {"d": path_data(matrix), "fill": "#000000"})
    # Safe: ElementTree writes the markup and escapes the label; the path holds only numbers and letters
    return mark_safe(ElementTree.tostring(svg, encoding="unicode"))  # noqa: S308


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(text)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def path_data(matrix: Sequence[Sequence[bool]]) -> str:
    return "".join(f"M{x},{y}h{length}v1h-{length}z" for y, row in enumerate(matrix) for x, length in dark_runs(row))


def dark_runs(row: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    start = None
    for x, is_dark in enumerate([*row, False]):
        if is_dark and start is None:
            start = x
        elif not is_dark and start is not None:
            yield start, x - start
            start = None

"""A tiny rasteriser of the filled shapes of a PDF page (no poppler on the machine).

It paints, with Pillow, every path the page fills (``f``, ``f*``, ``B``, ``b``, ``re``) in
its fill colour and fill opacity (subpaths combined even-odd), and every stroked path as
1-pixel lines, through the transforms and form XObjects WeasyPrint writes; text and clips
are ignored. Enough to see what colour a chart's areas come out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PIL import Image, ImageChops, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
FILLS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


@dataclass(frozen=True)
class _State:
    ctm: Matrix = IDENTITY
    fill: tuple[float, float, float] = (0, 0, 0)
    stroke: tuple[float, float, float] = (0, 0, 0)
    alpha: float = 1.0


def render_page(path: str, page_number: int = 0, scale: float = 2.0) -> Image.Image:
    """The page's fills as an RGB image (white background), ``scale`` pixels per point."""
    reader = PdfReader(path)
    page = reader.pages[page_number]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    image = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
    device: Matrix = (scale, 0, 0, -scale, 0, height * scale)
    _paint(image, page.get_contents(), page["/Resources"], _State(ctm=device), reader)
    return image


def _paint(image: Image.Image, content, resources, state: _State, reader) -> None:
    stack: list[_State] = []
    subpaths: list[list[tuple[float, float]]] = []
    ops = content.operations if hasattr(content, "operations") else []
    for operands, op in ops:
        if op == b"q":
            stack.append(state)
        elif op == b"Q":
            state = stack.pop() if stack else state
        elif op == b"cm":
            m = tuple(float(v) for v in operands)
            state = replace(state, ctm=_multiply(m, state.ctm))
        elif op == b"rg":
            state = replace(state, fill=tuple(float(v) for v in operands))
        elif op == b"RG":
            state = replace(state, stroke=tuple(float(v) for v in operands))
        elif op == b"g":
            state = replace(state, fill=(float(operands[0]),) * 3)
        elif op == b"gs":
            ext = resources["/ExtGState"][operands[0]].get_object()
            if "/ca" in ext:
                state = replace(state, alpha=float(ext["/ca"]))
        elif op == b"m":
            subpaths.append([_apply(state.ctm, operands[0], operands[1])])
        elif op in (b"l",) and subpaths:
            subpaths[-1].append(_apply(state.ctm, operands[0], operands[1]))
        elif op in (b"c", b"v", b"y") and subpaths:
            subpaths[-1].append(_apply(state.ctm, operands[-2], operands[-1]))
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            subpaths.append([_apply(state.ctm, *corner) for corner in corners])
        elif op in FILLS:
            _fill(image, [p for p in subpaths if len(p) > 2], state)
            subpaths = []
        elif op in (b"S", b"s"):
            colour = tuple(round(255 * v) for v in state.stroke)
            for points in subpaths:
                ImageDraw.Draw(image).line(points + points[:1] * (op == b"s"), fill=colour)
            subpaths = []
        elif op == b"n":
            subpaths = []
        elif op == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                inner = replace(state, ctm=_multiply(matrix, state.ctm))
                _paint(
                    image,
                    ContentStream(xobject, reader),
                    xobject.get("/Resources", resources),
                    inner,
                    reader,
                )


def _apply(m: Matrix, x, y) -> tuple[float, float]:
    x, y = float(x), float(y)
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _fill(image: Image.Image, subpaths, state: _State) -> None:
    if not subpaths:
        return
    colour = tuple(round(255 * v) for v in state.fill)
    inside = Image.new("1", image.size, 0)
    for points in subpaths:  # even-odd: a border's inner subpath cuts a hole
        shape = Image.new("1", image.size, 0)
        ImageDraw.Draw(shape).polygon(points, fill=1)
        inside = ImageChops.logical_xor(inside, shape)
    mask = Image.new("L", image.size, 0)
    mask.paste(round(255 * state.alpha), mask=inside)
    image.paste(Image.new("RGB", image.size, colour), (0, 0), mask)

"""A page image made ready for the recogniser: the red seal taken out, the page straightened.

Why the seal goes first: a county's red seal is stamped over the signature and the date, and its
ring of characters ("广州市增城区…局") would otherwise be read into the body, word by word along the
arc. Red is far from the black of printed text, so the red pixels are turned white before detection;
black strokes under the seal stay black.

Why straighten: a scan is skewed by a degree or so, a photo by more. The recogniser copes, but the
layout reads indentation and line ends from x positions, and at 1° the left margin drifts by a
character over the height of a page. The skew is found from the rows of text (projection profile on
a small copy) and the page rotated back, so every box is upright and comparable.
"""
from __future__ import annotations

WORK_LONG_SIDE = 2339  # a larger image (a phone photo) is scaled to A4 at 200 dpi first (chosen)
VIEW_WIDTH = 1000  # the stored page image a reader sees beside a citation (chosen: legible, ~100 KB)
MAX_SKEW = 8.0  # degrees searched either way (chosen: a hand-held photo of a page)
# A pixel is seal red when red is bright and clearly above green and blue (tuned on the rendered seal:
# the ring, the star and the blurred fringe go; dark strokes under the seal stay).
RED_MIN, RED_MARGIN = 110, 60


def working_size(image):
    """The image scaled down to WORK_LONG_SIDE on its longer side (never up)."""
    from PIL import Image

    scale = WORK_LONG_SIDE / max(image.size)
    if scale >= 1:
        return image
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)


def without_red(image):
    """RGB image with seal-red pixels made white."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    red = (r >= RED_MIN) & (r - g >= RED_MARGIN) & (r - b >= RED_MARGIN)
    pixels[red] = 255
    return Image.fromarray(pixels.astype(np.uint8))


def skew_angle(gray) -> float:
    """Degrees to rotate the page by (PIL's sense) so its text rows are level: the angle whose
    row sums of ink vary most (rows of text and the gaps between them line up)."""
    import numpy as np
    from PIL import Image

    small = gray.resize((400, max(1, round(400 * gray.height / gray.width))), Image.BILINEAR)
    ink = Image.fromarray(((np.asarray(small) < 160) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.BILINEAR)).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness))


def prepare(image):
    """(BGR array for the recogniser, straightened RGB page with its seal for a reader to see)."""
    import numpy as np
    from PIL import Image

    page = working_size(image.convert("RGB"))
    gray = without_red(page).convert("L")
    angle = skew_angle(gray)
    if abs(angle) >= 0.1:
        gray = gray.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        page = page.rotate(angle, resample=Image.BICUBIC, fillcolor="white")
    return np.ascontiguousarray(np.stack([np.asarray(gray)] * 3, axis=-1)), page


def view_image(page) -> bytes:
    """The page as a small JPEG for the viewer."""
    import io

    scale = min(1.0, VIEW_WIDTH / page.width)
    small = page.resize((round(page.width * scale), round(page.height * scale))) if scale < 1 else page
    out = io.BytesIO()
    small.save(out, "JPEG", quality=60, optimize=True)
    return out.getvalue()

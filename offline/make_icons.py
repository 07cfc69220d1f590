"""Draw the home-screen icons: `python -m offline.make_icons` writes static/img/app-*.

One drawing, written twice from the same numbers: as SVG (the source kept in the
repository and used as the favicon) and as PNGs through Pillow, because phones want
bitmaps in the manifest. The pulse line is the journal's mark: a spasm on a calm line.
The maskable versions keep the mark inside the central 80 % "safe zone", since a phone
may cut the icon to a circle or a squircle.
"""

from pathlib import Path

from PIL import Image, ImageDraw

IMG = Path(__file__).resolve().parents[1] / "static" / "img"
BRAND = "#0b4f8a"  # --brand in static/css/app.css
WHITE = "#ffffff"
# The pulse, on a 32×32 grid.
PULSE = [(7, 17), (12, 17), (14, 11), (18, 23), (20, 17), (25, 17)]
STROKE = 2.5


def svg(*, maskable: bool) -> str:
    scale, shift = (0.7, 4.8) if maskable else (1, 0)
    points = " ".join(f"{x * scale + shift:g},{y * scale + shift:g}" for x, y in PULSE)
    corner = "" if maskable else ' rx="6"'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32"{corner} fill="{BRAND}"/>'
        f'<polyline points="{points}" fill="none" stroke="{WHITE}" '
        f'stroke-width="{STROKE * scale:g}" stroke-linecap="round" stroke-linejoin="round"/>'
        "</svg>\n"
    )


def png(size: int, *, maskable: bool) -> Image.Image:
    # Draw four times larger and shrink: Pillow's lines have no anti-aliasing.
    big = size * 4
    unit = big / 32
    scale, shift = (0.7, 4.8) if maskable else (1, 0)
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = 0 if maskable else round(6 * unit)
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=radius, fill=BRAND)
    points = [((x * scale + shift) * unit, (y * scale + shift) * unit) for x, y in PULSE]
    width = round(STROKE * scale * unit)
    draw.line(points, fill=WHITE, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round caps
        draw.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    (IMG / "icon.svg").write_text(svg(maskable=False))
    (IMG / "app-maskable.svg").write_text(svg(maskable=True))
    for size in (192, 512):
        png(size, maskable=False).save(IMG / f"app-{size}.png", optimize=True)
        png(size, maskable=True).save(IMG / f"app-maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()

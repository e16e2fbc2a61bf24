"""Headless Chromium for the tests and for docs/make_pictures.py: the same code makes both.

Stdlib only: the screenshot is read back with zlib and struct (no Pillow) to
prove that it is not blank.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    browser = chromium()
    assert browser is not None, "no Chromium: install Debian's chromium (see .ci/run)"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def dump_dom(path: Path) -> str:
    """The page's DOM after the browser parsed it (and ran scripts, were there any)."""
    result = _run("--dump-dom", path.resolve().as_uri())
    assert result.returncode == 0, result.stderr
    return result.stdout


def screenshot(path: Path, png: Path, width: int = 1200, height: int = 2000) -> None:
    png.unlink(missing_ok=True)
    result = _run(f"--screenshot={png.resolve()}", f"--window-size={width},{height}", path.resolve().as_uri())
    assert png.exists(), result.stderr


def png_pixels(png: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGB or RGBA PNG, unfiltered (as Chromium writes them)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                near = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + near) & 0xFF
        rows.append(bytes(pixel for j in range(0, stride, channels) for pixel in line[j : j + 3]))
        previous = line
    return width, height, rows


def colours(png: Path, step: int = 4) -> tuple[int, float]:
    """Distinct colours among sampled pixels, and the share of sampled pixels that are not white."""
    _, _, rows = png_pixels(png)
    seen: set[bytes] = set()
    inked = total = 0
    for row in rows[::step]:
        for x in range(0, len(row), 3 * step):
            pixel = row[x : x + 3]
            seen.add(pixel)
            total += 1
            inked += pixel != b"\xff\xff\xff"
    return len(seen), inked / max(total, 1)


_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>body {{ margin: 0; }}
iframe {{ border: 0; width: {width}px; height: {height}px; display: block; }}</style></head><body>
<iframe id="page" src="page.html"></iframe>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {{
  const root = frame.contentDocument.documentElement;
  const past = [];  // tables, lists and paragraphs wider than their section (the chart and .wide scroll)
  for (const section of frame.contentDocument.querySelectorAll("main > section")) {{
    const edge = section.getBoundingClientRect().right;
    for (const el of section.querySelectorAll("table, ol, p, details")) {{
      const box = el.closest(".wide");  // a wide table may scroll in its own box, if the box scrolls
      const scrolls = box && box.ownerDocument.defaultView.getComputedStyle(box).overflowX !== "visible";
      if ((scrolls ? box : el).getBoundingClientRect().right > edge + 0.5) past.push(section.id);
    }}
  }}
  document.title = "W=" + root.scrollWidth + " V=" + root.clientWidth + " P=" + [...new Set(past)].join(",");
}});
</script></body></html>
"""


def _framed(path: Path, folder: Path, width: int, height: int) -> Path:
    """The page in an iframe `width` pixels wide, as a phone would lay it out: headless Chromium
    will not make a window narrower than 500 pixels, but a frame is a viewport of any width. The
    page's CSP (no scripts) is taken out of the copy; the measuring script is the frame's."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", text, count=1)
    (folder / "page.html").write_text(text, encoding="utf-8")
    frame = folder / "frame.html"
    frame.write_text(_FRAME.format(width=width, height=height), encoding="utf-8")
    return frame


def document_width(path: Path, width: int, height: int = 900) -> tuple[int, int]:
    """The page's document width and its viewport's, in CSS pixels, in a `width`-pixel viewport:
    equal when nothing makes the reader scroll sideways."""
    document, viewport, _ = _measured(path, width, height)
    return document, viewport


def wider_than_their_section(path: Path, width: int, height: int = 900) -> list[str]:
    """The ids of the sections in which a table, list or paragraph is wider than the section, in a
    `width`-pixel viewport (it sticks out into the margin, though the page may not scroll)."""
    return _measured(path, width, height)[2]


def _measured(path: Path, width: int, height: int) -> tuple[int, int, list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        frame = _framed(path, Path(folder), width, height)
        result = _run(
            "--allow-file-access-from-files",
            f"--window-size={max(width, 500) + 20},{height}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            frame.resolve().as_uri(),
        )
    assert result.returncode == 0, result.stderr
    found = re.search(r"<title>W=(\d+) V=(\d+) P=([\w,-]*)</title>", result.stdout)
    assert found is not None, result.stdout[:500]
    return int(found.group(1)), int(found.group(2)), [p for p in found.group(3).split(",") if p]


def framed_screenshot(path: Path, png: Path, width: int, height: int) -> None:
    """A screenshot of the page laid out `width` pixels wide (a phone's), in a frame at the left."""
    with tempfile.TemporaryDirectory() as folder:
        frame = _framed(path, Path(folder), width, height)
        png.unlink(missing_ok=True)
        result = _run(
            "--allow-file-access-from-files",
            f"--screenshot={png.resolve()}",
            f"--window-size={max(width, 500)},{height}",
            "--virtual-time-budget=5000",
            frame.resolve().as_uri(),
        )
    assert png.exists(), result.stderr

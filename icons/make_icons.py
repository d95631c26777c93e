#!/usr/bin/env python3
"""Draws the HELP DESK app icon (a rounded blue square with a white ticket and
a yellow clock dot) and writes the PNG/ICO sizes Tauri needs. Pure Python
(zlib + struct): no Pillow, no ImageMagick. Run: python3 icons/make_icons.py"""
import os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def pixel(x, y, n):
    """RGBA of the pixel centred at (x+.5, y+.5) in an n×n icon, 4× supersampled."""
    acc = [0, 0, 0, 0]
    for sy in range(4):
        for sx in range(4):
            u = (x + (sx + 0.5) / 4) / n
            v = (y + (sy + 0.5) / 4) / n
            c = shade(u, v)
            if c is None:
                continue
            for i in range(4):
                acc[i] += c[i]
    return tuple(int(a / 16) for a in acc)


def in_round_rect(u, v, x0, y0, x1, y1, r):
    if not (x0 <= u <= x1 and y0 <= v <= y1):
        return False
    cx = min(max(u, x0 + r), x1 - r)
    cy = min(max(v, y0 + r), y1 - r)
    return (u - cx) ** 2 + (v - cy) ** 2 <= r * r


def shade(u, v):
    if not in_round_rect(u, v, 0.04, 0.04, 0.96, 0.96, 0.2):
        return None
    # background: Ukrainian blue, a little lighter at the top
    t = v
    bg = (int(0 + 20 * (1 - t)), int(87 + 30 * (1 - t)), int(183 + 20 * (1 - t)), 255)
    # clock (yellow) top right
    du, dv = u - 0.70, v - 0.32
    d2 = du * du + dv * dv
    if d2 <= 0.17 ** 2:
        if d2 >= 0.135 ** 2:
            return (255, 215, 0, 255)
        # hands
        if abs(du) <= 0.018 and -0.10 <= dv <= 0.0:
            return (0, 87, 183, 255)
        if abs(dv) <= 0.018 and 0.0 <= du <= 0.08:
            return (0, 87, 183, 255)
        return (255, 255, 255, 255)
    # ticket (white) lower left with lines
    if in_round_rect(u, v, 0.16, 0.42, 0.66, 0.84, 0.05):
        for ly in (0.54, 0.63, 0.72):
            if ly - 0.022 <= v <= ly + 0.022 and 0.24 <= u <= (0.58 if ly != 0.72 else 0.46):
                return (0, 87, 183, 255)
        return (255, 255, 255, 255)
    return bg


def png(n):
    rows = []
    for y in range(n):
        row = bytearray([0])
        for x in range(n):
            row.extend(pixel(x, y, n))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(images):
    """An ICO holding PNG images (Vista+ format), images: [(size, png bytes)]."""
    head = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        b = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", b, b, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return head + entries + blobs


def main():
    cache = {}
    def get(n):
        if n not in cache:
            cache[n] = png(n)
        return cache[n]
    for name, n in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(get(n))
    with open(os.path.join(HERE, "icon.ico"), "wb") as f:
        f.write(ico([(16, get(16)), (32, get(32)), (48, get(48)), (256, get(256))]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""pixcmp.py DIR_A DIR_B: the PNG files of DIR_A and the same names in DIR_B
decoded with zlib alone (every chunk's CRC, the zlib stream's Adler-32 and
end checked) and unfiltered; exits 1 unless every pair has equal pixels.
For 8-bit RGB, non-interlaced PNGs (tcmap's frames)."""
import os
import struct
import sys
import zlib

def decode(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4])
        typ = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(typ + body) == crc, (path, typ)
        if typ == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif typ == b'IDAT':
            idat += body
        pos += 12 + n
        if typ == b'IEND':
            break
    assert pos == len(data), path
    w, h, depth, colour, _, _, interlace = ihdr
    assert depth == 8 and colour == 2 and interlace == 0, (path, ihdr)
    d = zlib.decompressobj()
    raw = d.decompress(idat)
    assert d.eof and not d.unused_data, path   # Adler-32 checked by zlib
    bpp, rl = 3, 1 + 3 * w
    assert len(raw) == h * rl, path
    out, prev = bytearray(), bytearray(3 * w)
    for y in range(h):
        f, row = raw[y * rl], bytearray(raw[y * rl + 1:(y + 1) * rl])
        for x in range(len(row)):
            a = row[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: row[x] = (row[x] + a) & 255
            elif f == 2: row[x] = (row[x] + b) & 255
            elif f == 3: row[x] = (row[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            else: assert f == 0
        out += row; prev = row
    return w, h, bytes(out)

def main():
    a, b = sys.argv[1], sys.argv[2]
    names = sorted(os.listdir(a))
    bad = 0
    for n in names:
        if decode(os.path.join(a, n)) != decode(os.path.join(b, n)):
            print('differ:', n); bad += 1
    print(len(names), 'pairs,', bad, 'differ')
    sys.exit(1 if bad else 0)

main()

#!/usr/bin/python3
"""Checks a style's party colours under simulated colour-vision deficiency.

Usage: styles/check_palette.py styles/default.ini

Each [party.ID] fill (and the no-data grey) is converted to linear RGB,
multiplied by the Machado, Oliveira & Fernandes (2009) matrix for full
protanopia, deuteranopia or tritanopia ("A Physiologically-based Model for
Simulation of Color Vision Deficiency", IEEE TVCG 15(6), table of severity
1.0), converted back, and compared pair by pair with the CIEDE2000 colour
difference. It also prints the greyscale lightness (CIE L*) of each fill,
which is what a black-and-white print keeps. Prints the smallest distance
per condition and exits 1 when one is below 10 (clearly distinguishable
swatches) -- a check to run after editing a palette.
"""
import configparser
import itertools
import math
import sys

import numpy as np

MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868],
                   [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968],
                     [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779],
                   [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def to_linear(c):
    c = np.asarray(c) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_lab(lin):
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                  [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(lin, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1, lab2):
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    C1, C2 = math.hypot(a1, b1), math.hypot(a2, b2)
    Cm = (C1 + C2) / 2
    G = 0.5 * (1 - math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)))
    a1p, a2p = (1 + G) * a1, (1 + G) * a2
    C1p, C2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dLp, dCp = L2 - L1, C2p - C1p
    dh = h2p - h1p
    if C1p * C2p == 0:
        dh = 0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dHp = 2 * math.sqrt(C1p * C2p) * math.sin(math.radians(dh / 2))
    Lm, Cmp = (L1 + L2) / 2, (C1p + C2p) / 2
    hs = h1p + h2p
    if C1p * C2p == 0:
        hm = hs
    elif abs(h1p - h2p) <= 180:
        hm = hs / 2
    else:
        hm = (hs + 360) / 2 if hs < 360 else (hs - 360) / 2
    T = (1 - 0.17 * math.cos(math.radians(hm - 30)) +
         0.24 * math.cos(math.radians(2 * hm)) +
         0.32 * math.cos(math.radians(3 * hm + 6)) -
         0.20 * math.cos(math.radians(4 * hm - 63)))
    dtheta = 30 * math.exp(-(((hm - 275) / 25) ** 2))
    Rc = 2 * math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7))
    Sl = 1 + 0.015 * (Lm - 50) ** 2 / math.sqrt(20 + (Lm - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cmp, 1 + 0.015 * Cmp * T
    Rt = -math.sin(math.radians(2 * dtheta)) * Rc
    return math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 +
                     Rt * (dCp / Sc) * (dHp / Sh))


def main(path):
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(path, encoding="utf-8")
    colours = {}
    for g in ini.sections():
        if g.startswith("party.") and "fill" in ini[g]:
            colours[g[6:]] = ini[g]["fill"].strip()
    colours["nodata"] = ini["map"].get("nodata", "#d0d0d0").strip()
    rgb = {k: [int(v[i:i + 2], 16) for i in (1, 3, 5)]
           for k, v in colours.items()}
    worst_all = 100.0
    print(f"{path}: L* (greyscale lightness): " +
          ", ".join(f"{k} {to_lab(to_linear(c))[0]:.0f}"
                    for k, c in rgb.items()))
    for name, mat in [("normal", np.eye(3))] + list(MACHADO.items()):
        labs = {k: to_lab(np.asarray(mat) @ to_linear(c))
                for k, c in rgb.items()}
        pairs = [(a, b, ciede2000(labs[a], labs[b]))
                 for a, b in itertools.combinations(labs, 2)]
        a, b, d = min(pairs, key=lambda p: p[2])
        worst_all = min(worst_all, d)
        print(f"  {name:13s} " +
              "  ".join(f"{x}-{y} {dd:.1f}" for x, y, dd in pairs) +
              f"   (smallest: {a}-{b} {d:.1f})")
    return 0 if worst_all >= 10 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "styles/default.ini"))

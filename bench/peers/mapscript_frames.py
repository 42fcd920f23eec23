#!/usr/bin/python3
"""mapscript_frames.py - MapServer's MapScript drawing every date in one
process: the mapfile is loaded once, and per date only the class
expressions (which areas each party holds) change.

usage: mapscript_frames.py PREPARED OUTDIR DATE...
"""
import csv, os, sys

import mapscript

prep, out, dates = sys.argv[1], sys.argv[2], sys.argv[3:]
COLORS = {'AZ': (75, 147, 207), 'NK': (234, 165, 58), 'AM': (201, 130, 78)}
os.makedirs(out, exist_ok=True)
m = mapscript.mapObj(prep + '/base.map')
layer = m.getLayerByName('areas')
while layer.numclasses > 1:  # keep only the no-data class, as the last
    layer.removeClass(0)
classes = {}
for i, (party, rgb) in enumerate(sorted(COLORS.items())):
    c = mapscript.classObj()
    c.name = party
    s = mapscript.styleObj()
    s.color.setRGB(*rgb)
    s.outlinecolor.setRGB(255, 255, 255)
    s.width = 0.8
    c.insertStyle(s)
    layer.insertClass(c, i)
    classes[party] = layer.getClass(i)
for n, d in enumerate(dates):
    held = {p: [] for p in COLORS}
    with open('%s/state/%s.csv' % (prep, d)) as f:
        for r in csv.DictReader(f):
            if r['party'] in held:
                held[r['party']].append(r['area'])
    for p, c in classes.items():
        c.setExpression('("[id]" IN "%s")' % ','.join(held[p] or ['-']))
    m.draw().save('%s/%05d.png' % (out, n))

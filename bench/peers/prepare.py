#!/usr/bin/python3
"""prepare.py - inputs for the peers, built once before any timing: the
control state per date (from `tcmap stats --by area`, so every program draws
the same history), MapServer mapfiles, one GMT file per area, and the map
extent in UTM 38N fitted to 1600x1200 as tcmap fits it.

usage: prepare.py TCMAP GEODATA OUT DATE...
"""
import csv, io, os, subprocess, sys

from pyproj import Transformer

tcmap, geodata, out, dates = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
W, H = 1600, 1200
COLORS = {'AZ': '#4b93cf', 'NK': '#eaa53a', 'AM': '#c9824e'}
NODATA = '#d4d4d4'
LINES = {'border': ('#5a5a5a', 1.4), 'nkao_1991': ('#2b2b2b', 1.8),
         'ceasefire_1994': ('#8e1b5e', 2.2)}
os.makedirs(out + '/state', exist_ok=True)
os.makedirs(out + '/map', exist_ok=True)
os.makedirs(out + '/gmt', exist_ok=True)

# The style's extent (lon/lat), projected, padded to the frame's aspect.
t = Transformer.from_crs(4326, 32638, always_xy=True)
pts = [t.transform(lon, lat) for lon in (45.25, 47.55) for lat in (38.78, 40.58)]
x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
if w / h < W / H:
    w = h * W / H
else:
    h = w * H / W
ext = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
with open(out + '/extent.txt', 'w') as f:
    f.write('%.1f %.1f %.1f %.1f\n' % ext)

states = {}
for d in dates:
    text = subprocess.run([tcmap, 'stats', '--date', d, '--by', 'area'],
                          check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    states[d] = {r['area']: r['party'] for r in rows}
    with open('%s/state/%s.csv' % (out, d), 'w') as f:
        f.write('area,party\n')
        for r in rows:
            f.write('%s,%s\n' % (r['area'], r['party']))

def hexrgb(c):
    return '%d %d %d' % (int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16))

def mapfile(state):
    by = {}
    for a, p in (state or {}).items():
        if p:
            by.setdefault(p, []).append(a)
    classes = ''
    for p, areas in sorted(by.items()):
        classes += '''    CLASS
      NAME "%s"
      EXPRESSION ("[id]" IN "%s")
      STYLE COLOR %s OUTLINECOLOR 255 255 255 WIDTH 0.8 END
    END
''' % (p, ','.join(areas), hexrgb(COLORS.get(p, NODATA)))
    classes += '''    CLASS
      NAME "nodata"
      STYLE COLOR %s OUTLINECOLOR 255 255 255 WIDTH 0.8 END
    END
''' % hexrgb(NODATA)
    lines = ''.join('''    CLASS
      EXPRESSION ("[kind]" = "%s")
      STYLE COLOR %s WIDTH %s END
    END
''' % (k, hexrgb(c), wd) for k, (c, wd) in LINES.items())
    geo = os.path.abspath(geodata)
    return '''MAP
  NAME "karabakh"
  SIZE %d %d
  EXTENT %.1f %.1f %.1f %.1f
  UNITS METERS
  IMAGECOLOR 215 227 236
  FONTSET "%s/fonts.txt"
  PROJECTION "init=epsg:32638" END
  OUTPUTFORMAT
    NAME "png" DRIVER AGG/PNG MIMETYPE "image/png" IMAGEMODE RGB EXTENSION "png"
  END
  LAYER
    NAME "land" TYPE POLYGON STATUS ON DATA "%s/land.shp"
    PROJECTION "init=epsg:4326" END
    CLASS STYLE COLOR 243 241 236 OUTLINECOLOR 169 163 154 END END
  END
  LAYER
    NAME "areas" TYPE POLYGON STATUS ON DATA "%s/areas.shp"
    PROJECTION "init=epsg:4326" END
%s  END
  LAYER
    NAME "lines" TYPE LINE STATUS ON DATA "%s/lines.shp"
    PROJECTION "init=epsg:4326" END
%s  END
  LAYER
    NAME "towns" TYPE POINT STATUS ON DATA "%s/towns.shp"
    PROJECTION "init=epsg:4326" END
    LABELITEM "name_en"
    FILTER ([rank] <= 2)
    CLASS
      STYLE SYMBOL "circle" SIZE 8 COLOR 255 255 255 OUTLINECOLOR 34 34 34 END
      LABEL
        FONT "dejavu" TYPE TRUETYPE SIZE 10 COLOR 27 27 27
        OUTLINECOLOR 255 255 255 OUTLINEWIDTH 2 POSITION CR OFFSET 6 0
      END
    END
  END
  SYMBOL NAME "circle" TYPE ELLIPSE FILLED TRUE POINTS 1 1 END END
END
''' % (W, H, *ext, os.path.abspath(out), geo, geo, classes, geo, lines, geo)

with open(out + '/fonts.txt', 'w') as f:
    f.write('dejavu /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf\n')
for d in dates:
    with open('%s/map/%s.map' % (out, d), 'w') as f:
        f.write(mapfile(states[d]))
with open(out + '/base.map', 'w') as f:
    f.write(mapfile(None))

# GMT: one projected multi-polygon file per area, selected per date.
ids = subprocess.run(['ogrinfo', '-q', '-sql', 'SELECT id FROM areas',
                      geodata + '/areas.shp'], check=True, capture_output=True,
                     text=True).stdout
ids = sorted({l.split('=', 1)[1].strip() for l in ids.splitlines()
              if l.strip().startswith('id (String)')})
for a in ids:
    subprocess.run(['ogr2ogr', '-f', 'OGR_GMT', '-t_srs', 'EPSG:32638',
                    '-where', "id='%s'" % a, '%s/gmt/%s.gmt' % (out, a),
                    geodata + '/areas.shp'], check=True)
for name in ('land', 'lines'):
    subprocess.run(['ogr2ogr', '-f', 'OGR_GMT', '-t_srs', 'EPSG:32638',
                    '%s/gmt/_%s.gmt' % (out, name), '%s/%s.shp' % (geodata, name)],
                   check=True)
# Plain multi-segment copies (GMT takes one OGR table per call, so a date's
# areas are concatenated); holes are dropped, a simplification in GMT's
# favour.
os.makedirs(out + '/gmt/plain', exist_ok=True)
for name in os.listdir(out + '/gmt'):
    if name.endswith('.gmt'):
        with open('%s/gmt/%s' % (out, name)) as f, \
                open('%s/gmt/plain/%s' % (out, name), 'w') as g:
            g.writelines(l for l in f if not l.startswith('#'))
subprocess.run(['ogr2ogr', '-f', 'CSV', '-t_srs', 'EPSG:32638', '-where',
                'rank <= 2', '-lco', 'GEOMETRY=AS_XY', '-select', 'name_en',
                out + '/gmt/_towns.csv', geodata + '/towns.shp'], check=True)

#!/usr/bin/python3
"""geopandas_frames.py - the scripting baseline: geopandas reads and
projects the layers once, matplotlib draws each date in one process.

usage: geopandas_frames.py GEODATA PREPARED OUTDIR DATE...
"""
import os, sys

import matplotlib
matplotlib.use('Agg')
import geopandas as gpd
import matplotlib.pyplot as plt
import pandas as pd

geodata, prep, out, dates = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
COLORS = {'AZ': '#4b93cf', 'NK': '#eaa53a', 'AM': '#c9824e'}
LINES = {'border': ('#5a5a5a', 1.0), 'nkao_1991': ('#2b2b2b', 1.3),
         'ceasefire_1994': ('#8e1b5e', 1.6)}
os.makedirs(out, exist_ok=True)
x0, y0, x1, y1 = map(float, open(prep + '/extent.txt').read().split())
crs = 'EPSG:32638'
areas = gpd.read_file(geodata + '/areas.shp').to_crs(crs)
land = gpd.read_file(geodata + '/land.shp').to_crs(crs)
lines = gpd.read_file(geodata + '/lines.shp').to_crs(crs)
towns = gpd.read_file(geodata + '/towns.shp').to_crs(crs)
towns = towns[towns['rank'] <= 2]
for n, d in enumerate(dates):
    state = pd.read_csv('%s/state/%s.csv' % (prep, d), keep_default_na=False)
    party = dict(zip(state['area'], state['party']))
    fills = [COLORS.get(party.get(a, ''), '#d4d4d4') for a in areas['id']]
    fig = plt.figure(figsize=(16, 12), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_facecolor('#d7e3ec')
    land.plot(ax=ax, color='#f3f1ec', edgecolor='#a9a39a', linewidth=0.8)
    areas.plot(ax=ax, color=fills, edgecolor='white', linewidth=0.6)
    for kind, (c, w) in LINES.items():
        sel = lines[lines['kind'] == kind]
        if len(sel):
            sel.plot(ax=ax, color=c, linewidth=w)
    towns.plot(ax=ax, color='white', edgecolor='#222222', markersize=30)
    for _, t in towns.iterrows():
        ax.annotate(t['name_en'], (t.geometry.x, t.geometry.y),
                    xytext=(6, 0), textcoords='offset points', fontsize=10,
                    va='center', family='DejaVu Sans')
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_axis_off()
    ax.set_title(d)
    fig.savefig('%s/%05d.png' % (out, n), dpi=100)
    plt.close(fig)

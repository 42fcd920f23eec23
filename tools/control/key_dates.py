#!/usr/bin/env python3
"""Prints the key-date table of geodata/control/README.md from the map itself:
who held each control area's ground on each key date, by share of the
area's km² (tcmap stats --by area), so the README cannot drift from the
table and the gazetteer.

    key_dates.py TCMAP              print the table
    key_dates.py TCMAP README.md    exit 1 unless README.md holds it

The table stands between the README's lines <!-- key-dates --> and
<!-- /key-dates -->."""
import collections, csv, io, subprocess, sys

DATES = ['1991-12-31', '1993-09-01', '1994-05-12', '2020-10-20',
         '2020-11-10', '2020-12-02', '2023-09-21', '2024-01-02']
SHORT = {'contested': 'c', 'disputed': 'd', 'ceasefire': 'cf'}
BEGIN, END = '<!-- key-dates -->', '<!-- /key-dates -->'


def held(tcmap, date):
    out = subprocess.run([tcmap, 'stats', '--by', 'area', '--scope', 'all',
                          '--date', date], capture_output=True, text=True,
                         check=True).stdout
    ground = collections.defaultdict(collections.Counter)
    for r in csv.DictReader(io.StringIO(out)):
        if r['area'].startswith(('az_', 'am_')):
            continue
        who = r['party'] + (' ' + SHORT[r['status']]
                            if r['status'] in SHORT else '')
        ground[r['area']][who] += float(r['area_km2'])
    return ground


def cell(parts):
    total = sum(parts.values())
    ranked = sorted(parts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    return ' · '.join(f'{who} {round(100 * km2 / total)} %'
                      for who, km2 in ranked)


def table(tcmap):
    by_date = {d: held(tcmap, d) for d in DATES}
    areas = sorted({a for g in by_date.values() for a in g})
    lines = ['| area | ' + ' | '.join(DATES) + ' |',
             '| --- |' + ' --- |' * len(DATES)]
    for a in areas:
        lines.append(f'| {a} | ' +
                     ' | '.join(cell(by_date[d][a]) for d in DATES) + ' |')
    return '\n'.join(lines)


def main():
    text = table(sys.argv[1])
    if len(sys.argv) < 3:
        print(text)
        return 0
    readme = open(sys.argv[2], encoding='utf-8').read()
    try:
        inside = readme.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    except IndexError:
        print(f'{sys.argv[2]}: no {BEGIN} ... {END} block', file=sys.stderr)
        return 1
    if inside != text:
        print(f'{sys.argv[2]}: the key-date table is not what the map shows; '
              f'print it with {sys.argv[0]} TCMAP and paste it in:\n{text}',
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

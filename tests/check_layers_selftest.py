#!/usr/bin/env python3
"""Shows that tests/check_layers.py can fail: copies src/ and
docs/CONTRIBUTING.md to a temporary directory, plants a circle through an
include (geom/ground.c including load/geodata.h, whose module calls
ground), an upward include (core/date.c including draw/pen.h) and an
include of a higher folder's header that has no module (geom/project.c
including a planted load/plain.h), and checks that the check exits 1 and
names each planted file, line and header, but not an allowed include of a
lower folder's header (geom/autocrs.c including core/tcmap_limits.h).
The copy without plants must pass."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Problems the sources still have, by file: remove once they are gone.

def run(top):
    p = subprocess.run([sys.executable, os.path.join(HERE, 'check_layers.py'),
                        top], stdout=subprocess.PIPE, universal_newlines=True)
    return p.returncode, p.stdout.splitlines()


def plant(top, rel, text):
    """Adds `text` after the first #include line of src/REL; returns the
    number of the planted line."""
    path = os.path.join(top, 'src', rel)
    lines = open(path, encoding='utf-8').read().split('\n')
    at = next(i for i, l in enumerate(lines) if l.startswith('#include')) + 1
    lines.insert(at, text)
    open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    return at + 1


def main(top):
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(top, 'src'), os.path.join(tmp, 'src'))
        os.makedirs(os.path.join(tmp, 'docs'))
        shutil.copy(os.path.join(top, 'docs', 'CONTRIBUTING.md'),
                    os.path.join(tmp, 'docs'))
        rc0, clean = run(tmp)
        for line in clean:
            if any(f in line for f in ('geom/ground', 'core/date',
                                       'geom/project', 'geom/autocrs')):
                bad.append(f'unplanted copy reports: {line}')
        for line in clean:
            if not line.startswith('ok: '):
                bad.append(f'unplanted copy fails: {line}')
        if rc0 != 0:
            bad.append(f'unplanted copy: exit {rc0}')
        n1 = plant(tmp, 'geom/ground.c', '#include "load/geodata.h"')
        n2 = plant(tmp, 'core/date.c', '#include "draw/pen.h"')
        open(os.path.join(tmp, 'src', 'load', 'plain.h'), 'w').write(
            '/* plain.h - a header of no module */\n')
        n3 = plant(tmp, 'geom/project.c', '#include "load/plain.h"')
        n4 = plant(tmp, 'geom/autocrs.c', '#include "core/tcmap_limits.h"')
        rc1, planted = run(tmp)
        new = [l for l in planted if l not in clean]
        if rc1 != 1:
            bad.append(f'planted copy: exit {rc1}, not 1')
        want = {
            'circle through geom/ground.c':
                lambda l: l.startswith('circle: ') and 'ground' in l and
                f'src/geom/ground.c:{n1}: includes "load/geodata.h"' in l,
            'ground.c including geodata.h goes up':
                lambda l: l.startswith(
                    f'src/geom/ground.c:{n1}: includes "load/geodata.h": '
                    'ground uses geodata, up'),
            'date.c including draw/pen.h goes up':
                lambda l: l.startswith(
                    f'src/core/date.c:{n2}: includes "draw/pen.h": '
                    'date uses pen, up'),
            'project.c including load/plain.h':
                lambda l: l.startswith(
                    f'src/geom/project.c:{n3}: includes "load/plain.h": '
                    'a header of load/, above geom/'),
        }
        for what, match in want.items():
            if not any(match(l) for l in new):
                bad.append(f'planted copy: nothing says {what}')
        for l in new:
            if f'src/geom/autocrs.c:{n4}' in l:
                bad.append(f'an allowed include is reported: {l}')
        if bad:
            print('\n'.join(planted))
    for b in bad:
        print('FAIL: ' + b)
    if not bad:
        print('ok: the layers check fails on each planted include, and '
              'only on those')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))

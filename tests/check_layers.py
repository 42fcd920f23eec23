#!/usr/bin/env python3
"""Checks that the modules of src/ (and the source files of tools/geodata/)
depend on each other one way: no two use each other, directly or around a
circle, and in src/ every use goes down the layer picture
(docs/CONTRIBUTING.md, "Layers"). A module of src/ is FOLDER/x.c with its
header FOLDER/x.h; it uses module y when it calls a function y.c defines
without `static` (its name followed by '('), or when x.c or x.h has an
`#include "FOLDER/y.h"` line. A header with no .c of its name (such as
core/tcmap_limits.h) belongs to the bottom of its folder: any module of that
folder or above may include it. Prints each problem, naming the file and
line of an include, and exits 1 when there is one."""
import glob
import os
import re
import sys

DEF = re.compile(r'^(?!static)[A-Za-z_][\w \*]*\n([a-z_][a-z0-9_]*)\(', re.M)


def graph(files):
    src, defs = {}, {}
    for f in files:
        text = re.sub(r'/\*.*?\*/', '', open(f, encoding='utf-8').read(),
                      flags=re.S)
        src[f] = text
        for m in DEF.finditer(text):
            defs[m.group(1)] = f
    uses = {f: set() for f in files}
    for f, text in src.items():
        for name in set(re.findall(r'\b([a-z_][a-z0-9_]*)\s*\(', text)):
            if name in defs and defs[name] != f:
                uses[f].add(defs[name])
    return uses


def circles(uses):
    found = set()
    for a in uses:
        for b in uses[a]:
            stack, seen = [(b, [a, b])], set()
            while stack:
                n, path = stack.pop()
                if n == a:
                    found.add(tuple(sorted(set(path))))
                    break
                if n in seen:
                    continue
                seen.add(n)
                stack.extend((m, path + [m]) for m in uses[n])
    return sorted(found)


def picture(top):
    """Row number of each module in the layer picture (0 = top), the
    arrows allowed along a row, and the folder each module is listed
    under (a line whose first word ends in '/' opens a folder)."""
    text = open(os.path.join(top, 'docs', 'CONTRIBUTING.md'),
                encoding='utf-8').read()
    block = text.split('- **Layers.**', 1)[1].split('```', 2)[1]
    rows, arrows, folder = {}, set(), {}
    n, current = 0, None
    for line in block.split('\n'):
        names = line.split('..', 1)[0].split()
        if not names:
            continue
        if names[0].endswith('/'):
            current = names[0].rstrip('/')
            continue
        for i, name in enumerate(names):
            if name == '->':
                arrows.add((names[i - 1], names[i + 1]))
            else:
                rows[name] = n
                folder[name] = current
        n += 1
    return rows, arrows, folder


def modules(top):
    """The library's sources: src/FOLDER/*.c, the program's folder aside."""
    return sorted(f for f in glob.glob(os.path.join(top, 'src', '*', '*.c'))
                  if os.path.basename(os.path.dirname(f)) != 'cli')


INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([a-z]+)/(\w+)\.h"', re.M)


def includes(path):
    """(line, folder, name) of each `#include "folder/name.h"` line."""
    text = open(path, encoding='utf-8').read()
    return [(text.count('\n', 0, m.start()) + 1, m.group(1), m.group(2))
            for m in INCLUDE.finditer(text)]


def module_uses(top, files, calls):
    """For each module name, the modules it uses, each with the evidence
    of its first use: 'calls' or 'src/F/x.c:LINE: includes "G/y.h"'; and
    the includes of headers that belong to no module (folder, evidence)."""
    name = lambda f: os.path.basename(f)[:-2]
    known = {name(f): os.path.basename(os.path.dirname(f)) for f in files}
    uses = {n: {} for n in known}
    leaves = {n: [] for n in known}
    for f in files:
        a = name(f)
        for g in sorted(calls[f]):
            uses[a].setdefault(name(g), f'{a} calls {name(g)}')
        for path in (f, f[:-2] + '.h'):
            if not os.path.exists(path):
                continue
            rel = os.path.relpath(path, top)
            for line, folder, h in includes(path):
                said = f'{rel}:{line}: includes "{folder}/{h}.h"'
                if known.get(h) == folder:
                    if h != a:
                        uses[a].setdefault(h, said)
                else:
                    leaves[a].append((folder, said))
    return uses, leaves


def module_circles(uses):
    """Each circle of modules once, as the list of its modules in order."""
    found = {}
    for a in sorted(uses):
        stack, seen = [(b, [a, b]) for b in sorted(uses[a])], set()
        while stack:
            n, path = stack.pop()
            if n == a:
                key = tuple(sorted(set(path)))
                found.setdefault(key, path[:-1])
                break
            if n in seen:
                continue
            seen.add(n)
            stack.extend((m, path + [m]) for m in sorted(uses[n]))
    return [found[k] for k in sorted(found)]


def against_picture(top):
    rows, arrows, folder = picture(top)
    files = modules(top)
    calls = graph(files)
    uses, leaves = module_uses(top, files, calls)
    name = lambda f: os.path.basename(f)[:-2]
    out = []
    stage = lambda f: os.path.basename(os.path.dirname(f))
    for f in sorted(glob.glob(os.path.join(top, 'src', '*.c'))):
        out.append(f'{os.path.relpath(f, top)}: a module outside the '
                   'stage folders')
    for f in files:
        if name(f) not in rows:
            out.append(f'{name(f)}: not in the layer picture')
        elif folder[name(f)] != stage(f):
            out.append(f'src/{stage(f)}/{name(f)}.c: listed under '
                       f'{folder[name(f)]}/ in the layer picture')
    known = {name(f) for f in files}
    for n in sorted(set(rows) - known):
        out.append(f'{n}: in the layer picture but no src/*/{n}.c (a '
                   'description line must start with dots)')
    # A folder's rank is the row of its first module: a header of no
    # module sits at its folder's bottom, so it may be included from any
    # folder listed at or above its own.
    order = []
    for n in sorted(rows, key=rows.get):
        if folder[n] not in order:
            order.append(folder[n])
    for a in sorted(uses):
        for b, said in sorted(uses[a].items()):
            if a not in rows or b not in rows or (a, b) in arrows:
                continue
            if rows[b] <= rows[a]:
                where = 'along its row' if rows[b] == rows[a] else 'up'
                out.append(f'{said}: {a} uses {b}, {where} in the layer '
                           'picture')
        for f, said in leaves[a]:
            if a in rows and f in order and folder[a] in order and \
                    order.index(f) < order.index(folder[a]):
                out.append(f'{said}: a header of {f}/, above '
                           f'{folder[a]}/ in the layer picture')
    for c in module_circles(uses):
        ring = c + [c[0]]
        out.append('circle: ' + ' -> '.join(ring) + ' (' + '; '.join(
            uses[x][y] for x, y in zip(ring, ring[1:])) + ')')
    return out


def main(top):
    bad = 0
    for problem in against_picture(top):
        print(problem)
        bad = 1
    for files in (sorted(glob.glob(os.path.join(top, 'tools/geodata/*.c'))),):
        for c in circles(graph(files)):
            print('circle: ' + ' '.join(os.path.relpath(f, top) for f in c))
            bad = 1
    if not bad:
        print('ok: calls and includes run one way in src/, down the layer '
              'picture, and calls in tools/geodata/')
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))

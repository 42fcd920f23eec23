#!/usr/bin/env python3
"""Checks that calls between the source files of src/ (and of tools/geodata/)
run one way: no two files use each other's functions, directly or around a
circle (docs/CONTRIBUTING.md, "Layers"). A function is a file's when it is
defined there without `static`; a use is its name followed by '('. Prints
each circle and exits 1 when there is one."""
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


def against_picture(top):
    rows, arrows, folder = picture(top)
    files = modules(top)
    uses = graph(files)
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
    for f in files:
        for g in sorted(uses[f]):
            a, b = name(f), name(g)
            if a not in rows or b not in rows or (a, b) in arrows:
                continue
            if rows[b] <= rows[a]:
                where = 'along its row' if rows[b] == rows[a] else 'up'
                out.append(f'{a} calls {b}: {where} in the layer picture')
    return out


def main(top):
    bad = 0
    for problem in against_picture(top):
        print(problem)
        bad = 1
    for files in (modules(top),
                  sorted(glob.glob(os.path.join(top, 'tools/geodata/*.c')))):
        for c in circles(graph(files)):
            print('circle: ' + ' '.join(os.path.relpath(f, top) for f in c))
            bad = 1
    if not bad:
        print('ok: calls run one way in src/ and tools/geodata/, down the '
              'layer picture')
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))

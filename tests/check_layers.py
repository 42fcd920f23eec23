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


def main(top):
    bad = 0
    for pattern in ('src/*.c', 'tools/geodata/*.c'):
        files = sorted(glob.glob(os.path.join(top, pattern)))
        for c in circles(graph(files)):
            print('circle: ' + ' '.join(os.path.relpath(f, top) for f in c))
            bad = 1
    if not bad:
        print('ok: calls run one way in src/ and tools/geodata/')
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))

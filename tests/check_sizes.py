#!/usr/bin/env python3
"""Checks the size limits of docs/CONTRIBUTING.md: no function of src/ or
tools/ over 150 lines, no source file over 900. A function is counted from
the line that names it to its closing brace; the code's style puts the name
at the start of a line and the braces of a body in column 0, which is what
makes this count exact without a C parser. Prints each breach and exits 1."""
import glob
import os
import re
import sys

MAX_FUNCTION = 150
MAX_FILE = 900
NAME = re.compile(r'^([A-Za-z_]\w*)\(')


def functions(lines):
    """Yields (name, first line, line count) of each function body."""
    name, first = None, None
    for i, line in enumerate(lines):
        m = NAME.match(line)
        if m:
            name, first = m.group(1), i
        elif line.startswith('}') and name is not None:
            yield name, first + 1, i - first + 1
            name = None


def breaches(top):
    files = []
    for pattern in ('src/*.c', 'src/*.h', 'src/*/*.c', 'src/*/*.h',
                    'tools/*.c', 'tools/**/*.c', 'tools/**/*.h'):
        files += glob.glob(os.path.join(top, pattern), recursive=True)
    out = []
    for f in sorted(set(files)):
        lines = open(f, encoding='utf-8').read().split('\n')
        rel = os.path.relpath(f, top)
        if len(lines) - 1 > MAX_FILE:
            out.append(f'{rel}: {len(lines) - 1} lines (at most {MAX_FILE})')
        for name, first, count in functions(lines):
            if count > MAX_FUNCTION:
                out.append(f'{rel}:{first}: {name}() is {count} lines '
                           f'(at most {MAX_FUNCTION})')
    return out, len(files)


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else '.'
    out, n = breaches(top)
    for line in out:
        print(line)
    if n == 0:
        print(f'{top}: no source files found', file=sys.stderr)
        return 1
    return 1 if out else 0


if __name__ == '__main__':
    sys.exit(main())

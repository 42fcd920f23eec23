#!/usr/bin/env python3
"""check_options.py TOP TCMAP LIBRARY: the one option table
(src/cli/options.h) against what is built from it and beside it (issue
#28 item 5). Fails when
- a command's getopt table in src/cli is not built from the table, or a
  command of `tcmap --help` has no table, or a table lists an option twice;
- `tcmap CMD --help` names an option the table lacks, or lacks one the
  table has (a short form such as -o counts for its long option);
- the Python binding (python/tcmap over LIBRARY) lacks the keyword the
  table gives an option, or a CLI-only option gives no reason;
- a command line in README.md, docs/, examples/ or scripts/ gives a
  command an option it does not take.
The man page is checked against --help by check_manpage.py."""
import glob
import inspect
import os
import re
import subprocess
import sys

ROW = re.compile(r'X\(\s*"([a-z][a-z-]*)",\s*(\w+),\s*([^,]+?),\s*'
                 r'((?:"(?:[^"\\]|\\.)*"\s*)+)\)', re.S)
REF = re.compile(r'\bCLI_OPTS_([A-Z]+)\(X\)')


def tables(top):
    """{NAME: [(option, value, python)]} with references expanded."""
    text = open(os.path.join(top, 'src', 'cli', 'options.h'),
                encoding='utf-8').read().replace('\\\n', ' ')
    raw = {}
    for m in re.finditer(r'#define CLI_OPTS_([A-Z]+)\(X\)(.*?)(?=\n|\Z)',
                         text, re.S):
        body, items = m.group(2), []
        for part in re.finditer(ROW.pattern + '|' + REF.pattern, body, re.S):
            if part.group(1):
                py = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"',
                                        part.group(4)))
                items.append(('row', (part.group(1), part.group(3).strip(),
                                      py)))
            else:
                items.append(('ref', part.group(5)))
        raw[m.group(1)] = items

    def expand(name, seen=()):
        out = []
        for kind, v in raw[name]:
            out += expand(v, seen + (name,)) if kind == 'ref' else [v]
        return out
    return {n: expand(n) for n in raw}


def helptext(tcmap, *args):
    r = subprocess.run([tcmap, *args, '--help'], capture_output=True,
                       text=True)
    return r.stdout + r.stderr


def python_has(tcmap_mod, options_mod, target):
    where, kw = target.split(':', 1)
    if where == '@render':
        return kw in options_mod.RENDER_KEYWORDS
    cls, _, method = where.partition('.')
    obj = getattr(tcmap_mod, cls, None)
    fn = getattr(obj, method or '__init__', None) if obj else None
    if fn is None:
        return False
    return kw in inspect.signature(fn).parameters


def documented(top, t, commands):
    """Options the docs give a command that its table lacks."""
    out = []
    files = [os.path.join(top, 'README.md')]
    for pattern in ('docs/*.md', 'docs/*.1', 'examples/*', 'scripts/*',
                    'python/README.md'):
        files += glob.glob(os.path.join(top, pattern))
    cmd_re = re.compile(r'\btcmap (%s)\b([^#|;&`)\n]*)' % '|'.join(commands))
    for f in sorted(files):
        if not os.path.isfile(f):
            continue
        try:
            text = open(f, encoding='utf-8').read()
        except UnicodeDecodeError:
            continue
        text = text.replace('\\-', '-').replace('\\\n', ' ')
        for n, line in enumerate(text.split('\n'), 1):
            for m in cmd_re.finditer(line):
                names = {r[0] for r in t[m.group(1).upper()]}
                for opt in re.findall(r'(?<![\w-])--([a-z][a-z0-9-]*)',
                                      m.group(2)):
                    if opt not in names:
                        out.append(f'{os.path.relpath(f, top)}:{n}: tcmap '
                                   f'{m.group(1)} takes no --{opt}')
    return out


def main(top, tcmap, library):
    problems = []
    t = tables(top)
    commands = re.findall(r'^  ([a-z]+)\s{2,}', helptext(tcmap), re.M)
    for f in sorted(glob.glob(os.path.join(top, 'src', 'cli', 'cmd_*.c'))):
        cmd = os.path.basename(f)[4:-2]
        src = open(f, encoding='utf-8').read()
        arrays = re.findall(r'struct option \w+\[\] = \{\s*([^;]*?)\};', src)
        want = 'CLI_OPTS_%s(CLI_LONGOPT)' % cmd.upper()
        if not arrays or any(not a.startswith(want) for a in arrays):
            problems.append(f'{os.path.relpath(f, top)}: its getopt table is '
                            f'not built from options.h ({want})')
    os.environ['TCMAP_LIBRARY'] = library
    sys.path.insert(0, os.path.join(top, 'python'))
    import tcmap as tcmap_mod
    from tcmap import _options as options_mod
    for cmd in commands:
        rows = t.get(cmd.upper())
        if rows is None:
            problems.append(f'tcmap {cmd}: no CLI_OPTS_{cmd.upper()} in '
                            'src/cli/options.h')
            continue
        names = [r[0] for r in rows]
        for n in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f'tcmap {cmd}: --{n} is in its table twice')
        text = helptext(tcmap, cmd)
        shown = set(re.findall(r'(?<![\w-])--([a-z][a-z0-9-]*[a-z0-9])',
                               text))
        for name, value, py in rows:
            short = re.fullmatch(r"'(.)'", value)
            if name != 'help' and name not in shown and not (
                    short and re.search(r'(?<![\w-])-%s\b' %
                                        re.escape(short.group(1)), text)):
                problems.append(f'tcmap {cmd} --help does not mention '
                                f'--{name}')
            if py.startswith('-'):
                if len(py) < 12:
                    problems.append(f'tcmap {cmd} --{name}: CLI only, with no '
                                    'reason given')
            elif not python_has(tcmap_mod, options_mod, py):
                problems.append(f'tcmap {cmd} --{name}: python/tcmap has no '
                                f'{py}')
        synopsis = set(re.findall(r'(?<![\w-])--([a-z][a-z0-9-]*[a-z0-9])',
                                  text.split('\n\n')[0]))
        for name in sorted(synopsis - set(names)):
            problems.append(f'tcmap {cmd} --help names --{name}, which its '
                            'table (and so its parser) lacks')
    for name in sorted(set(t) - {c.upper() for c in commands}
                       - {'INPUT', 'MAP'}):
        problems.append(f'CLI_OPTS_{name}: no such command in tcmap --help')
    problems += documented(top, t, [c for c in commands if c.upper() in t])
    for p in problems:
        print(p)
    if len(commands) < 8:
        print(f'only {len(commands)} commands in tcmap --help')
        return 1
    if not problems:
        print(f'ok: {len(commands)} commands, '
              f'{sum(len(t[c.upper()]) for c in commands)} options agree '
              'with --help and python/tcmap')
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))

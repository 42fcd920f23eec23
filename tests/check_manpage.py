#!/usr/bin/env python3
"""check_manpage.py TCMAP MANPAGE: every command `tcmap --help` lists and
every long option of each command's `--help` usage is in the man page, so
the page cannot fall behind the program (issue 28 item 7). The usage
lines (up to the first blank line) are the program's own list of its
options; the man page writes a dash as "\\-"."""
import re
import subprocess
import sys

tcmap, manpage = sys.argv[1], sys.argv[2]
page = open(manpage, encoding="utf-8").read().replace("\\-", "-")


def helptext(*args):
    r = subprocess.run([tcmap, *args, "--help"], capture_output=True,
                       text=True)
    return r.stdout + r.stderr


commands = re.findall(r"^  ([a-z]+)\s{2,}", helptext(), flags=re.M)
missing = []
for cmd in commands:
    if not re.search(r"\b%s\b" % cmd, page):
        missing.append(f"command {cmd}")
    usage = helptext(cmd).split("\n\n")[0]
    for opt in sorted(set(re.findall(r"--[a-z][a-z0-9-]*", usage))):
        if opt == "--help":
            continue
        if not re.search(re.escape(opt) + r"(?![a-z0-9-])", page):
            missing.append(f"{cmd} {opt}")
for m in missing:
    print(f"{manpage}: no mention of {m} (see 'tcmap {m.split()[0]} --help')")
if len(commands) < 8:
    print(f"only {len(commands)} commands found in 'tcmap --help'")
    sys.exit(1)
sys.exit(1 if missing else 0)

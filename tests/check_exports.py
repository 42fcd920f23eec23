#!/usr/bin/env python3
"""check_exports.py LIBTCMAP.so HEADER: the shared library exports exactly
the functions include/tcmap.h declares with TCMAP_API, no fewer (a
declared function the library lacks) and no more (an internal helper or a
wrapper leaking out, which a caller could start to depend on), and none
of them takes more than six parameters (docs/api.md: a small struct
instead)."""
import re
import subprocess
import sys

lib, header = sys.argv[1], sys.argv[2]
text = open(header, encoding="utf-8").read()
# The macro's own definition is not a declaration.
text = re.sub(r"^#.*$", "", text, flags=re.M)
declared = set(re.findall(r"TCMAP_API\s+[^;{()]*?\b(\w+)\s*\(", text))
out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                     capture_output=True, text=True).stdout
exported = {f[2] for f in (line.split() for line in out.splitlines())
            if len(f) == 3 and f[1] in "TW"}
missing, extra = sorted(declared - exported), sorted(exported - declared)
long_calls = []
for m in re.finditer(r"TCMAP_API\s+[^;{()]*?\b(\w+)\s*\(([^;]*?)\)\s*"
                     r"(?:TCMAP_DEPRECATED[^;]*)?;", text, flags=re.S):
    params = re.sub(r"\([^()]*\)", "", m.group(2))  # function pointers
    n = 0 if params.strip() in ("", "void") else params.count(",") + 1
    if n > 6:
        long_calls.append(m.group(1))
        print(f"{header}: {m.group(1)} takes {n} parameters (at most 6)")
for name in missing:
    print(f"{header}: {name} is declared but {lib} does not export it")
for name in extra:
    print(f"{lib}: exports {name}, which {header} does not declare")
if missing or extra or long_calls or len(declared) < 50:
    sys.exit(1)
print(f"{len(declared)} functions declared and exported")

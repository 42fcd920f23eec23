"""The build these tests run: its program and its library, never another
build's. $TCMAP_EXE names the program and $TCMAP_LIBRARY the library
(ctest's python_tests and scripts/setup.sh's run_python_tests set both
from one build directory, and $TCMAP_BUILD_DIR to that directory);
without $TCMAP_EXE the program beside $TCMAP_LIBRARY is taken, and with
neither (the installed library) the `tcmap` on PATH. Also the
equal-area projection the geodata is measured in, read from its one
definition (tools/geodata/laea.h)."""
import os
import re
import shutil

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _exe():
    exe = os.environ.get("TCMAP_EXE")
    if exe:
        return os.path.abspath(exe)
    lib = os.environ.get("TCMAP_LIBRARY")
    if lib:
        return os.path.join(os.path.dirname(os.path.abspath(lib)), "tcmap")
    return shutil.which("tcmap") or "tcmap"


def _laea():
    with open(os.path.join(TOP, "tools", "geodata", "laea.h"),
              encoding="utf-8") as f:
        m = re.search(r'#define LAEA_PROJ4\s*\\?\s*"([^"]+)"', f.read())
    if not m:
        raise RuntimeError("tools/geodata/laea.h defines no LAEA_PROJ4")
    return m.group(1)


# The tcmap program of the build under test.
TCMAP_EXE = _exe()
# The build directory the tests were started for, or None.
BUILD_DIR = os.environ.get("TCMAP_BUILD_DIR") or None
# Lambert azimuthal equal-area on the region: areas in m².
LAEA = _laea()


def loaded_library():
    """The path of the libtcmap this process has mapped (after `import
    tcmap`), as the kernel says: what the tests really call."""
    with open("/proc/self/maps", encoding="utf-8") as f:
        for line in f:
            path = line.split(None, 5)[-1].strip()
            if os.path.basename(path).startswith("libtcmap.so"):
                return path
    return None

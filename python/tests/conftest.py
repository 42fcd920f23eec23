"""Runs the tests against the library of a build tree when $TCMAP_LIBRARY
names it (scripts/test does), else against the installed one. The package
is the source tree's, unless $TCMAP_TEST_INSTALLED is set (scripts/test
installs it with the README's line and tests that copy)."""
import atexit
import os
import shutil
import sys
import tempfile

# The library caches the products of geodata it cuts under
# $XDG_CACHE_HOME/tcmap: the tests' own, not the user's (read by GLib once
# per process, so set before the library is loaded).
_CACHE = tempfile.mkdtemp(prefix="tcmap-pytest-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
if os.environ.get("TCMAP_TEST_INSTALLED"):
    import tcmap  # noqa: E402
    if os.path.dirname(os.path.dirname(os.path.abspath(tcmap.__file__))) \
            == SOURCE:
        raise ImportError("TCMAP_TEST_INSTALLED: tcmap was imported from "
                          "the source tree, not the installed package")
else:
    sys.path.insert(0, SOURCE)

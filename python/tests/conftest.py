"""Runs the tests against the library of a build tree when $TCMAP_LIBRARY
names it (scripts/test does), else against the installed one. The package
is the source tree's, unless $TCMAP_TEST_INSTALLED is set (scripts/test
installs it with the README's line and tests that copy)."""
import os
import sys

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

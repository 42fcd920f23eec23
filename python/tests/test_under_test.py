"""The tests run the build they belong to (issue #28, item 7): the
program they start and the library they load are both of the build
directory that started them, so a second build tree is never tested
against the first one's binaries."""
import os

import pytest

import tcmap  # noqa: F401 (maps the library this test looks for)
from under_test import BUILD_DIR, TCMAP_EXE, loaded_library


def under(path, top):
    path, top = os.path.realpath(path), os.path.realpath(top)
    return os.path.commonpath([path, top]) == top


def test_the_program_and_the_library_are_of_the_build_under_test():
    if BUILD_DIR is None:
        pytest.skip("no $TCMAP_BUILD_DIR: the tests were not started for "
                    "a build directory")
    lib = loaded_library()
    assert lib is not None, "no libtcmap.so mapped into this process"
    assert under(lib, BUILD_DIR), (lib, BUILD_DIR)
    assert under(TCMAP_EXE, BUILD_DIR), (TCMAP_EXE, BUILD_DIR)


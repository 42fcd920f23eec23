"""Runs the tests against the library of a build tree when $TCMAP_LIBRARY
names it (scripts/test does), else against the installed one."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

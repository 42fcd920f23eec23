"""The build backend of the tcmap package (PEP 517), in the standard
library alone: the package is two pure-Python files, so a wheel is a zip of
them and its metadata. pip runs it in build isolation without installing
anything first, so `pip install ./python` works where no package index can
be reached (a Debian machine whose only index is Debian's), with the same
line as anywhere else. Editable installs are not offered: point
PYTHONPATH at python/ instead."""
import ast
import base64
import hashlib
import io
import os
import tarfile
import time
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "tcmap"
SUMMARY = ("Territorial-control maps and km² figures from libtcmap, "
           "for notebooks")
REQUIRES_PYTHON = ">=3.9"
EXTRAS = {"pandas": ["pandas"], "geo": ["pandas", "geopandas"]}
PACKAGE_FILES = ["tcmap/__init__.py", "tcmap/_lib.py", "tcmap/_options.py"]
SDIST_FILES = PACKAGE_FILES + ["pyproject.toml", "README.md",
                               "_build/tcmap_build.py"]


def version():
    """tcmap.__version__, read without importing the package (which
    loads the C library)."""
    with open(os.path.join(HERE, "tcmap", "__init__.py"),
              encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                getattr(t, "id", None) == "__version__"
                for t in node.targets):
            return ast.literal_eval(node.value)
    raise RuntimeError("tcmap/__init__.py sets no __version__")


def metadata():
    lines = ["Metadata-Version: 2.1", f"Name: {NAME}",
             f"Version: {version()}", f"Summary: {SUMMARY}",
             f"Requires-Python: {REQUIRES_PYTHON}",
             "License: see the tcmap repository",
             "Classifier: Programming Language :: Python :: 3",
             "Classifier: Operating System :: POSIX :: Linux"]
    for extra, reqs in EXTRAS.items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in reqs]
    lines.append("Description-Content-Type: text/markdown")
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        return "\n".join(lines) + "\n\n" + f.read()


def _digest(data):
    h = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return "sha256=" + h.rstrip(b"=").decode()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None,
                metadata_directory=None):
    ver = version()
    dist_info = f"{NAME}-{ver}.dist-info"
    files = []
    for rel in PACKAGE_FILES:
        with open(os.path.join(HERE, rel), "rb") as f:
            files.append((rel, f.read()))
    files.append((f"{dist_info}/METADATA", metadata().encode("utf-8")))
    files.append((f"{dist_info}/WHEEL",
                  b"Wheel-Version: 1.0\nGenerator: tcmap_build\n"
                  b"Root-Is-Purelib: true\nTag: py3-none-any\n"))
    record = "".join(f"{rel},{_digest(data)},{len(data)}\n"
                     for rel, data in files)
    record += f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode("utf-8")))
    name = f"{NAME}-{ver}-py3-none-any.whl"
    # A fixed date: the same sources give the same wheel.
    stamp = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for rel, data in files:
            info = zipfile.ZipInfo(rel, stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return name


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{version()}"
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as t:
        pkg_info = metadata().encode("utf-8")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size, info.mtime = len(pkg_info), int(time.time())
        t.addfile(info, io.BytesIO(pkg_info))
        for rel in SDIST_FILES:
            t.add(os.path.join(HERE, rel), f"{base}/{rel}")
    return name

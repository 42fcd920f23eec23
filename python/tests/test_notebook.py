"""The example notebook (examples/tcmap.ipynb, issue #24 item 6) runs from
top to bottom on today's library, so it cannot rot: nbclient (Debian's
python3-nbclient, with python3-ipykernel; scripts/setup.sh installs both)
executes every cell in a kernel of this interpreter, which imports the
package under test."""
import json
import os
import sys

import pytest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NOTEBOOK = os.path.join(TOP, "examples", "tcmap.ipynb")


def _nbclient():
    try:
        import nbclient
        import nbformat
        import ipykernel  # noqa: F401  (the kernel nbclient starts)
    except ImportError as e:
        if os.environ.get("TCMAP_TEST_INSTALLED"):
            # scripts/test installs them: never skipped there.
            raise
        pytest.skip(f"nbclient/ipykernel missing: {e}")
    return nbclient, nbformat


def test_the_example_notebook_runs(tmp_path, monkeypatch):
    nbclient, nbformat = _nbclient()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Committed without outputs: a diff shows code, not pictures.
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, \
                "clear the notebook's outputs before committing it"
    # The kernel is this interpreter (a venv's, with the package under
    # test), under a kernel name of its own so that no installed
    # "python3" kernel (Debian's runs /usr/bin/python3) is taken instead;
    # it imports the tcmap these tests import, and inherits TCMAP_LIBRARY.
    import tcmap
    kernels = tmp_path / "jupyter" / "kernels" / "tcmap-test"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f",
                 "{connection_file}"],
        "display_name": "tcmap test", "language": "python",
        "env": {"PYTHONPATH": os.path.dirname(os.path.dirname(
            os.path.abspath(tcmap.__file__)))}}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="tcmap-test",
        resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outs if o.output_type == "error"]
    kinds = {k for o in outs for k in o.get("data", {})}
    # The chart and the map (PNG), the GeoDataFrame (SVG), the tables.
    assert {"image/png", "image/svg+xml", "text/html"} <= kinds
    text = "".join(o.get("text", "") for o in outs)
    assert "km² more on 10 November" in text

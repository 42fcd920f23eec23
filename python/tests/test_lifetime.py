"""Closing a Map or a Snapshot while other threads use it (issue #27,
finding 9): close() waits for the calls in flight, frees the handle after
them, and every later call raises ValueError. Before, the handle was
checked once, without a lock, and then freed under a render in progress
(SIGSEGV, SIGBUS; ASan: heap-use-after-free in draw_lines).

A wrong result here is a crash, so each case runs in a child interpreter
and the test reports how it ended instead of dying with it."""
import gc
import os
import subprocess
import sys
import textwrap
import weakref

import pytest

import tcmap

PKG = os.path.dirname(os.path.dirname(os.path.abspath(tcmap.__file__)))

# The child's common part: a map, a snapshot of it, and a render that enters
# the library only once close() has begun on `target`, so that close() and
# the render overlap on every run, without timing. (A fixed close() marks
# the handle closed before it waits; the old one only after freeing it.)
PRELUDE = """
import sys, threading, time
import tcmap
from tcmap import _lib

m = tcmap.Map()
snap = m.at("2020-11-10")
real_render = _lib.lib.tcmap_snapshot_render_file
log = []
inside = threading.Event()

def wait_closing(obj):
    deadline = time.monotonic() + 10
    while not obj.closed:
        if time.monotonic() > deadline:
            log.append("close never began")
            break
        time.sleep(0.001)
"""


def child(body, timeout=30):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [PKG] + [p for p in [env.get("PYTHONPATH")] if p])
    code = PRELUDE + textwrap.dedent(body)
    try:
        r = subprocess.run([sys.executable, "-c", code], capture_output=True,
                           text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"the child hung (a close that waits for itself?): "
                    f"{e.stdout!r} {e.stderr!r}")
    assert r.returncode == 0, \
        f"the child ended with {r.returncode}: {r.stdout}\n{r.stderr[-3000:]}"
    return r.stdout.splitlines()


@pytest.mark.parametrize("which,closes", [
    ("snap", "snap"),   # a Snapshot closed under its own render
    ("map", "map"),     # Map.render's snapshot, its map closed under it
    ("snap", "map"),    # a Snapshot's map closed under the snapshot's render
])
def test_close_waits_for_a_render_in_flight(which, closes):
    out = child(f"""
        target = {"m" if closes == "map" else "snap"}

        def slow_render(*a):
            inside.set()
            wait_closing(target)
            status = real_render(*a)
            log.append("render returned")
            return status

        _lib.lib.tcmap_snapshot_render_file = slow_render
        got = []

        def draw():
            if "{which}" == "map":
                got.append(m.render("2020-11-10", width=120, height=90))
            else:
                got.append(snap.render(width=120, height=90))

        t = threading.Thread(target=draw)
        t.start()
        inside.wait()
        target.close()
        log.append("close returned")
        t.join()
        _lib.lib.tcmap_snapshot_render_file = real_render
        for obj in (m, snap):
            try:
                obj.render(width=120, height=90) if obj is snap else \\
                    obj.render("2020-11-10", width=120, height=90)
                log.append("a later render worked")
            except ValueError as e:
                log.append("later: " + str(e))
        print("\\n".join(log))
        print("png" if got and got[0][:4] == b"\\x89PNG" else "no png")
        """)
    # The render finished (with a whole PNG) before close() freed anything
    # and returned; then the closed object refuses.
    assert out[:2] == ["render returned", "close returned"], out
    assert out[-1] == "png", out
    later = out[2:4]
    if closes == "map":
        assert later == ["later: operation on a closed tcmap.Map",
                         "later: the tcmap.Map of this snapshot is closed"]
    else:
        assert later == ["a later render worked",
                         "later: operation on a closed tcmap.Snapshot"]


def test_four_threads_rendering_while_the_map_closes():
    # The reproduction: four threads render, the main thread closes
    # once each has finished a render (not after a fixed delay).
    out = child("""
        started = [threading.Event() for _ in range(4)]
        ended = []

        def work(k):
            n = 0
            while True:
                try:
                    if k % 2:
                        snap.render(width=100, height=75)
                    else:
                        m.render("2020-10-20", width=100, height=75)
                except ValueError as e:
                    ended.append(str(e))
                    return
                n += 1
                started[k].set()
                if n > 2000:
                    ended.append("never refused")
                    return

        ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in ts:
            t.start()
        for e in started:
            e.wait()
        m.close()
        for t in ts:
            t.join()
        snap.close()
        print("\\n".join(sorted(ended)))
        """)
    assert len(out) == 4, out
    assert all("closed" in line for line in out), out


def test_close_from_inside_a_call_on_the_same_thread_refuses():
    # Waiting there would wait for itself for ever.
    out = child("""
        def closing_render(*a):
            try:
                snap.close()
            except RuntimeError as e:
                log.append(str(e))
            return real_render(*a)

        _lib.lib.tcmap_snapshot_render_file = closing_render
        png = snap.render(width=100, height=75)
        print("\\n".join(log))
        print(png[:4] == b"\\x89PNG", snap.closed)
        """)
    assert out == ["cannot close a tcmap.Snapshot from inside a call on it",
                   "True False"]


def test_a_snapshot_keeps_its_map_alive_until_both_are_dropped():
    snap = tcmap.Map().at("2020-11-10")
    ref = weakref.ref(snap._owner)
    gc.collect()
    assert ref() is not None
    assert snap.render(width=100, height=75)[:4] == b"\x89PNG"
    del snap
    gc.collect()
    assert ref() is None  # and its __del__ freed it without waiting


def test_close_and_collection_never_wait_once_nothing_runs():
    m = tcmap.Map()
    snaps = [m.at("2020-11-10") for _ in range(3)]
    m.close()
    for s in snaps:
        with pytest.raises(ValueError, match="Map of this snapshot is closed"):
            s.describe()
    del snaps  # a snapshot's __del__ after its map was closed
    gc.collect()
    assert m.closed and "closed" in repr(m)

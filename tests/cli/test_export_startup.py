"""`plan-map export` loads matplotlib without the set() docstrings it writes for every artist class (~0.1 s of
a print): artists still take their properties through set(), in classes defined afterwards too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json
from cli.export import _skip_artist_docstrings

_skip_artist_docstrings()
from matplotlib.lines import Line2D
from matplotlib.text import Text

class Marked(Text):
    pass

line = Line2D([0, 1], [0, 1])
line.set(color="red", linewidth=2)
marked = Marked(0, 0, "a")
marked.set(text="b", fontsize=9)
print(json.dumps([line.get_color(), line.get_linewidth(), marked.get_text(), marked.get_fontsize(),
                  Line2D.set.__doc__]))
"""


def test_artists_take_their_properties_without_the_docstrings():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout) == ["red", 2, "b", 9, None]

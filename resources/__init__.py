"""The program's own data files (web page, schematic geometry, district boundaries, places, translations).

A package only so that `importlib.resources` finds these files in a wheel, a frozen bundle or the source
tree alike; it holds no code."""

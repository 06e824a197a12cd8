"""Build-time tools: not imported by the program at run time."""

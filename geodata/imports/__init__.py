"""Users' own files: reading, CRS choice, cleaning and importing them as map layers, and managing those layers."""

"""Spatial sources: coordinate systems, Chinese datums, district boundaries and the schematic geometry files."""

"""Generators of the schematic geometry in resources/schematic/: run after changing a rule, commit rule and output."""

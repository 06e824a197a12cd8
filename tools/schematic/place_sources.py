"""Fill in the `source` of the place register's entries that have none, from the plan texts that name them.

A curator adds a place to resources/places/not_drawn.json with an empty `source`; this finds the first
passage of the seed plans that names it (by its name or an alias) and writes the document and section, in
the form the schematic features use: 《title》（number）第七章第三节 专栏10 ….

Run: python -m tools.schematic.place_sources [--check]   (--check lists entries no seed plan names)
"""

from __future__ import annotations

import json
import re
import sys

from geodata.build import seed_plan_files
from geodata.place_register import PLACES_DIR
from geodata.plans.parser import parse_plan
from geodata.plans.plan import ParsedPlan, Section
from tools.schematic.places import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004

DOCUMENT_LABELS = {"000": DOC_000, "001": DOC_001, "002": DOC_002, "003": DOC_003, "004": DOC_004}
NUMBERED = re.compile(r"^(第[一二三四五六七八九十百]+[章节])")


def section_label(sections: dict[str, Section], key: str | None) -> str:
    """第七章第三节 专栏10 战略通道… for a passage in that box; 第42条 for a numbered paragraph."""
    chain: list[Section] = []
    while key is not None and key in sections:
        chain.insert(0, sections[key])
        key = sections[key].parent_key
    parts = [s.number for s in chain if s.number and NUMBERED.match(s.number)]
    boxes = [f"{s.number} {s.title}".strip() for s in chain if s.kind == "box"]
    items = [s.number for s in chain if s.number and s.number.isdigit()]
    label = "".join(parts) + (f"第{items[-1]}条" if items and not parts else "")
    if not label and chain:
        label = " ".join(s.number or s.title for s in chain[:2])
    return (label + (" " + boxes[-1] if boxes else "")).strip()


def first_naming(plans: list[tuple[str, ParsedPlan]], names: tuple[str, ...]) -> str | None:
    for prefix, plan in plans:
        sections = {section.key: section for section in plan.sections}
        for passage in plan.passages:
            text = re.sub(r"\s+", "", passage.text)
            if any(name in text for name in names):
                return DOCUMENT_LABELS.get(prefix, plan.document.title) + section_label(sections, passage.section_key)
    return None


def main() -> None:
    check_only = "--check" in sys.argv[1:]
    path = PLACES_DIR / "not_drawn.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    plans = [(file.name[:3], parse_plan(file)) for file in seed_plan_files()]
    unnamed = []
    for entry in entries:
        found = first_naming(plans, (entry["name"], *entry.get("aliases", ())))
        if found is None:
            unnamed.append(entry["name"])
        elif not entry.get("source") and not check_only:
            entry["source"] = found
    if not check_only:
        path.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if unnamed:
        print("named in no seed plan:", "、".join(unnamed))


if __name__ == "__main__":
    main()

"""The editors' catalogue: titles of known plan files whose text states none (resources/plans/catalogue.json).

A catalogued title is used only where the parser found no title in the text, so a plan that names itself
always keeps its own words.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache

from geodata.plans.parser import UNTITLED
from geodata.plans.plan import ParsedPlan
from geodata.resources import RESOURCES_DIR

CATALOGUE_FILE = RESOURCES_DIR / "plans" / "catalogue.json"


@cache
def catalogue_entries() -> dict[str, dict[str, str]]:
    return json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["documents"]


def with_catalogued_title(plan: ParsedPlan) -> ParsedPlan:
    entry = catalogue_entries().get(plan.document.sha256)
    if entry is None or not plan.document.title.startswith(UNTITLED):
        return plan
    document = dataclasses.replace(
        plan.document, title=entry["title"], period=plan.document.period or entry.get("period")
    )
    return dataclasses.replace(plan, document=document)

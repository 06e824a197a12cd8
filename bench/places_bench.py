"""Coverage of the place register: of the mentions of places in the plans, how many are drawn, explained
(not drawn, with a reason) or unexplained (places a reader would name that are in neither list).

The unexplained ones are READER_PLACES that the register does not know: the names issue 16 lists, and
the places found by reading the five plans that are neither drawn nor in resources/places/. Mentions are
counted as the build counts them (one gazetteer pass over every name, lists sharing a suffix expanded),
per passage: a place named twice in one paragraph counts once; occurrences are printed too.

Scope of the headline figure: places on the map, as issue 16 counts them (districts, 街道, key areas,
组团, axes and belts, rail lines, roads, stations, hubs, ports and crossings, sea areas). Reported apart:
natural features (rivers, reservoirs, hills and parks, which the map has no layer for), places outside
the map (other cities, regions) and single facilities, which the register holds only so that their
names are not read as the place inside them (深圳湾实验室 is not 深圳湾).

Run: .venv/bin/python bench/places_bench.py [--seeds DIR] [--list]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.build import seed_plan_files  # noqa: E402
from geodata.features import Feature  # noqa: E402
from geodata.gazetteer import Gazetteer  # noqa: E402
from geodata.place_register import PlaceEntry, listed_names, listed_places, mention_only_feature  # noqa: E402
from geodata.plans.parser import parse_plan  # noqa: E402
from geodata.spatial import feature_sources  # noqa: E402

# Places named in issue 16, and places a reader of the plans finds (by reading them) that are neither
# drawn nor listed: they are the test of the register, not part of it.
ISSUE_PLACES = (
    "高新区", "深圳国家高新区", "前海蛇口自贸片区", "深莞城际", "南头古城", "坪山未来产业试验区", "国际低碳城",
    "深圳湾", "虚拟大学园", "蛇口", "深珠城际", "蛇口国际海洋城", "南山古村史文化街区", "国际人才街区",
    "坪山文化聚落", "广深港澳科技创新走廊", "深圳坪山综合保税区", "深圳东部中心", "东部中心", "北部片区",
    "北部组团", "一轴一带三组团", "1+7", "三轴两带多中心", "粤海街道", "桃源街道", "招商街道", "南头街道",
    "西丽街道", "南山街道", "蛇口街道", "沙河街道", "坪山街道", "龙田街道", "马峦街道",
)  # fmt: skip
READ_PLACES = (
    "世界之窗", "欢乐谷", "民俗文化村", "赤湾左炮台", "天后宫", "宋少帝陵", "屋背岭遗址", "陈郁故居", "东角头",
    "东晋遗址", "海上世界", "国家基因库", "深圳国际会展中心", "深圳歌剧院", "坪山科技馆",
)  # fmt: skip
READER_PLACES = ISSUE_PLACES + READ_PLACES

OUTSIDE_REASONS = {"深圳市域以外", "区域范围，超出本图"}
NATURAL_KINDS = {"river", "reservoir", "mountain", "green"}
FACILITY_KINDS = {"facility"}


def scope_of(entry: PlaceEntry | None) -> str:
    if entry is None or entry.status != "not_drawn":
        return "map"
    if entry.reason in OUTSIDE_REASONS:
        return "outside"
    if entry.kind in NATURAL_KINDS:
        return "natural"
    if entry.kind in FACILITY_KINDS:
        return "facility"
    return "map"


def mention_passages(
    texts: list[str], features: list[Feature], entries: tuple[PlaceEntry, ...], unexplained: list[str]
) -> tuple[dict[str, set[int]], Counter]:
    """name of a drawn feature or register entry (or an unexplained name) -> passages naming it; and the
    occurrences. One pass over every name, as the build makes it."""
    stand_ins = [mention_only_feature(e) for e in entries]
    stand_ins += [Feature(id="place:" + name, name=name, layer="", kind="") for name in unexplained]
    gazetteer = Gazetteer([*features, *stand_ins])
    name_of = {f.id: f.name for f in features} | {f.id: f.name for f in stand_ins}
    known = {f.name for f in features} | {e.name for e in entries if e.status == "not_drawn"}
    passages: dict[str, set[int]] = defaultdict(set)
    occurrences: Counter = Counter()
    for number, text in enumerate(texts):
        found = [(m.start, m.end, name_of[m.feature_id]) for m in gazetteer.mentions(text)]
        for start, end, name in listed_names(text, known):
            found = [f for f in found if not (f[0] < end and f[1] > start)] + [(start, end, name)]
        for _, _, name in found:
            passages[name].add(number)
            occurrences[name] += 1
    return passages, occurrences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, help="folder of plan texts (default: the seed plans)")
    parser.add_argument("--list", action="store_true", help="list every place with its status and mentions")
    args = parser.parse_args()

    texts = [p.text for file in seed_plan_files(args.seeds) for p in parse_plan(file).passages]
    features = [feature for feature, _ in feature_sources.load_all()]
    entries = listed_places()
    register = {e.name: e for e in entries}
    names = {n for f in features for n in (f.name, *f.aliases)} | {n for e in entries for n in e.names}
    unexplained = [name for name in READER_PLACES if name not in names]
    passages, occurrences = mention_passages(texts, features, entries, unexplained)

    def status_of(name: str) -> str:
        entry = register.get(name)
        if entry is None:
            return "unexplained" if name in unexplained else "drawn"
        if entry.status in ("group", "choice"):
            return "group"  # drawn as its members (a formula, a whole district) or its candidates (高新区)
        return "explained"

    table: dict[str, Counter] = defaultdict(Counter)  # scope -> status -> mentions (passages)
    occ: dict[str, Counter] = defaultdict(Counter)
    names_by: dict[str, Counter] = defaultdict(Counter)
    for name, found in passages.items():
        scope, status = scope_of(register.get(name)), status_of(name)
        table[scope][status] += len(found)
        occ[scope][status] += occurrences[name]
        names_by[scope][status] += 1

    def line(label: str, scopes: tuple[str, ...], counts: dict[str, Counter]) -> str:
        total = Counter()
        for scope in scopes:
            total.update(counts[scope])
        n = sum(total.values()) or 1
        feature, group, explained, unexplained_ = (total[s] for s in ("drawn", "group", "explained", "unexplained"))
        drawn = feature + group
        return (
            f"{label:<40} {n:>5}  drawn {drawn / n:6.1%} (as a feature {feature / n:5.1%}, as a group "
            f"{group / n:4.1%})  drawn or explained {(drawn + explained) / n:6.1%}  "
            f"unexplained {unexplained_ / n:4.1%}"
        )

    print("Place mentions in the plans (passages naming a place; a place named twice in one counts once)")
    print(line("places on the map (issue 16's scope)", ("map",), table))
    print(line("  + rivers, reservoirs, hills and parks", ("map", "natural"), table))
    print(line("  + outside the map and single facilities", ("map", "natural", "outside", "facility"), table))
    print("By occurrence (every time a name is written)")
    print(line("places on the map (issue 16's scope)", ("map",), occ))
    print(line("  + rivers, reservoirs, hills and parks", ("map", "natural"), occ))
    print("Distinct names mentioned")
    print(line("places on the map (issue 16's scope)", ("map",), names_by))
    missing = sorted((n for n in unexplained if passages.get(n)), key=lambda n: -len(passages[n]))
    print("Unexplained (named in the plans, neither drawn nor in resources/places/):",
          "、".join(f"{n}({len(passages[n])})" for n in missing) or "none")  # fmt: skip
    issue = [n for n in ISSUE_PLACES if status_of(n) == "unexplained"]
    print("Names of issue 16 neither drawn nor explained:", "、".join(issue) or "none")
    if args.list:
        for name in sorted(passages, key=lambda n: (-len(passages[n]), n)):
            entry = register.get(name)
            print(f"{len(passages[name]):>4}  {status_of(name):<11} {scope_of(entry):<8} {name}"
                  + (f"  [{entry.reason}]" if entry and entry.reason else ""))  # fmt: skip


if __name__ == "__main__":
    main()

"""Commands about the map's features: the layers, one feature with its passages and targets, what is at a point.
Also where a name the user typed becomes a feature or a layer of the store, for every command that takes one."""

from __future__ import annotations

import argparse
import sqlite3

from cli.exits import NotFound
from cli.output import COMMAND, did_you_mean, emit, target_line
from cli.parser import Command


def add_commands(command: Command) -> None:
    command("layers", run_layers, "list the map layers")
    sub = command("show", run_show, "show a feature with its passages and targets")
    sub.add_argument("name", metavar="NAME_OR_ID")
    sub = command("where", run_where, "list the features at a point (WGS 84), most specific first")
    sub.add_argument("lon", type=float)
    sub.add_argument("lat", type=float)
    sub.add_argument("--radius", type=float, metavar="M", default=None,
                     help="how far from the point lines and points may be, in metres (default 200)")
    sub = command("places", run_places, "list the places the plans name: drawn, or not drawn and why")
    sub.add_argument("--status", choices=("drawn", "not_drawn", "group", "choice"),
                     help="only drawn places, those not drawn, structure formulas and other groups, or short "
                          "names that could mean several places")


def feature_named(db: sqlite3.Connection, name: str):
    """The FeatureInfo for an id, name or alias; NotFound, with similar names, otherwise."""
    from geodata.feature_queries import find_feature, similar_names

    info = find_feature(db, name)
    if info is None:
        raise NotFound(f"no feature named {name!r}."
                       + did_you_mean(similar_names(db, name), f"Find places with: {COMMAND} search {name}"))
    return info


def layer_named(db: sqlite3.Connection, name: str) -> str:
    """A layer's id from its id or from the title the window shows (重点片区与平台 → key_areas)."""
    from geodata.feature_queries import layer_tables
    from layers.style import layer_title

    titles = {layer: layer_title(layer) for layer in layer_tables(db)}
    if name in titles:
        return name
    found = [layer for layer, title in titles.items() if title == name]
    if found:
        return found[0]
    similar = [f"{layer} ({title})" for layer, title in titles.items() if name in title or name in layer]
    everything = ", ".join(f"{layer} ({title})" if title != layer else layer for layer, title in titles.items())
    raise NotFound(f"no layer named {name!r}." + did_you_mean(similar, f"Layers are: {everything}."))


def run_layers(args: argparse.Namespace) -> int:
    from geodata.feature_queries import layer_summaries
    from geodata.store import connect

    with connect(args.store) as db:
        summaries = layer_summaries(db)

    def text() -> None:
        for s in summaries:
            mix = ", ".join(f"{accuracy} {count}" for accuracy, count in s.accuracy.items())
            print(f"{s.name:<18} {s.group} / {s.title:<10} {s.geometry_type:<16} {s.features:4d}  ({mix})")

    return emit(args, summaries, text)


def run_show(args: argparse.Namespace) -> int:
    from geodata.feature_facts import feature_facts
    from geodata.feature_queries import targets_for
    from geodata.passages import passages_mentioning
    from geodata.store import connect

    with connect(args.store) as db:
        info = feature_named(db, args.name)
        passages = passages_mentioning(db, info.feature.id)
        goals = targets_for(db, info.feature.id)
        facts = feature_facts(db, info)
    data = {"feature": info, "label_point": facts.label_point, "statistical_area_km2": facts.statistical_area_km2,
            "statistical_area_source": facts.statistical_area_source, "area_note": facts.area_note,
            "passages": passages, "targets": goals}

    def text() -> None:
        f = info.feature
        size = f"{info.area_km2} km²" if info.area_km2 is not None else f"{info.length_km} km"
        print(f"{f.name}  ({f.id}; {f.kind}; layer {f.layer}; {size})")
        if facts.statistical_area_km2:
            print(f"  statistical area: {facts.statistical_area_km2} km² ({facts.statistical_area_source})")
        if facts.area_note:
            print(f"  {facts.area_note}")
        print(f"  accuracy: {f.accuracy}{' 示意' if f.accuracy == 'schematic' else ''} — {f.note}")
        print(f"  districts: {'、'.join(f.districts)}  source: {f.source}")
        print(f"  targets: {len(goals)}")
        for t in goals:
            print(f"    {t.year or ''} {target_line(t)}")
        print(f"  passages: {len(passages)}")
        for p in passages:
            flag = "★ " if p.is_defining else ""
            print(f"    {flag}[{p.id}] {p.document_title} › {p.section_path}\n      {p.text[:160]}")

    return emit(args, data, text)


def run_where(args: argparse.Namespace) -> int:
    from geodata.feature_queries import features_at
    from geodata.store import connect

    with connect(args.store) as db:
        hits = features_at(db, args.lon, args.lat, *([] if args.radius is None else [args.radius]))

    def text() -> None:
        if not hits:
            print("No feature at that point.")
        for info in hits:
            print(f"{info.feature.id:<28} {info.feature.layer:<16} {info.feature.name}")

    return emit(args, hits, text)


def run_places(args: argparse.Namespace) -> int:
    from geodata.place_register import place_register
    from geodata.store import connect

    with connect(args.store) as db:
        entries = place_register(db, args.status)

    def text() -> None:
        for e in entries:
            where = f"  {e.district}" if e.district else ""
            if e.status == "drawn":
                what = e.feature_id
            elif e.status == "not_drawn":
                what = f"未绘：{e.reason}"
            else:
                what = f"{e.status}: {'、'.join(e.members)}"
            print(f"{e.mentions:4d}  {e.name:<16} {what}{where}")

    return emit(args, entries, text)

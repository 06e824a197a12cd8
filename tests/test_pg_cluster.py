"""The throwaway PostgreSQL cluster the team-mode tests run on: PostGIS, UTF-8 Chinese text, the roles."""

from __future__ import annotations

import psycopg
from pg_cluster import EDITOR_ROLE, READER_ROLE, PgCluster, url_for_role

CJK = "深圳市南山区河套深港科技创新合作区 𠀀"  # includes a character outside the Basic Multilingual Plane


def test_database_has_postgis_and_keeps_chinese_text(pg_url: str) -> None:
    with psycopg.connect(pg_url) as db:
        version = db.execute("SELECT postgis_lib_version()").fetchone()[0]
        assert version.startswith("3."), version
        assert db.execute("SHOW server_encoding").fetchone()[0] == "UTF8"
        db.execute("CREATE TABLE names (name text, geom geometry(Point, 4326))")
        db.execute("INSERT INTO names VALUES (%s, ST_SetSRID(ST_MakePoint(113.93, 22.52), 4326))", [CJK])
        name, x = db.execute("SELECT name, ST_X(geom) FROM names WHERE name LIKE %s", ["%河套%"]).fetchone()
    assert name == CJK
    assert x == 113.93


def test_roles_connect_to_the_same_database(pg_url: str) -> None:
    for role in (READER_ROLE, EDITOR_ROLE):
        with psycopg.connect(url_for_role(pg_url, role)) as db:
            user, dbname = db.execute("SELECT current_user, current_database()").fetchone()
        assert user == role
        assert dbname == psycopg.conninfo.conninfo_to_dict(pg_url)["dbname"]


def test_each_test_gets_its_own_database(pg_server: PgCluster, pg_url: str) -> None:
    with psycopg.connect(pg_server.url()) as admin:
        names = [row[0] for row in admin.execute("SELECT datname FROM pg_database WHERE datname ~ '^t[0-9]+_'")]
    assert names == [psycopg.conninfo.conninfo_to_dict(pg_url)["dbname"]]

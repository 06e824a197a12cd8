"""docs/team-server.md, done as an office's administrator would: an owner group role, readers and editors
given their rights by default privileges, a member of the owner group copying the store in (and again with
--replace), each role then doing what the page says it may."""

from __future__ import annotations

from urllib.parse import urlsplit

import psycopg
import pytest
from pg_cluster import PgCluster

from geodata.store import StoreError, connect
from geodata.store_address import PostgresAddress
from geodata.store_copy import copy_store

SETUP = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'office_owner') THEN
    CREATE ROLE office_owner LOGIN; CREATE ROLE office_editors NOLOGIN; CREATE ROLE office_readers NOLOGIN;
    CREATE ROLE office_wang LOGIN IN ROLE office_owner; CREATE ROLE office_zhang LOGIN IN ROLE office_editors;
    CREATE ROLE office_li LOGIN IN ROLE office_readers;
  END IF;
END $$;
"""
DEFAULTS = "ALTER DEFAULT PRIVILEGES FOR ROLE office_owner IN SCHEMA public GRANT"
DATABASE_SETUP = f"""
{DEFAULTS} SELECT ON TABLES TO office_readers, office_editors;
{DEFAULTS} INSERT, UPDATE, DELETE ON TABLES TO office_editors;
{DEFAULTS} USAGE, SELECT ON SEQUENCES TO office_editors;
"""


@pytest.fixture
def office(pg_server: PgCluster, pg_url: str) -> str:
    """The database of pg_url set up as the page says; returns its name."""
    name = urlsplit(pg_url).path.lstrip("/")
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute(SETUP)
        admin.execute(f'ALTER DATABASE "{name}" OWNER TO office_owner')
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(DATABASE_SETUP)
    return name


def as_role(pg_server: PgCluster, database: str, role: str) -> PostgresAddress:
    return PostgresAddress(pg_server.url(database, user=role))


def test_a_member_of_the_owner_group_copies_the_store_in_and_it_belongs_to_the_group(
        pg_server: PgCluster, office: str, built_store) -> None:
    report = copy_store(built_store, as_role(pg_server, office, "office_wang"))
    assert report.feature_layers >= 6
    with psycopg.connect(pg_server.url(office), autocommit=True) as admin:
        owners = {row[0] for row in admin.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'")}
    assert owners == {"office_owner"}


def test_readers_read_and_may_not_write(pg_server: PgCluster, office: str, built_store) -> None:
    copy_store(built_store, as_role(pg_server, office, "office_wang"))
    with connect(as_role(pg_server, office, "office_li")) as db:
        assert db.execute("SELECT count(*) FROM passages").fetchone()[0] > 100
    with pytest.raises(StoreError, match="already holds a store"):
        copy_store(built_store, as_role(pg_server, office, "office_li"))
    with pytest.raises(StoreError, match="may not create tables"):
        copy_store(built_store, as_role(pg_server, office, "office_li"), replace=True)


def test_a_replacing_copy_keeps_what_every_role_may_do(pg_server: PgCluster, office: str, built_store) -> None:
    owner = as_role(pg_server, office, "office_wang")
    copy_store(built_store, owner)
    with psycopg.connect(pg_server.url(office), autocommit=True) as admin:
        admin.execute("GRANT SELECT ON store_meta TO office_zhang")  # a right given by hand, to one person
    copy_store(built_store, owner, replace=True)
    with psycopg.connect(pg_server.url(office), autocommit=True) as admin:
        rights = set(admin.execute(
            "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = 'feature_passages'").fetchall())
    assert {("office_readers", "SELECT"), ("office_editors", "INSERT"), ("office_zhang", "SELECT")} <= rights
    with connect(as_role(pg_server, office, "office_li")) as db:
        assert db.execute("SELECT count(*) FROM key_areas").fetchone()[0] > 10


def test_a_store_without_postgis_is_refused_with_what_to_do(pg_server: PgCluster, pg_url: str, built_store) -> None:
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("DROP EXTENSION postgis CASCADE")
    with pytest.raises(StoreError, match="CREATE EXTENSION postgis"):
        copy_store(built_store, PostgresAddress(pg_url))


def test_a_copy_that_fails_half_way_leaves_the_database_as_it_was(pg_url: str, built_store, tmp_path) -> None:
    import shutil
    import sqlite3

    broken = tmp_path / "broken.gpkg"
    shutil.copyfile(built_store, broken)
    with sqlite3.connect(broken) as db:  # a value the database column type refuses, in the last table copied
        db.execute("UPDATE user_links SET ordinal = 'not a number'") if db.execute(
            "SELECT count(*) FROM user_links").fetchone()[0] else db.execute(
            "INSERT INTO user_links VALUES ('x', 'passage', 'd', 'not a number', NULL, NULL, NULL, 'link', 'now')")
    db.close()
    with pytest.raises(StoreError, match="Nothing was changed"):
        copy_store(broken, PostgresAddress(pg_url))
    with psycopg.connect(pg_url, autocommit=True) as db:
        assert db.execute("SELECT to_regclass('passages')").fetchone()[0] is None


def test_editors_edit_and_only_the_owner_group_may_rebuild(pg_server: PgCluster, office: str, built_store) -> None:
    from geodata.edit_history import store_permissions
    from geodata.user_data import link

    copy_store(built_store, as_role(pg_server, office, "office_wang"))
    editor = as_role(pg_server, office, "office_zhang")
    permissions = store_permissions(editor)
    assert permissions.can_edit and not permissions.can_manage
    with connect(editor) as db:
        passage = db.execute("SELECT min(id) FROM passages WHERE id NOT IN "
                             "(SELECT passage_id FROM feature_passages WHERE feature_id = 'ps-yanzihu')").fetchone()[0]
    assert link(editor, "ps-yanzihu", passage_id=passage, expected_version=0).version == 1
    assert store_permissions(as_role(pg_server, office, "office_wang")).can_manage
    reader = store_permissions(as_role(pg_server, office, "office_li"))
    assert not reader.can_edit and reader.reason

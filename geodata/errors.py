"""The error every store module raises for what the user can act on; its own module so that the backends
(geodata/postgres.py) and the store core (geodata/store.py) can both raise it without importing each other."""


class StoreError(Exception):
    """A problem with the store the user can act on. The message says what is wrong and what to do."""


class StoreUnreachable(StoreError):
    """The database store's server cannot be reached or the connection dropped: worth trying again."""

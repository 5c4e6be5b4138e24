"""The wallet core: vault, schema, queries, sharing and the command line. Imports no Qt."""

__version__ = "0.1.0"

"""Importers: one module per kind of export. Pure: a file in, typed records out. No Qt."""

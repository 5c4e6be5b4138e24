"""The shapes a consent receipt is handed out in (``selfdata shares --receipt --format``).

Kept apart from ``receipts``, which builds them and needs jsonschema, so that the command line
can offer the choice without loading it.
"""

FORMATS = ("record", "kantara", "jsonld")

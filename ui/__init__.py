"""The PySide6 desktop program. Thin: every decision lives in wallet/ or importers/."""

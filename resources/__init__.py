"""The files the program reads: guides, translations, icons, samples, schemas, services.

A package only so that wheels and editable installs carry it: installed, it is named
``selfdata_resources`` (setup.py). Nothing here is code; find files through
``wallet.resources``, never by importing this module.
"""

"""Pages are imported as they are: a page that cannot be imported stops the program loudly."""

from __future__ import annotations

import sys

import pytest

from ui.workspace import PAGES, page_class


def test_every_page_of_the_sidebar_is_imported_as_itself() -> None:
    for _key, module, name in PAGES:
        found = page_class(module, name)
        assert found.__module__ == module and found.__name__ == name


def test_a_page_whose_module_is_missing_is_an_error_not_a_placeholder() -> None:
    with pytest.raises(ModuleNotFoundError, match=r"ui\.pages\.not_on_this_branch"):
        page_class("ui.pages.not_on_this_branch", "NotOnThisBranchPage")


def test_a_page_whose_module_fails_to_import_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python's own way of saying a module cannot be imported (None in ``sys.modules``).
    monkeypatch.setitem(sys.modules, "ui.pages.energy", None)
    with pytest.raises(ImportError):
        page_class("ui.pages.energy", "EnergyPage")

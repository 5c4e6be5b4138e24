"""What the Sharing page's tabs ask of the page: the session, the façade, the page's one
message line, and a fresh look at services and shares after a change."""

from __future__ import annotations

from typing import Protocol

from ui.session import Session
from wallet.sharing.shares import Sharing


class SharingHost(Protocol):
    session: Session

    def sharing(self) -> Sharing: ...

    def say(self, text: str) -> None: ...

    def show_error(self, error: BaseException) -> None: ...

    def refresh(self) -> None: ...

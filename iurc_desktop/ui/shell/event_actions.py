"""Edit- and Event-menu actions of the main window: search everywhere, invite, duplicate, mail lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...core.errors import IurcError

if TYPE_CHECKING:
    from ...core.search import SearchHit
    from .shell import Shell


def _event_or_say(window: Shell, what: str) -> str | None:
    code = window.current_event_code()
    if not code:
        window.report(IurcError(f"Open an event (or select one in the Events list) to {what}."))
    return code


def go_to(window: Shell, event_code: str, target: str, key: str = "") -> None:
    """Open an event where something is fixed: a tab, an item selected, or the participants filtered to a person;
    or the Outbox page on the event's messages in the state `key` names (failed when "": both failed and review)."""
    if target == "outbox":
        show_state = getattr(window.show_page("outbox"), "show_state", None)
        if callable(show_state):
            show_state(key or "failed", event_code or None)
        return
    try:
        page = window.open_event(event_code)
    except IurcError as exc:
        window.report(exc)
        return
    if target == "item":
        page._on_navigate("item", key)
    elif target in ("person", "participants"):
        tab_key = "participants" if "participants" in page.tab_widgets else "event"
        tab = page.select_tab(tab_key)
        show_person = getattr(tab, "show_person", None)
        search = getattr(tab, "search", None)
        if callable(show_person) and "@" in key:  # an e-mail names one person: their row selected, Mail… ready
            show_person(key)
        elif search is not None and key:
            search.setText(key)
    elif target in page.tab_widgets:
        tab = page.select_tab(target)
        box = getattr(tab, "filter", None)  # e.g. Travel & stays filtered to the person
        if key and hasattr(box, "setText"):
            box.setText(key)


def open_search(window: Shell) -> Any:
    """The Ctrl+K popup; the chosen hit opens where it lives."""
    from ..dialogs.search_dialog import SearchDialog

    dialog = SearchDialog(window.ctx, window)
    dialog.chosen.connect(lambda hit: open_hit(window, hit))
    dialog.show_all.connect(window.show_list_filtered)
    window.search_dialog = dialog  # kept for tests and so it is not collected while open
    dialog.open()
    dialog.activateWindow()
    dialog.box.setFocus()
    return dialog


def open_hit(window: Shell, hit: SearchHit) -> None:
    """An event opens its page; an item its event with the item selected; a person their page; an organisation the list filtered."""
    if hit.kind == "event":
        window.navigate("event", hit.key)
    elif hit.kind == "item":
        window.go_to(hit.event_code, "item", hit.key)
    elif hit.kind == "person":
        open_person(window, hit.id, hit.key)
    elif hit.kind == "organisation":
        window.navigate("organisation", hit.title.split(" (")[0])


def open_person(window: Shell, person_id: int, email: str) -> Any:
    """A person's page (events, statuses, travel, needs); the People list filtered if they are gone since."""
    try:
        return window.open_person(person_id)
    except IurcError:
        window.navigate("person", email)
        return None


def open_invite(window: Shell) -> Any:
    from ..dialogs.invite_dialog import InviteDialog

    code = _event_or_say(window, "invite people to it")
    if not code:
        return None
    dialog = InviteDialog(window.ctx, code, window)
    window.invite_dialog = dialog
    dialog.open()
    return dialog


def open_duplicate(window: Shell) -> Any:
    from ..dialogs.duplicate_dialog import DuplicateDialog

    code = _event_or_say(window, "duplicate it")
    if not code:
        return None
    dialog = DuplicateDialog(window.ctx, code, window)
    dialog.created.connect(lambda new_code: window.navigate("event", new_code))
    dialog.before_undo = window.forget_event
    window.duplicate_dialog = dialog
    dialog.open()
    return dialog


def open_mail_list(window: Shell) -> Any:
    from ..dialogs.mail_list import MailListDialog

    code = _event_or_say(window, "copy its participants' e-mail addresses")
    if not code:
        return None
    dialog = MailListDialog(window.ctx, code, window)
    window.mail_dialog = dialog
    dialog.open()
    return dialog

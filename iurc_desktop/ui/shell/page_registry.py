"""The window's pages: which exist, in what order in the navigation, and how each is built on first use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .nav_pages import NAV_EXTRA, NavSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .context import Context

LIST_PAGES = ("events", "people", "organisations")
# Pages outside the navigation, and the navigation entry that stays highlighted while they are shown.
PARENT_PAGES = {"event": "events", "person": "people"}


def _page_module(module: str) -> Any:
    from importlib import import_module

    return import_module(f"{__package__.rsplit('.', 1)[0]}.pages.{module}")


def page_factory(module: str, name: str) -> Any:
    """A factory that imports its page's module when the page is first built (a fast start)."""

    def build(ctx: Context) -> QWidget:
        return getattr(_page_module(module), name)(ctx)

    return build


LIST_MODULES = {"events": ("events_page", "EventsPage"), "people": ("people_page", "PeoplePage"),
                "organisations": ("organisations_page", "OrganisationsPage")}
LIST_FACTORIES = {key: (page_factory(module, name), key.capitalize()) for key, (module, name) in LIST_MODULES.items()}


def import_list_pages() -> None:
    """Import the list pages' modules (and the app layer they use) ahead of their first opening.

    Called once the window is first idle after start-up, so the first click on People, Organisations
    or Events builds its page without importing it; start-up itself imports none of them.
    """
    for module, _name in LIST_MODULES.values():
        _page_module(module)


def nav_keys() -> tuple[str, ...]:
    """Pages in the left navigation, in order: registered first pages, the lists, then the rest."""
    return (
        tuple(spec.key for spec in NAV_EXTRA if spec.first) + LIST_PAGES
        + tuple(spec.key for spec in NAV_EXTRA if not spec.first)
    )


NAV_PAGES = nav_keys()


def page_titles(extra: Iterable[NavSpec]) -> dict[str, str]:
    """Every navigation page's title by key: the lists' and those of the registered pages `extra`."""
    titles = {key: title for key, (_factory, title) in LIST_FACTORIES.items()}
    titles.update((spec.key, spec.title) for spec in extra)
    return titles


def page_factories(extra: Iterable[NavSpec]) -> dict[str, Any]:
    """Every page's factory by key, the event's and the person's page included."""
    factories: dict[str, Any] = {key: factory for key, (factory, _title) in LIST_FACTORIES.items()}
    factories.update((spec.key, spec.factory) for spec in extra)
    factories["event"] = page_factory("event_page", "EventPage")
    factories["person"] = page_factory("person_page", "PersonPage")
    return factories


class Pages(dict):  # type: ignore[type-arg]
    """The window's pages by key, each built from its factory on first use (start-up builds only the first).

    `context()` gives what a page is built with; `built(key, page)` wires a page the moment it exists.
    """

    def __init__(self, context: Callable[[], Context], built: Callable[[str, QWidget], None],
                 factories: dict[str, Any]) -> None:
        super().__init__()
        self._context = context
        self._built = built
        self._factories = factories

    def __missing__(self, key: str) -> QWidget:
        if key not in self._factories:
            raise KeyError(key)
        page = self._factories[key](self._context())
        self[key] = page
        self._built(key, page)
        return page

    def __contains__(self, key: object) -> bool:
        return key in self._factories

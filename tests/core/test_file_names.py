"""File names made from people's names: accents off, other scripts replaced, never empty."""

from __future__ import annotations

from iurc_desktop.core.file_names import safe_stem
from iurc_desktop.exchange.documents import booklets


def test_accents_come_off_and_odd_characters_become_dashes() -> None:
    assert safe_stem("itinerary r2r Élodie GIRARD") == "itinerary-r2r-Elodie-GIRARD"
    assert safe_stem("Núria VIDAL / DVOŘÁK") == "Nuria-VIDAL-DVORAK"
    assert safe_stem("山田 太郎") == "file" and safe_stem("山田", fallback="person") == "person"


def test_booklet_names_stay_unique_within_a_save() -> None:
    taken: set[str] = set()
    names = [booklets.file_name("x", "Ane DUBOIS", taken) for _ in range(3)]
    assert names == ["itinerary-x-Ane-DUBOIS.pdf", "itinerary-x-Ane-DUBOIS-2.pdf", "itinerary-x-Ane-DUBOIS-3.pdf"]
    assert booklets.file_name("x", "Élodie GIRARD", taken) == "itinerary-x-Elodie-GIRARD.pdf"

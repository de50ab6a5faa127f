"""A row is the stored person with its e-mail, however that e-mail was stored (case, spaces)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Person
from tests.core import factories as f


def test_rows_match_people_stored_with_or_without_normalised_e_mails(db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Stored e-mails are found through their index; one stored by hand in capitals with spaces is still found."""
    with db.transaction() as s:
        f.event(s, "match-visit")
        ana = f.person(s, "Ana", "Ruiz", email="ana.ruiz@example.es")
        lee = f.person(s, "Lee", "Kim", email="lee.kim@example.kr")
        s.execute(update(Person).where(Person.id == lee.id).values(email=" Lee.Kim@Example.KR "))  # as another tool wrote it
        ids = {"ana": ana.id, "lee": lee.id}
    path = tmp_path / "people.csv"
    path.write_text("First Name,Last Name,Email\nAna,Ruiz,ANA.RUIZ@example.es\nLee,Kim,lee.kim@example.kr\n"
                    "Mia,Berg,mia.berg@example.se\n", encoding="utf-8")
    plan = app_imports.plan_import(db, "match-visit", path)
    assert [(r.fate, r.person_id) for r in plan.rows] == [("matched", ids["ana"]), ("matched", ids["lee"]), ("new", None)]

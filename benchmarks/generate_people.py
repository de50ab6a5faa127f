"""Generate a large database of people (and organisations) for the large-table benchmarks.

Usage: python benchmarks/generate_people.py N PATH.db
Names mix Latin with accents, Japanese and Korean so folding is exercised.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlalchemy import insert

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Organisation, Person
from iurc_desktop.core.search_text import search_text_of

GIVEN = ["Ane", "Élodie", "Jonas", "Marta", "Haruto", "Yui", "Minjun", "Seoyeon", "Luca", "Søren", "Zoë", "Piotr"]
FAMILY = ["Etxeberria", "Lindström", "Weber", "Rossi", "Suzuki", "Tanaka", "Kim", "Park", "Novak", "Gómez", "Müller", "Dubois"]
LOCAL = {"Suzuki": "鈴木", "Tanaka": "田中", "Kim": "김", "Park": "박"}
ORGS = [("brussels", "BE", "Europe/Brussels"), ("tokyo", "JP", "Asia/Tokyo"), ("seoul", "KR", "Asia/Seoul"),
        ("auckland", "NZ", "Pacific/Auckland"), ("umea", "SE", "Europe/Stockholm"), ("parma", "IT", "Europe/Rome")]


def generate(count: int, path: Path, *, seed: int = 7) -> None:
    """Write `count` people spread over a few hundred organisations into a new database at `path`."""
    path.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    rng = random.Random(seed)
    with db.transaction() as session:
        org_rows = []
        for i in range(300):
            key, country, zone = ORGS[i % len(ORGS)]
            name = f"{key.title()} partner {i}"
            org_rows.append({"key": f"{key}-{i}", "name": name, "local_name": "", "kind": "city", "sector": "government",
                             "country": country, "zone": zone, "place": "", "notes": "",
                             "search_text": search_text_of([f"{key}-{i}", name, country, "city", "government"])})
        session.execute(insert(Organisation), org_rows)
        batch = []
        for i in range(count):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            email = f"{given.lower()}.{family.lower()}.{i}@example.eu"
            local = LOCAL.get(family, "")
            batch.append({"given_name": given, "family_name": family, "name_order": "given_first", "local_name": local,
                          "email": email, "phone": "", "organisation_id": rng.randint(1, 300), "job_title": "Officer",
                          "gender": "", "nationality": "", "dietary": "", "accessibility": "", "notes": "",
                          "search_text": search_text_of([given, family, local, email, "Officer"])})
            if len(batch) == 5000:
                session.execute(insert(Person), batch)
                batch.clear()
        if batch:
            session.execute(insert(Person), batch)
    db.dispose()


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))

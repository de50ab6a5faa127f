"""A programme file N times a season's size, for measuring how the app behaves as the data grows.

One copy is a season: the demo programme (its organisations, people, clusters, pairings and events)
plus generated people up to `people` and generated attendees up to `attendees` per event, so "1x" is
about 1,000 people and events of about 400 participants, and "100x" is 100,000 people and 600 events.
Copy 0 keeps the demo's keys; copy k (k >= 1) uses keys, codes and e-mails ending in `-xk` and
calendar uids derived from the originals. `event_scale` also grows the demo's own events: each takes
the attendees of its first `event_scale` copies (a bigger event, not only a bigger database).
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from typing import Any

from .demo import demo_path


def _suffix(key: str, k: int) -> str:
    return key if k == 0 else f"{key}-x{k}"


def _email(email: str, k: int) -> str:
    if k == 0 or "@" not in email:
        return email
    local, domain = email.split("@", 1)
    return f"{local}.x{k}@{domain}"


def _uid(uid: str, k: int) -> str:
    return uid if k == 0 else hashlib.md5(f"{uid}/{k}".encode()).hexdigest()


def _with_uids(record: dict[str, Any], k: int) -> dict[str, Any]:
    """A copy of `record` whose own and nested `uid`s belong to copy k."""
    out = copy.deepcopy(record)
    stack: list[Any] = [out]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("uid"), str):
                node["uid"] = _uid(node["uid"], k)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


GIVEN = ("Ane", "Élodie", "Jonas", "Marta", "Haruto", "Yui", "Minjun", "Seoyeon", "Luca", "Søren", "Zoë", "Piotr")
FAMILY = ("Etxeberria", "Lindström", "Weber", "Rossi", "Suzuki", "Tanaka", "Kim", "Park", "Novak", "Gómez", "Müller",
          "Dubois")
LOCAL = {"Suzuki": "鈴木", "Tanaka": "田中", "Kim": "김", "Park": "박"}
DIETARY = ("", "", "", "", "vegetarian", "halal", "no pork", "gluten free")
STATUSES = ("confirmed", "confirmed", "confirmed", "registered", "invited", "waitlisted", "declined")


def _generated_people(count: int, k: int, organisations: list[str], rng: random.Random) -> list[dict[str, Any]]:
    """`count` made-up people of copy k, spread over its organisations; names in several scripts."""
    people = []
    for i in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        people.append({
            "key": f"gen-{k}-{i}", "given_name": given, "family_name": family, "local_name": LOCAL.get(family, ""),
            "email": f"{given.lower()}.{family.lower()}.{k}.{i}@example.eu".replace("ö", "o"),
            "organisation": organisations[i % len(organisations)], "job_title": "Officer",
            "gender": rng.choice(("female", "male")), "nationality": rng.choice(("BE", "ES", "JP", "KR", "DE")),
            "dietary": rng.choice(DIETARY),
        })
    return people


def _generated_attendees(event: dict[str, Any], people: list[str], start: int, count: int) -> list[dict[str, Any]]:
    """`count` generated people taking part in `event`, from position `start` of the copy's generated people."""
    groups = event.get("groups") or []
    rows = []
    for i in range(count):
        row = {"person": people[(start + i) % len(people)], "role": "delegate", "status": STATUSES[i % len(STATUSES)]}
        if groups:
            row["group"] = groups[i % len(groups)]
        rows.append(row)
    return rows


def _organisation(org: dict[str, Any], k: int) -> dict[str, Any]:
    out = dict(org, key=_suffix(org["key"], k))
    if k:
        out["name"] = f"{org['name']} {k + 1}"
    return out


def _person(person: dict[str, Any], k: int) -> dict[str, Any]:
    out = dict(person, key=_suffix(person["key"], k))
    if person.get("email"):
        out["email"] = _email(person["email"], k)
    if person.get("organisation"):
        out["organisation"] = _suffix(person["organisation"], k)
    return out


def _cluster(cluster: dict[str, Any], k: int) -> dict[str, Any]:
    members = [_suffix(m, k) for m in cluster.get("members", [])]
    return dict(cluster, key=_suffix(cluster["key"], k), members=members)


def _pairing(pairing: dict[str, Any], k: int) -> dict[str, Any]:
    return dict(pairing, key=_suffix(pairing["key"], k), eu=_suffix(pairing["eu"], k),
                partner=_suffix(pairing["partner"], k))


def _attendance(rows: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    """An event's participants, travel or stays moved onto copy k's people (and uids)."""
    return [dict(_with_uids(row, k), person=_suffix(row["person"], k)) for row in rows]


def _event(event: dict[str, Any], k: int, event_scale: int, extra: list[list[dict[str, Any]]]) -> dict[str, Any]:
    out = _with_uids(event, k)
    out["code"] = _suffix(event["code"], k)
    if k:
        out["title"] = f"{event['title']} ({k + 1})"
    if event.get("host"):
        out["host"] = _suffix(event["host"], k)
    if event.get("cluster"):
        out["cluster"] = _suffix(event["cluster"], k)
    for item in out.get("items", []):
        if item.get("host"):
            item["host"] = _suffix(item["host"], k)
        for assigned in item.get("people", []):
            assigned["person"] = _suffix(assigned["person"], k)
    copies = range(event_scale) if k == 0 else (k,)
    for part in ("participants", "travel", "stays"):
        if part in event:
            out[part] = [row for j in copies for row in _attendance(event[part], j)]
    out["participants"] = out.get("participants", []) + [row for rows in extra for row in rows]
    if event.get("capacity"):
        out["capacity"] = len(out["participants"])
    return out


def scaled_programme(times: int, *, people: int = 1000, attendees: int = 400, event_scale: int = 1,
                     seed: int = 7, demo: dict[str, Any] | None = None) -> dict[str, Any]:
    """`times` seasons of `people` people with events of about `attendees` (a programme file's dict).

    The demo's own events also take the attendees of `event_scale` copies.
    """
    if times < 1 or not 1 <= event_scale <= times:
        raise ValueError("times >= 1 and 1 <= event_scale <= times")
    demo = demo if demo is not None else json.loads(demo_path().read_text(encoding="utf-8"))
    rng = random.Random(seed)
    copies = range(times)
    out: dict[str, Any] = {"format": demo["format"]}
    out["organisations"] = [_organisation(o, k) for k in copies for o in demo.get("organisations", [])]
    out["people"] = [_person(p, k) for k in copies for p in demo.get("people", [])]
    extra: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for k in copies:
        orgs = [_suffix(o["key"], k) for o in demo.get("organisations", [])]
        generated = _generated_people(max(0, people - len(demo.get("people", []))), k, orgs, rng)
        out["people"] += generated
        keys = [p["key"] for p in generated]
        for n, event in enumerate(demo.get("events", [])):
            count = max(0, attendees - len(event.get("participants", []))) if keys else 0
            extra[k, event["code"]] = _generated_attendees(event, keys, n * attendees, count)
    out["clusters"] = [_cluster(c, k) for k in copies for c in demo.get("clusters", [])]
    out["pairings"] = [_pairing(p, k) for k in copies for p in demo.get("pairings", [])]
    out["events"] = [
        _event(e, k, event_scale, [extra[j, e["code"]] for j in (range(event_scale) if k == 0 else (k,))])
        for k in copies for e in demo.get("events", [])
    ]
    return out

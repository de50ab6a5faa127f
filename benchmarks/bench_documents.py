"""200 visa invitation letters and 200 badges of a study visit, against typst alone.

Ours reads the visit and its 200 delegates (names in Latin and in Japanese,
Korean or Thai script), numbers and logs each letter, typesets it from the
bundled template with the bundled fonts and writes one PDF per letter. Two
baselines, each typst alone with the same fonts, writing one file per delegate:
its minimal document (one line: a name in Latin and in its own script), and the
same letter template compiled from data already in memory (what the app adds).
Badges likewise: ours reads the 200 delegates, makes each one's QR code, sets
the A4 sheets (8 badges a page) in one PDF and records the print; beside typst's
minimal document per delegate and the same badge sheet compiled from data
already in memory. Ours and a baseline alternate run by run; goal: time per
document (per letter, per badge), ratio of the medians <= 1.5.

A letters baseline, typst's barest one-page letter with a name table (MINIMAL_LETTER), and
the floor line after it, that letter against the minimal document with typst on both
sides, show that no letter can meet the goal against the one-line document: typst itself
takes more than 1.5x its minimal document for the barest letter.

The last letters baseline is the floor of any "one compile for the whole batch"
route: the same template set for all 200 letters in ONE typst compile (each
letter evaluated with its own data), written as one PDF and never split. Even
that costs more per letter than the minimal document, so no batch route can
reach the goal against it; and splitting the batch into one file per letter
adds its own cost (pypdf, pure Python: about what the batch saves) while every
split file would embed the font subsets, with their character maps, of every
other delegate's name.
Run:
    .venv/bin/python benchmarks/bench_documents.py [--runs N] [--only letters|badges]
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import typst
from sqlalchemy import select

from iurc_desktop.app import badges, documents
from iurc_desktop.core import timeutil
from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Item, Organisation, Participation, Person
from iurc_desktop.exchange.documents.engine import data_json, fonts_dir, template_path
from iurc_desktop.exchange.documents.badges import Badge, BadgeSheet, check_in_code, qr_svg, role_colour
from iurc_desktop.exchange.documents.letters import Host, LetterData
from timing import alternated, seconds, spread, verdict

CODE = "bench-visit"
LETTERS, ROUNDS = 200, 3
GOAL = 1.5
NAMES = (("Haruto", "Sato", "佐藤 陽斗"), ("Min-jun", "Kim", "김민준"), ("Somchai", "Jaidee", "สมชาย ใจดี"))
MINIMAL = b"""#let d = json(bytes(sys.inputs.data))
#set text(font: ("Noto Sans", "WenQuanYi Micro Hei", "Noto Sans Thai"))
Invitation for #d.latin (#d.local)
"""
# The barest letter typst sets: one A4 page, a heading, a paragraph and a two-column table with the name in both
# scripts (the "one-page letter with a CJK table" the issue measured typst on). No letter can cost less.
MINIMAL_LETTER = b"""#let d = json(bytes(sys.inputs.data))
#set page(paper: "a4")
#set text(font: ("Noto Sans", "WenQuanYi Micro Hei", "Noto Sans Thai"))
International Urban and Regional Cooperation

To the Embassy or Consulate of #d.destination

*Invitation letter*

We hereby invite the person named below to take part in the study visit #d.event_title.

#table(columns: 2, [Name as in passport], d.latin_name, [Name in own script], d.local_name)

Yours faithfully, \\ #d.sender
"""
# Every letter in one compile: the unchanged template evaluated once per letter, its sys.inputs.data that letter's.
BATCH = b"""#let letters = json(bytes(sys.inputs.data))
#let template = read("letter.typ")
#for (i, d) in letters.enumerate() {
  if i > 0 { pagebreak() }
  counter(page).update(1)
  eval(template, mode: "markup", scope: (sys: (inputs: (data: bytes(json.encode(d))))))
}
"""


def build(session) -> None:  # type: ignore[no-untyped-def]
    host = Organisation(key="seoul", name="Seoul Metropolitan Government", local_name="서울특별시", kind="city",
                        sector="government", country="KR", zone="Asia/Seoul", place="Seoul")
    home = Organisation(key="aichi", name="Aichi Prefecture", local_name="愛知県", kind="prefecture",
                        sector="government", country="JP", zone="Asia/Tokyo")
    event = Event(code=CODE, kind="study_visit", title="Benchmark visit", zone="Asia/Seoul",
                  start_date=date(2027, 5, 10), end_date=date(2027, 5, 15), organiser_name="IURC team",
                  organiser_email="info@example.eu", description="Smart mobility and hydrogen.")
    for n in range(5):
        start = timeutil.to_utc(datetime(2027, 5, 10 + n, 10), "Asia/Seoul")
        event.items.append(Item(key=f"visit-{n}", title=f"Site visit {n}", kind="site_visit", zone="Asia/Seoul",
                                start_utc=start, end_utc=start, host=host, place="Seoul"))
    for n in range(LETTERS):
        given, family, local = NAMES[n % 3]
        person = Person(given_name=f"{given}{n}", family_name=family, local_name=local, name_order="family_first",
                        email=f"p{n}@example.org", nationality="JP", organisation=home, job_title="Officer")
        event.participations.append(Participation(person=person, status="confirmed", visa_needed=True))
    session.add(event)


def compiler(path: Path) -> typst.Compiler:
    """typst on its own, with the bundled fonts and nothing else."""
    return typst.Compiler(str(path), font_paths=typst.Fonts(False, False, [str(fonts_dir())]), ignore_system_fonts=True)


def minimal_inputs() -> list[str]:
    """Each delegate's name for the minimal document."""
    return [json.dumps({"latin": f"{family.upper()} {given}{n}", "local": local}, ensure_ascii=False)
            for n, (given, family, local) in ((n, NAMES[n % 3]) for n in range(LETTERS))]


def letter_inputs() -> list[str]:
    """Each delegate's letter as the app fills it, already in memory."""
    host = Host("Seoul Metropolitan Government", "서울특별시", "Seoul")
    return [data_json(LetterData(
        number=f"{CODE.upper()}/{n + 1:03d}", issued_on=date.today(), sender="IURC team",
        sender_email="info@example.eu", destination="South Korea", countries="South Korea",
        latin_name=f"{family.upper()} {given}{n}", local_name=local, nationality="Japan",
        organisation="Aichi Prefecture", organisation_local="愛知県", job_title="Officer",
        event_title="Benchmark visit", purpose="Smart mobility and hydrogen.", start=date(2027, 5, 10),
        end=date(2027, 5, 15), paid_by=documents.PAID_BY, hosts=[host], places=["Seoul"]))
        for n, (given, family, local) in ((n, NAMES[n % 3]) for n in range(LETTERS))]


def batch_inputs() -> list[str]:
    """All the letters as one input: the batch compile's."""
    return [f"[{','.join(letter_inputs())}]"]


def badge_inputs() -> list[str]:
    """The 200 badges as one sheet, as the app fills it, already in memory (the QR codes made)."""
    rows = [Badge(f"{family.upper()} {given}{n}", local, "Aichi Prefecture", "愛知県", "delegate", role_colour("delegate"),
                  "", check_in_code(CODE, n), qr_svg(check_in_code(CODE, n)))
            for n, (given, family, local) in ((n, NAMES[n % 3]) for n in range(LETTERS))]
    return [data_json(BadgeSheet("a4", "Benchmark visit", "10 May 2027 – 15 May 2027", rows))]


def floor(typst_alone, letter, minimal) -> None:  # type: ignore[no-untyped-def]
    """typst's barest letter against its minimal document, both typst alone: the least any letter costs."""
    letter_times, minimal_times = alternated(ROUNDS, lambda: typst_alone(*letter), lambda: typst_alone(*minimal))
    verdict(f"floor: typst's barest letter vs its minimal document, per document ({LETTERS} a run)",
            [t / LETTERS for t in letter_times], "typst minimal document", [t / LETTERS for t in minimal_times], GOAL)


def compare(label: str, ours, typst_alone, baselines) -> None:  # type: ignore[no-untyped-def]
    """Ours against each baseline, run by run, per document."""
    ours()  # the first compile reads the fonts; no side pays it in the runs
    for _name, typst_compiler, inputs in baselines:
        typst_alone(typst_compiler, inputs)
    for name, typst_compiler, inputs in baselines:
        app_times, raw_times = alternated(ROUNDS, ours, lambda: typst_alone(typst_compiler, inputs))
        print(f"{LETTERS} {label}s: {spread(app_times, 's')} in all")
        verdict(f"per {label} ({LETTERS} a run)", [t / LETTERS for t in app_times], name,
                [t / LETTERS for t in raw_times], GOAL)


def main() -> None:
    global ROUNDS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=ROUNDS, help="runs of each side (alternated)")
    parser.add_argument("--only", choices=("letters", "badges"), help="one document kind")
    args = parser.parse_args()
    ROUNDS = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(f"sqlite:///{folder / 'bench.db'}")
        with db.transaction() as session:
            build(session)
        (folder / "minimal.typ").write_bytes(MINIMAL)
        (folder / "batch.typ").write_bytes(BATCH)
        (folder / "minimal-letter.typ").write_bytes(MINIMAL_LETTER)
        shutil.copy(template_path("letter"), folder / "letter.typ")
        runs = itertools.count()

        def ours() -> float:
            out = folder / f"app-{next(runs)}"
            return seconds(lambda: documents.write_letters(db, CODE, out))

        def our_badges() -> float:
            with db.transaction() as session:  # a new title each run (untimed): typst would hand back the last sheet
                session.scalar(select(Event).where(Event.code == CODE)).title = f"Benchmark visit {next(runs)}"
            return seconds(lambda: badges.write_badges(db, CODE, folder / "badges.pdf"))

        def typst_alone(typst_compiler: typst.Compiler, inputs: list[str]) -> float:
            out = folder / "raw"
            out.mkdir(exist_ok=True)

            def batch() -> None:
                run = str(next(runs))  # a new input each run: typst would hand back the last run's document
                for n, data in enumerate(inputs):
                    (out / f"{n}.pdf").write_bytes(typst_compiler.compile(format="pdf",
                                                                          sys_inputs={"data": data, "run": run}))

            return seconds(batch)

        minimal = ("typst minimal document", compiler(folder / "minimal.typ"), minimal_inputs())
        if args.only != "badges":
            barest = ("typst barest one-page letter", compiler(folder / "minimal-letter.typ"), letter_inputs())
            compare("letter", ours, typst_alone, (
                minimal, barest, ("typst, same letter", compiler(template_path("letter")), letter_inputs()),
                ("typst, all letters in one compile, unsplit", compiler(folder / "batch.typ"), batch_inputs())))
            floor(typst_alone, barest[1:], minimal[1:])
        if args.only != "letters":
            compare("badge", our_badges, typst_alone, (
                minimal, ("typst, same badges", compiler(template_path("badges")), badge_inputs())))
        db.dispose()


if __name__ == "__main__":
    main()

"""Sending the outbox against handing the same messages to the server with `smtplib` alone, on one connection.

Run: .venv/bin/python benchmarks/bench_outbox.py [--messages 200] [--runs 3]

A local aiosmtpd server takes every message. The raw side sends each queued message's bytes with
`smtplib.SMTP.sendmail`; the outbox side is `app.outbox.send_queued` on a SQLite file, which also
writes "sending" and then "sent" (two commits) per message: that is the price of never sending twice.
Queuing (building each message once) is timed on its own.

Goal: the outbox's own cost at most 10 ms a message over the raw handover (medians). A ratio would mislead:
the local server answers in about a millisecond, a real one over the internet in tens to hundreds.
"""

from __future__ import annotations

import argparse
import os
import smtplib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-outbox-config-")

from iurc_desktop.app import database, outbox  # noqa: E402
from iurc_desktop.app.outbox import MailSettings  # noqa: E402
from iurc_desktop.core.mail.draft import Attachment, Draft  # noqa: E402
from tests.mail_server import Recorder, Server  # noqa: E402

GOAL_MS = 10.0
CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def drafts(n: int) -> list[Draft]:
    return [Draft(f"p{i}@example.org", f"Person {i}", f"Invitation {i}", "Dear Person,\n\nplease accept.\n" * 20,
                  "invitation", attachments=(Attachment("invite.ics", "text/calendar", CALENDAR),),
                  calendar_method="REQUEST") for i in range(n)]


def one_run(n: int, port: int, folder: Path) -> tuple[float, float, float]:
    db = database.open(f"sqlite:///{folder / f'bench-{time.time_ns()}.db'}")
    try:
        started = time.perf_counter()
        outbox.queue(db, drafts(n))
        queued = time.perf_counter() - started
        raws = [(row.to_address, row.id) for row in outbox.outbox(db, limit=None).rows]
        with db.reading() as session:  # the bytes the outbox will send, for the raw side
            from iurc_desktop.core.models import OutboxMessage

            data = [(address, session.get(OutboxMessage, i).raw) for address, i in raws]  # type: ignore[union-attr]
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for address, raw in data:
                smtp.sendmail("aa@example.eu", [address], raw)
        raw_time = time.perf_counter() - started
        started = time.perf_counter()
        report = outbox.send_queued(db)
        sent_time = time.perf_counter() - started
        assert report.sent == n, report
        return queued, raw_time, sent_time
    finally:
        db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = Server(Recorder()).start()
    try:
        outbox.save_settings(MailSettings(host="127.0.0.1", port=server.port, security="none",
                                          from_address="aa@example.eu"))
        with tempfile.TemporaryDirectory() as folder:
            runs = [one_run(args.messages, server.port, Path(folder)) for _ in range(args.runs)]
    finally:
        server.stop()
    queued, raw, sent = (statistics.median(column) for column in zip(*runs))
    n = args.messages
    own = (sent - raw) / n * 1000
    print(f"{n} messages, median of {args.runs} runs")
    print(f"  queue (build once)     {queued * 1000:8.1f} ms  ({queued / n * 1000:.2f} ms a message)")
    print(f"  smtplib alone          {raw * 1000:8.1f} ms  ({raw / n * 1000:.2f} ms a message)")
    print(f"  outbox send_queued     {sent * 1000:8.1f} ms  ({sent / n * 1000:.2f} ms a message)")
    print(f"  ratio {sent / raw:.2f}x; the outbox's own cost {own:.2f} ms a message"
          f" (goal at most {GOAL_MS:.0f} ms): {'met' if own <= GOAL_MS else 'NOT met'}")
    return 0 if own <= GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""A sender killed while a message was in the server's hands: the next send puts it to review and sends the rest once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from iurc_desktop.app import outbox
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.core.db import Database
from iurc_desktop.core.mail.draft import Draft
from tests.mail_server import Recorder, Server

pytest_plugins = ("tests.mail_fixtures",)

SEND = "import sys\nfrom iurc_desktop.app import database, outbox\noutbox.send_queued(database.open(sys.argv[1]))\n"


def test_a_killed_sender_never_causes_a_second_copy(db: Database, db_url: str, servers: list[Server], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    handler = Recorder(hold_after_data=3)  # the 3rd message is taken; the answer waits
    server = Server(handler).start()
    servers.append(server)
    outbox.save_settings(MailSettings(host="127.0.0.1", port=server.port, security="none", from_address="aa@example.eu"))
    outbox.queue(db, [Draft(f"p{i}@example.org", f"P {i}", f"Hello {i}", "Hi\n", "free") for i in range(1, 6)])

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    sender = subprocess.Popen([sys.executable, "-c", SEND, db_url], env=env)
    try:
        deadline = time.monotonic() + 60
        while len(handler.received) < 3 and time.monotonic() < deadline and sender.poll() is None:
            time.sleep(0.05)
        assert len(handler.received) == 3
    finally:
        sender.kill()  # dies between handing the 3rd message over and hearing that it arrived
        sender.wait(timeout=30)
    handler.release.set()
    page = outbox.outbox(db)
    assert (page.counts["sent"], page.counts["sending"], page.counts["queued"]) == (2, 1, 2)

    report = outbox.send_queued(db)

    assert (report.sent, report.review, report.left_queued) == (2, 1, 0)
    unsure = [row for row in outbox.outbox(db).rows if row.state == "review"]
    assert [row.to_address for row in unsure] == ["p3@example.org"]
    seen = Counter(handler.message_ids())
    assert len(seen) == 5 and max(seen.values()) == 1  # each arrived once: the one in flight was not sent blindly

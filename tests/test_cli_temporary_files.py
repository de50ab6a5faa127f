"""The command line when the app's own temporary folder cannot be written: a message to act on, nothing written."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url


def test_an_unwritable_temporary_folder_is_a_message_not_a_traceback(url: str, out: Path, capsys, monkeypatch) -> None:
    def refused(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:  # noqa: A002
        raise PermissionError(13, "Permission denied", str(Path(dir or ".") / "openpyxl.x"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    code, _, err = run(capsys, "--db", url, "export", "roster", "r2r-japan-2022", "--kind", "participants",
                       "-o", str(out / "roster.xlsx"))
    assert code == 1
    assert "Cannot make a temporary file in" in err and "Permission denied" in err and "make it writable" in err
    assert "Traceback" not in err and "internal error" not in err
    assert list(out.iterdir()) == []

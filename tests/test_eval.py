"""`scribe eval` on folders of cases in the shared format, seen and unseen."""

from __future__ import annotations

import json
from pathlib import Path

from scribe.evaluate import normalise_words, word_errors

REPO = Path(__file__).resolve().parent.parent

GOOD = "Thirty minutes of Swedish massage to the low back. Low back pain six out of ten before, three after."


def _case(folder: Path, name: str, text: str | None, expect: dict | str | None, ext=".txt") -> None:
    if text is not None:
        (folder / f"{name}{ext}").write_text(text)
    if expect is not None:
        (folder / f"{name}.json").write_text(expect if isinstance(expect, str) else json.dumps(expect))


def test_eval_reports_each_case_and_the_summary(cli, tmp_path, scribe_home):
    d = tmp_path / "cases"
    (d / "sub").mkdir(parents=True)
    _case(d, "right", GOOD, {"lines": [{"cpt": "97124", "units": 2}], "pain": {"before": 6, "after": 3},
                             "regions": ["lumbar"], "flags_absent": ["MISSING_DURATION"]})
    _case(d / "sub", "wrong_units", GOOD, {"lines": [{"cpt": "97124", "units": 3}], "pain": {"before": 5}})
    _case(d, "orphan_json", None, {"lines": []})
    _case(d, "orphan_text", GOOD, None)
    _case(d, "twice", GOOD, {"lines": []})
    (d / "twice.wav").write_bytes(b"RIFF")
    _case(d, "malformed", GOOD, "{not json")
    _case(d, "typo_key", GOOD, {"line": []})
    (d / "lonely.ref.txt").write_text("words")
    res = cli("eval", d, "--json")
    assert res.code == 0, res.err
    out = res.json()
    by = {c["name"]: c for c in out["cases"]}
    assert set(by) == {"right", "sub/wrong_units", "orphan_json", "orphan_text", "twice", "malformed", "typo_key"}
    assert by["right"]["passed"] is True and by["right"]["differences"] == []
    assert by["sub/wrong_units"]["passed"] is False
    assert any("97124x3" in d for d in by["sub/wrong_units"]["differences"])
    assert any("pain before" in d for d in by["sub/wrong_units"]["differences"])
    for name in ("orphan_json", "orphan_text", "twice", "malformed", "typo_key"):
        assert by[name]["passed"] is False and by[name]["differences"], name
    s = out["summary"]
    assert (s["passed"], s["total"]) == (1, 7)
    assert s["line_precision"] == 0.5 and s["line_recall"] == 0.5  # 1 of 2 produced, 1 of 2 expected
    assert "wer" not in s
    # never writes to the session store
    assert not (scribe_home / "scribe.db").exists()
    text = cli("eval", d)
    assert text.code == 0 and "PASS  right" in text.out and "cases passed    1/7" in text.out


def test_payer_in_case_wins_over_flag(cli, tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    note = "Twenty four minutes of balance training on the wobble board, then twenty three minutes of " \
           "therapeutic exercise with theraband for the right shoulder. Shoulder pain 5/10, after 3/10."
    _case(d, "cms", note, {"payer": "commercial-cms",
                           "lines": [{"cpt": "97112", "units": 2}, {"cpt": "97110", "units": 1}]})
    _case(d, "flag", note, {"lines": [{"cpt": "97112", "units": 2}, {"cpt": "97110", "units": 1}]})
    out = cli("eval", d, "--payer", "commercial", "--json").json()
    by = {c["name"]: c["passed"] for c in out["cases"]}
    assert by == {"cms": True, "flag": False}  # per-code: 24 -> 2 units and 23 -> 2 units


def test_eval_on_one_case_file_and_missing_path(cli, tmp_path):
    d = tmp_path / "one"
    d.mkdir()
    _case(d, "x", GOOD, {"lines": [{"cpt": "97124", "units": 2}]})
    assert cli("eval", d / "x.json", "--json").json()["summary"]["passed"] == 1
    assert cli("eval", d / "x.txt", "--json").json()["summary"]["passed"] == 1
    assert cli("eval", tmp_path / "nothing").code == 2


def test_wer_normalisation():
    ref = normalise_words("Pain seven out of ten, thirty minutes.")
    hyp = normalise_words("pain 7 out of 10 30 minutes")
    assert ref == hyp == ["pain", "7", "out", "of", "10", "30", "minutes"]
    assert word_errors(["a", "b", "c"], ["a", "x", "c", "d"]) == 2


def test_project_cases_run(cli):
    out = cli("eval", REPO / "samples" / "text", "--json").json()
    assert out["summary"]["total"] >= 60
    assert all(c["differences"] == [] for c in out["cases"] if c["passed"])

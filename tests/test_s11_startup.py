"""What `scribe process FILE` saves of its start (session 11): the analysis process is spawned before
anything heavy is imported, spaCy loads without its command line, and the program ends without
tearing the speech model down. Each must leave every answer as it was; these tests check that."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "audio" / "headache_jaw.ogg"


def _python(code: str, home: Path) -> list[str]:
    """Run code in a fresh interpreter (sys.modules as a program starts) and return its printed lines."""
    env = {**os.environ, "SCRIBE_HOME": str(home), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                         check=True)
    return out.stdout.split()


def test_telling_a_recording_from_a_note_imports_neither_numpy_nor_the_models(tmp_path):
    """So `scribe process FILE` can spawn its analysis process before those imports."""
    lines = _python("import sys; from pathlib import Path; from scribe.inputs import is_audio;"
                    "print(is_audio(Path('a.M4A')), is_audio(Path('a.txt')), 'numpy' in sys.modules,"
                    " 'models' in sys.modules, 'pydantic' in sys.modules)", tmp_path)
    assert lines == ["True", "False", "False", "False", "False"]


def test_the_audio_formats_are_one_list():
    from scribe import audio, inputs

    assert audio.AUDIO_EXTENSIONS is inputs.AUDIO_EXTENSIONS
    assert inputs.audio_extensions() == set(audio.AUDIO_EXTENSIONS)


def test_the_analysis_process_starts_without_importing_the_models(tmp_path):
    lines = _python("import sys; import scribe.analysis_process; print('models' in sys.modules)", tmp_path)
    assert lines == ["False"]


def test_extraction_loads_spacy_without_its_command_line_and_loses_nothing(tmp_path):
    """`spacy.cli` is ~360 modules extraction never uses; spacy.info and `import spacy.cli` still work."""
    lines = _python(
        "import sys; from extraction import load_pipeline; nlp = load_pipeline('');"
        "print(any(m == 'spacy.cli' or m.startswith('spacy.cli.') for m in sys.modules));"
        "import spacy; print(spacy.info(silent=True)['spacy_version'] == spacy.__version__);"
        "import spacy.cli; print(callable(spacy.cli.setup_cli), 'spacy.cli.info' in sys.modules)", tmp_path)
    assert lines == ["False", "True", "True", "True"]


def test_the_pipeline_reads_a_note_the_same_whichever_way_spacy_was_imported(tmp_path):
    """A pipeline built after the ordinary `import spacy` and one built through extraction's
    import give the same facts, evidence and all."""
    note = ("Neck pain 6/10, tension headaches. Twenty five minutes of myofascial release to the upper traps"
            " bilaterally, then 15 min of Swedish to the low back. Client left at 3/10.")
    code = ("import json, sys; {first} from models import Transcript; from extraction import extract;"
            "print(json.dumps(extract(Transcript.from_text(sys.argv[1])).model_dump(mode='json'), sort_keys=True))")
    env = {**os.environ, "SCRIBE_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    outs = []
    for first in ("import spacy;", ""):
        out = subprocess.run([sys.executable, "-c", code.format(first=first), note], cwd=REPO, env=env,
                             capture_output=True, text=True, check=True)
        outs.append(out.stdout)
    assert json.loads(outs[0])["facts"] and outs[0] == outs[1]


def test_an_unknown_payer_stops_a_recording_before_any_work_and_leaves_no_process(cli):
    """The analysis process is spawned before the payer is checked; a refusal stops it."""
    import multiprocessing

    result = cli("process", str(SAMPLE), "--payer", "no-such-payer")
    assert result.code == 2 and "no-such-payer" in result.err
    assert multiprocessing.active_children() == []


@pytest.mark.slow
def test_scribe_process_on_a_recording_prints_everything_and_saves_before_it_ends(tmp_path):
    """Run as the program, `scribe process FILE` skips the interpreter's teardown: the JSON on
    standard output is whole, the exit code is kept, and the session is in the store."""
    env = {**os.environ, "SCRIBE_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "scribe", "process", str(SAMPLE), "--json"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    session = json.loads(out.stdout)
    assert session["claim"]["lines"]
    shown = subprocess.run([sys.executable, "-m", "scribe", "show", session["id"], "--json"], cwd=REPO, env=env,
                           capture_output=True, text=True, check=True)
    assert json.loads(shown.stdout)["claim"] == session["claim"]


def test_one_command_parses_and_helps_as_it_does_among_all_of_them(capsys):
    """`scribe COMMAND` builds only that command's parser (one module imported, not fifteen)."""
    from scribe.cli import COMMANDS, build_parser

    lines = [["process", "a.m4a", "--payer", "medicare", "--json", "--date", "2026-11-30"],
             ["show", "20261130-abc123", "--json"], ["export", "x", "--format", "837p", "--out", "y"],
             ["sessions", "--status", "draft"]]
    for words in lines:
        assert vars(build_parser(only=words[0]).parse_args(words)) == vars(build_parser().parse_args(words))
    for name in COMMANDS:
        helps = []
        for parser in (build_parser(only=name), build_parser()):
            with pytest.raises(SystemExit):
                parser.parse_args([name, "--help"])
            helps.append(capsys.readouterr().out)
        assert helps[0] == helps[1] and name in helps[0]
    assert build_parser(only="--help").format_help() == build_parser().format_help()

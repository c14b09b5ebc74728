"""The clinic's own vocabulary: ``vocab/clinic.jsonl`` in the data folder, taught from the page or CLI.

Each line is an ``extraction.clinic.ClinicWord`` (the shipped mishearings format plus a side
and an origin), read through that strict model, so a malformed file fails naming the file and
the line and nothing is lost: every change validates the whole new file before it replaces the
old one atomically (owner-only). Extraction never reads this file; scribe hands its words to
the pipeline as data (``words_text``). How many notes an entry changed is counted from the
notes themselves (facts whose evidence cites ``clinic/<id>``), so it can never drift.
"""

from __future__ import annotations

import getpass
import re
from datetime import datetime, timezone
from pathlib import Path

from extraction import clinic
from extraction.clinic import ClinicWord, Origin
from extraction.vocab import PatternFileError
from models import Laterality
from scribe.errors import BadInput, NotFound, Refused


# What each code family is taught as when only the code is given (`--cpt 97140`): the
# family's general technique, so the line's code is the shipped rule's for that family.
FAMILY_DEFAULT = {
    "97010": "hot_cold_pack", "97035": "ultrasound", "97110": "therapeutic_exercise",
    "97112": "neuromuscular_reeducation", "97116": "gait_training", "97124": "massage",
    "97140": "soft_tissue_mobilization", "97530": "therapeutic_activities",
}


def path() -> Path:
    from scribe import paths

    return paths.clinic_words_path()


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{file} cannot be read ({exc}).", "Check the file is yours and is text.") from None


def _parse(text: str, file: Path) -> tuple[ClinicWord, ...]:
    try:
        return clinic.parse(text, source=str(file))
    except PatternFileError as exc:
        raise BadInput(f"{exc}.", "Nothing was changed; fix or remove that line (one JSON object a line).") from None


def load() -> tuple[ClinicWord, ...]:
    """The clinic's words, validated; none when the file does not exist yet."""
    file = path()
    return _parse(_read(file), file)


def words_text(words: tuple[ClinicWord, ...] | None = None) -> str:
    """The words as the pipeline takes them: origin left out, so editing where an entry came
    from does not rebuild the pipeline."""
    words = load() if words is None else words
    return "".join(w.model_dump_json(exclude={"origin"}, exclude_none=True) + "\n" for w in words)


def _dump(words: list[ClinicWord]) -> str:
    return "".join(w.model_dump_json(exclude_none=True) + "\n" for w in words)


def _save(words: list[ClinicWord]) -> None:
    from scribe.fsutil import atomic_write_text

    file = path()
    text = _dump(words)
    _parse(text, file)  # the new file must read back whole before it replaces the old one
    atomic_write_text(file, text)


def _slug(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")[:40] or "word"


def make(kind: str, phrase: str, *, target: str = "", cpt: str | None = None, side: str | None = None,
         note: str | None = None, by: str | None = None, words: tuple[ClinicWord, ...] = ()) -> ClinicWord:
    """A new entry from what the therapist said the words are (validated, not yet saved)."""
    from extraction import vocab

    phrase = " ".join(phrase.split())
    if kind == "technique" and not target:
        if cpt not in FAMILY_DEFAULT:
            raise BadInput(f"{cpt or 'No code'} is not a technique code family Scribe bills by technique.",
                           f"Use one of {', '.join(sorted(FAMILY_DEFAULT))}, or --technique ID.")
        target = FAMILY_DEFAULT[cpt]
    if kind == "technique" and cpt and vocab.technique_by_id().get(target) and vocab.technique_by_id()[target].cpt != cpt:
        raise BadInput(f"{target} is billed as {vocab.technique_by_id()[target].cpt}, not {cpt}.")
    if kind == "area":
        target = _area_id(target)
    taken = {w.id for w in words}
    base = f"clinic.{_slug(phrase)}"
    new_id, n = base, 2
    while new_id in taken:
        new_id, n = f"{base}_{n}", n + 1
    origin = Origin(note=note, at=datetime.now(timezone.utc).replace(microsecond=0), by=by or _who())
    try:
        return ClinicWord(id=new_id, kind=kind, target=target, heard=[phrase],
                          laterality=Laterality(side) if side else None, origin=origin)
    except ValueError as exc:
        raise BadInput(f"That cannot be taught: {clinic._short(exc)}.") from None


def _area_id(name: str) -> str:
    """An area by id or by label ('upper trapezius' or 'upper_trapezius')."""
    from extraction import vocab

    areas = vocab.area_by_id()
    if name in areas:
        return name
    for a in areas.values():
        if name.strip().lower() in {a.label.lower(), a.id.replace("_", " ")}:
            return a.id
    raise BadInput(f"'{name}' is not an area Scribe knows.", f"Known areas: {', '.join(sorted(areas))}.")


def _who() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "therapist"


def add(word: ClinicWord) -> ClinicWord:
    """Teach one entry; refused with the reason when it would change a shipped term's meaning."""
    words = list(load())
    reason = clinic.conflict(word, words)
    if reason:
        raise Refused(reason)
    _save([*words, word])
    return word


def find(phrase_or_id: str) -> ClinicWord:
    key = " ".join(phrase_or_id.split()).lower()
    for w in load():
        if w.id == phrase_or_id or key in {h.lower() for h in w.heard}:
            return w
    raise NotFound(f"'{phrase_or_id}' is not in the clinic's vocabulary.", "See 'scribe vocab list'.")


def remove(phrase_or_id: str) -> ClinicWord:
    """Forget one entry (by id or one of its phrases); later notes read without it."""
    gone = find(phrase_or_id)
    _save([w for w in load() if w.id != gone.id])
    return gone


def replace(entry_id: str, new: ClinicWord) -> ClinicWord:
    """Edit an entry in place (what it means, its side), keeping its id and origin."""
    old = find(entry_id)
    new = new.model_copy(update={"id": old.id, "origin": old.origin})
    others = [w for w in load() if w.id != old.id]
    reason = clinic.conflict(new, others)
    if reason:
        raise Refused(reason)
    _save([new if w.id == old.id else w for w in load()])
    return new


def export(dest: Path) -> int:
    from scribe.fsutil import atomic_write_text

    words = load()
    atomic_write_text(Path(dest), _dump(list(words)))
    return len(words)


def import_file(src: Path) -> tuple[int, int]:
    """Add another clinic's file: all of it or nothing. Returns (added, already here)."""
    src = Path(src)
    if not src.is_file():
        raise NotFound(f"{src} does not exist.")
    incoming = _parse(_read(src), src)
    words = list(load())
    by_id = {w.id: w for w in words}
    added = same = 0
    problems = []
    for w in incoming:
        if w.id in by_id:
            if by_id[w.id].model_dump(exclude={"origin"}) == w.model_dump(exclude={"origin"}):
                same += 1
                continue
            problems.append(f"{w.id}: a different entry with this id is already taught")
            continue
        reason = clinic.conflict(w, words)
        if reason:
            problems.append(f"{w.id}: {reason}")
            continue
        words.append(w)
        by_id[w.id] = w
        added += 1
    if problems:
        raise Refused(f"{src} was not imported: " + " ".join(problems), "Nothing was changed.")
    _save(words)
    return added, same


def changed_counts(store) -> dict[str, int]:
    """How many notes each entry changed: notes with a fact the entry's words made."""
    counts: dict[str, int] = {}
    for session in store.list():
        ids = {f.evidence.rule_id.removeprefix("clinic/") for f in session.extraction.facts
               if f.evidence.rule_id and f.evidence.rule_id.startswith("clinic/")}
        for i in ids:
            counts[i] = counts.get(i, 0) + 1
    return counts

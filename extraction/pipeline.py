"""The spaCy pipeline: blank English with a few tokenizer rules, then the scribe components.

Built once per process (``functools.cache``); every matcher is compiled when its component
is created, so a call only runs matchers over the text.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import ORTH
from spacy.lang.en import English
from spacy.language import Language

import extraction.components  # noqa: F401  (registers the scribe_ factories)
import extraction.components.clinic  # noqa: F401  (scribe_clinic: a clinic's taught words)

COMPONENTS = (
    "scribe_sentences",
    "scribe_numbers",
    "scribe_techniques",
    "scribe_areas",
    "scribe_fuzzy",
    "scribe_area_references",
    "scribe_clauses",
    "scribe_cues",
    "scribe_conditions",
    "scribe_tables",
    "scribe_durations",
    "scribe_pain",
    "scribe_context",
    "scribe_questions",
    "scribe_realized",
    "scribe_sections",
    "scribe_templates",
    "scribe_recap",
    "scribe_addenda",
    "scribe_corrections",
)

# Cells of a row pasted from software: a bar always parts two cells ("97110|L ankle AROM|0:16"), and a
# comma does between a word and a number or after a stopwatch reading ("hamstrings,00:20:00,97124"),
# never inside a number ("1,200 yards" keeps its comma).
_TABLE_INFIXES = [r"\|", r"(?<=[A-Za-z)\]]),(?=[\d(,])", r"(?<=[)\]]),(?=[A-Za-z])", r"(?<=[A-Za-z])[)\]](?=,)",
                  r"(?<=\d:\d\d),", r"(?<=,),"]

# Dictation shorthand the default English rules leave glued: "15mins", "2:40pm", "x15", "~15", "7/10->3/10",
# and a range typed with an en or em dash, "10–15 minutes" (the default rules split "10-15" only).
_SUFFIXES = [r"(?<=\d)(?:mins?|minutes?|hrs?|hours?|am|pm|a\.m\.|p\.m\.)$"]
# A thumb-typed service name glued to its minutes ("DT30min", "NMR38min", "TE10'") parts from them when the
# count carries a minute unit: only then, so spinal levels, gauges and units ("L4", "T12", "cm2") stay whole.
_PREFIXES = [r"[xX×~≈](?=\d)", r"[A-Za-z]{2,6}(?=\d{1,3}(?:mins?|minutes?|m|')[.,;:)]*$)"]
_INFIXES = [r"->|→|=>|-->", r"(?<=\d)[–—](?=\d)", *_TABLE_INFIXES]


# An arrow typed with spaces round it ("P: 5 -> 3") stays one token, as it is inside "7/10->3/10";
# the default prefix rules would cut it into "-" and ">".
_ARROWS = ("->", "-->", "=>")
_NOT_ABBREVIATIONS = {"m."}


class _Defaults(English.Defaults):
    # "m." is no abbreviation in a note: it is the minutes of a thumb-typed "20m." that ends a sentence
    tokenizer_exceptions = {**{k: v for k, v in English.Defaults.tokenizer_exceptions.items() if k not in _NOT_ABBREVIATIONS},
                            **{a: [{ORTH: a}] for a in _ARROWS}}
    prefixes = _PREFIXES + list(English.Defaults.prefixes)
    suffixes = _SUFFIXES + list(English.Defaults.suffixes)
    infixes = _INFIXES + list(English.Defaults.infixes)


class _DictationEnglish(English):
    """Blank English with the rules above in its language data, so the tokenizer is built once.
    Setting ``prefix_search`` and the others on a built tokenizer reloads its ~1,800 special cases
    each time (a third of a second at every start, issue 15)."""

    Defaults = _Defaults


@lru_cache(maxsize=4)
def load_pipeline(clinic: str = "") -> Language:
    """The extraction pipeline, built once per clinic vocabulary and shared.

    ``clinic`` is the text of a clinic's taught words (extraction/clinic.py), passed in as data
    so extraction reads no clinic file itself; empty: the shipped vocabulary only."""
    nlp = _DictationEnglish()
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", ";", "\n"]})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    if clinic.strip():
        nlp.add_pipe("scribe_clinic", after="scribe_areas", config={"words": clinic})
    return nlp

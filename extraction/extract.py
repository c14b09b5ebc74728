"""extract(): a transcript in, an Extraction out."""

from __future__ import annotations

from extraction import conversation, dictation, service_format, supervisor, symbols
from extraction.components.questions import QUESTIONS
from extraction.components.recap import recap_chars
from extraction.facts import FactBuilder
from extraction.linking import link
from extraction.outcome import findings, pain_before_after, place_unspecified, session_minutes
from extraction.pipeline import load_pipeline
from models import Evidence, Extraction, Transcript


def extract(transcript: Transcript, clinic: str = "") -> Extraction:
    """The facts of a dictation, the treatments built from them and extraction's own findings.

    ``clinic``: a clinic's taught words as text (extraction/clinic.py), empty for none."""
    received = service_format.read(transcript.text)  # a transcription service's marks taken off first
    heard = received.text if received else transcript.text
    talk = conversation.read(heard)  # a Q&A about the session read as statements
    asked = conversation.questions(heard) if talk else []
    if talk:
        asked = [(*received.source(a, b), no) for a, b, no in asked] if received else asked
        received = received.then(talk) if received else talk
    edited = dictation.apply(received.text) if received else dictation.apply(transcript.text)
    if received:
        edited = received.then(edited)
    edited = symbols.apply(edited)  # spoken commands carried out, symbols read as words
    edited = supervisor.apply(edited)  # a supervisor's bracketed corrections replace what they correct
    read = transcript
    if edited.changed:  # read the note as its commands and symbols make it; evidence is mapped back below
        read = transcript.model_copy(update={"text": edited.text, "segments": []})
    nlp = load_pipeline(clinic)
    doc = nlp.make_doc(read.text)
    doc.user_data["scribe_text"] = read.text  # spans.text_of: the Doc's text is the text it was made of
    if asked:
        doc.user_data[QUESTIONS] = _in_read_text(asked, edited)
    doc = nlp(doc)
    builder = FactBuilder(doc, read)
    facts = builder.build()
    treatments = link(doc, builder.mentions, builder.complaint_of)
    facts = place_unspecified(facts)
    before, after = pain_before_after(facts, recap_chars(doc))
    if edited.changed:
        facts = [_said_at(f, edited, transcript) for f in facts]
        treatments = [_said_at(t, edited, transcript) for t in treatments]
        before, after = (_said_at(p, edited, transcript) if p is not None else None for p in (before, after))
    return Extraction(
        facts=facts,
        treatments=treatments,
        pain_before=before,
        pain_after=after,
        session_minutes=session_minutes(facts),
        rule_findings=findings(transcript, facts, treatments),
    )


def _in_read_text(ranges: list[tuple[int, int, bool]], edited: dictation.Edited) -> list[tuple[int, int, bool]]:
    """Ranges of the transcript as received, as ranges of the text read (the characters said there)."""
    out = []
    for a, b, flag in ranges:
        inside = [i for i, (s, e) in enumerate(edited.src) if a <= s and e <= b]
        if inside:
            out.append((inside[0], inside[-1] + 1, flag))
    return out


def _said_at(model, edited: dictation.Edited, transcript: Transcript):
    """A fact or treatment with its evidence moved from the edited text to the transcript as said."""
    def moved(ev: Evidence) -> Evidence:
        lo, hi = edited.source(ev.char_start, ev.char_end)
        span = transcript.time_span(lo, hi) if transcript.segments else None
        return ev.model_copy(update={"char_start": lo, "char_end": hi, "text": transcript.text[lo:hi],
                                     "audio_start": span[0] if span else None, "audio_end": span[1] if span else None})
    ev = model.evidence
    return model.model_copy(update={"evidence": [moved(e) for e in ev] if isinstance(ev, list) else moved(ev)})

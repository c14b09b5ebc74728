"""The questions of a transcribed conversation (extraction/conversation.py): a "no" answers for them.

"Front desk: Did you get to the ultrasound? / Therapist: No, ran out of time." The service the
question names was not done, though the question's own words carry no negation, and the answer
("No, ran out of time") names no service for a negation to reach. So a technique or complaint said
in a question whose answer opens with a no (conversation.jsonl, ``no_answer``) is negated, as the
same words are in "no ultrasound today". ``doc.user_data[QUESTIONS]`` holds the questions' character
ranges in the Doc's text, set by extract() only for a note in that format: other notes cost a lookup.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction.spans import CONDITIONS, TECHNIQUES, hits
from models import Context

QUESTIONS = "scribe_questions"  # [(start_char, end_char, answered_no)] in the Doc's text
_NEGATED_BY_NO = (TECHNIQUES, CONDITIONS)


class QuestionReader:
    def __call__(self, doc: Doc) -> Doc:
        asked = doc.user_data.get(QUESTIONS)
        if not asked:
            return doc
        refused = []
        for start, end, answered_no in asked:
            span = doc.char_span(start, end, alignment_mode="expand") if answered_no else None
            if span is not None:
                refused.append((span.start, span.end))
        for group in _NEGATED_BY_NO if refused else ():
            for span, hit in hits(doc, group):
                if hit.context == Context.performed and any(lo <= span.start < hi for lo, hi in refused):
                    hit.context = Context.negated
        return doc


@Language.factory("scribe_questions")
def make_questions(nlp: Language, name: str) -> QuestionReader:
    return QuestionReader()

"""spaCy components, one per module, registered with ``scribe_``-prefixed factory names."""

from extraction.components import (  # noqa: F401  (importing registers the factories)
    addenda,
    areas,
    clauses,
    conditions,
    corrections,
    context,
    cues,
    durations,
    fuzzy,
    numbers,
    pain,
    questions,
    realized,
    recap,
    references,
    sections,
    sentences,
    tables,
    techniques,
    templates,
)

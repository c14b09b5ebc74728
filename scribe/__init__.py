"""Scribe: a dictated session note to a confirmed SOAP note and claim, on the therapist's machine."""

__version__ = "0.1.0"

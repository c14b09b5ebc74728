"""Extraction: a transcript in, the facts a billing specialist would read out of it.

    from extraction import extract, draft_soap, load_pipeline
"""

from extraction.extract import extract
from extraction.pipeline import load_pipeline
from extraction.soap import draft_soap

__all__ = ["draft_soap", "extract", "load_pipeline"]

"""The built-in formats, registered the same way a clinic's own exporter would be."""

from __future__ import annotations

from scribe.export.base import register
from scribe.export.cms1500 import Cms1500Csv, Cms1500Pdf
from scribe.export.fhir import FhirExporter
from scribe.export.json_export import JsonExporter
from scribe.export.soap_pdf import SoapPdf
from scribe.export.x12_837p import X12Exporter

for exporter in (SoapPdf(), Cms1500Pdf(), Cms1500Csv(), X12Exporter(), FhirExporter(), JsonExporter()):
    register(exporter)

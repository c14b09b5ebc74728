"""The whole session as JSON (the session JSON of cli.md), for other tools and archives."""

from __future__ import annotations

import json

from scribe.export.base import ExportContext, Exporter


class JsonExporter(Exporter):
    name = "json"
    extension = "json"
    label = "The whole session as JSON"

    def render(self, ctx: ExportContext) -> bytes:
        return (json.dumps(ctx.session.to_json_dict(), indent=2) + "\n").encode("utf-8")

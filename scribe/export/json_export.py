"""The session as confirmed, as JSON (the session JSON of cli.md), for other tools and archives.

It is rendered from the frozen claim version like every other format: the claim lines carry the
charges that were billed and the claim its total charge. The export history is left out (it
grows with every export), so exporting an unchanged session again gives the same file.
"""

from __future__ import annotations

import json

from scribe.export.base import ExportContext, Exporter


class JsonExporter(Exporter):
    name = "json"
    extension = "json"
    label = "The whole session as JSON"

    def render(self, ctx: ExportContext) -> bytes:
        session, version = ctx.session, ctx.version
        frozen_at = version.frozen_at if version else ctx.now
        shown = session.model_copy(update={
            "exports": [], "versions": [],
            "audit": [a for a in session.audit if a.at <= frozen_at],
            "updated_at": frozen_at, "revision": 0,
        })
        data = shown.to_json_dict()
        data.pop("exports", None)
        data.pop("versions", None)
        data.pop("revision", None)
        data.pop("updated_at", None)
        data["status"] = "confirmed"
        data["claim_version"] = ctx.version_number
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")

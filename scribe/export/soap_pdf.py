"""The confirmed SOAP note as a one-page PDF a practice can file or hand to a payer.

Header with the practice and provider, the client, date and payer (by name), the four SOAP
sections, the treatments (technique, areas, minutes) with the total timed-code minutes and the
total treatment time (Medicare expects both), pain before and after, the claim lines, an
attestation sentence and a signature line with the time the therapist confirmed the note. It is
rendered from the claim version as confirmed, like every other format.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from scribe.export.base import ExportContext, Exporter

ATTESTATION = ("I attest that I personally provided the services documented in this note on {dos}, "
               "and that the note and the minutes, units and charges above are accurate and complete.")
SECTION_TITLES = {"subjective": "S - Subjective", "objective": "O - Objective",
                  "assessment": "A - Assessment", "plan": "P - Plan"}


def _areas(treatment) -> str:
    out = []
    for a in treatment.areas:
        side = a.laterality.value if a.laterality.value not in ("unspecified",) else ""
        out.append(f"{side} {a.label}".strip())
    return ", ".join(out) or "-"


def _pain(fact) -> str:
    if fact is None:
        return "not recorded"
    return f"{fact.score}/10" + (f" ({fact.location})" if fact.location else "")


def treatment_times(ctx: ExportContext) -> tuple[int, int]:
    """(total timed-code minutes, total treatment time in minutes), as Medicare documentation asks.

    Timed minutes are those of the claim's timed lines; treatment time adds the untimed services'
    minutes (a hot pack), from the treatments as confirmed.
    """
    timed = sum(line.minutes for line in ctx.claim.lines if line.timed)
    total = sum(t.minutes or 0 for t in ctx.session.extraction.treatments)
    return timed, max(total, timed)


def _client_lines(ctx: ExportContext) -> list[str]:
    c, sid = ctx.client, ctx.session.client
    if c is None or not c.full_name:
        return [f"Client: {sid or 'not recorded'}"]
    lines = [f"Client: {c.full_name}" + (f" ({sid})" if sid else "")]
    if c.date_of_birth:
        lines.append(f"Date of birth: {c.date_of_birth:%m/%d/%Y}")
    return lines


class SoapPdf(Exporter):
    name = "soap-pdf"
    extension = "pdf"
    label = "SOAP note (PDF)"
    practice_needs = ("practice.name", "provider.first_name", "provider.last_name")

    def render(self, ctx: ExportContext) -> bytes:
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import letter
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
        from reportlab.lib.units import inch
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

        session, s = ctx.session, ctx.settings
        styles = getSampleStyleSheet()
        body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=9.5, leading=12, spaceAfter=2)
        small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5)
        head = ParagraphStyle("head", parent=styles["Heading3"], fontSize=10.5, spaceBefore=6, spaceAfter=2)
        title = ParagraphStyle("title", parent=styles["Title"], fontSize=15, spaceAfter=4, alignment=0)
        P = lambda text, style=body: Paragraph(escape(str(text)).replace("\n", "<br/>"), style)  # noqa: E731

        p, prov = s.practice, s.provider
        provider = " ".join(x for x in (prov.first_name, prov.last_name) if x)
        provider += f", {prov.credential}" if prov.credential else ""
        zip_code = f"{p.zip[:5]}-{p.zip[5:]}" if p.zip and len(p.zip) == 9 else p.zip
        practice_lines = [p.name or "", p.address or "", " ".join(x for x in (p.city, p.state, zip_code) if x)]
        if p.phone:
            practice_lines.append(f"Phone ({p.phone[:3]}) {p.phone[3:6]}-{p.phone[6:]}")
        provider_lines = [provider, f"NPI {prov.npi or p.billing_npi}" if (prov.npi or p.billing_npi) else ""]
        story = [
            self._two_columns(practice_lines, provider_lines, small, rule=False),
            Spacer(1, 4),
            Paragraph("SOAP note", title),
        ]
        who = _client_lines(ctx) + [f"Date of service: {session.date_of_service:%m/%d/%Y}",
                                    f"Payer: {ctx.payer_display()}",
                                    f"Session: {session.id}" + (f" (version {ctx.version_number})"
                                                                if ctx.version_number > 1 else "")]
        half = (len(who) + 1) // 2
        story.append(self._two_columns(who[:half], who[half:], small, rule=True))
        for field, heading in SECTION_TITLES.items():
            story += [Paragraph(heading, head), P(getattr(session.soap, field) or "Nothing recorded.")]

        story.append(Paragraph("Treatments", head))
        rows = [["Technique", "Areas", "Minutes"]]
        for t in sorted(session.extraction.treatments, key=lambda t: t.order):
            rows.append([P(t.label[:1].upper() + t.label[1:], small), P(_areas(t), small), "-" if t.minutes is None else str(t.minutes)])
        if len(rows) == 1:
            rows.append(["No treatment recorded", "", ""])
        story.append(self._table(rows, [2.4 * inch, 3.6 * inch, 1.0 * inch]))
        timed, total = treatment_times(ctx)
        story.append(Spacer(1, 4))
        story.append(P(f"Total timed code treatment minutes: {timed}; total treatment time: {total} minutes."))
        story.append(P(f"Pain before: {_pain(session.extraction.pain_before)}; "
                       f"pain after: {_pain(session.extraction.pain_after)}"))

        story.append(Paragraph("Claim", head))
        claim = session.claim
        dx = "; ".join(f"{i}. {d.code} {d.description}".strip() for i, d in enumerate(claim.diagnoses, 1))
        story.append(P(f"Diagnoses: {dx or 'none'}", small))
        rows = [["CPT", "Description", "Modifiers", "Units", "Minutes", "Dx", "Charge"]]
        charges = [line.charge for line in claim.lines]
        for line in claim.lines:
            rows.append([line.cpt, P(line.description, small), " ".join(line.modifiers) or "-", str(line.units),
                         str(line.minutes), ",".join(str(x) for x in line.diagnosis_pointers) or "-",
                         "-" if line.charge is None else f"${line.charge:,.2f}"])
        if len(rows) == 1:
            rows.append(["", "No billable service", "", "", "", "", ""])
        elif all(c is not None for c in charges):
            rows.append(["", "Total charge", "", "", "", "", f"${sum(charges):,.2f}"])
        story.append(self._table(rows, [0.6 * inch, 2.9 * inch, 0.8 * inch, 0.5 * inch, 0.65 * inch, 0.6 * inch,
                                        0.95 * inch]))

        confirmed = session.confirmed_at or ctx.now
        story += [
            Spacer(1, 10),
            P(ATTESTATION.format(dos=f"{session.date_of_service:%m/%d/%Y}"), small),
            Spacer(1, 16),
            Table([["", ""], [P(f"{provider}", small),
                              P(f"Confirmed electronically {confirmed:%m/%d/%Y %H:%M} UTC", small)]],
                  colWidths=[3.6 * inch, 3.4 * inch],
                  style=[("LINEABOVE", (0, 1), (0, 1), 0.7, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("TOPPADDING", (0, 0), (-1, 0), 0)]),
        ]
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=letter, leftMargin=0.75 * inch, rightMargin=0.75 * inch,
                                topMargin=0.6 * inch, bottomMargin=0.6 * inch,
                                title=f"SOAP note {session.id}", author=p.name or "")
        doc.build(story, onFirstPage=self._footer(session.id), onLaterPages=self._footer(session.id))
        return buf.getvalue()

    @staticmethod
    def _two_columns(left: list[str], right: list[str], style, rule: bool):
        from reportlab.lib import colors
        from reportlab.lib.units import inch
        from reportlab.platypus import Paragraph, Table

        cell = lambda lines: Paragraph("<br/>".join(escape(x) for x in lines if x), style)  # noqa: E731
        look = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        if rule:
            look.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey))
        return Table([[cell(left), cell(right)]], colWidths=[3.6 * inch, 3.4 * inch], style=look)

    @staticmethod
    def _table(rows, widths):
        from reportlab.lib import colors
        from reportlab.platypus import Table

        return Table(rows, colWidths=widths, repeatRows=1, style=[
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ])

    @staticmethod
    def _footer(session_id: str):
        def draw(canvas, doc):
            canvas.saveState()
            canvas.setFont("Helvetica", 7.5)
            canvas.drawString(54, 28, f"Session {session_id}")
            canvas.drawRightString(558, 28, f"Page {doc.page}")
            canvas.restoreState()
        return draw

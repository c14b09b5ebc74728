"""X12 837P (005010X222A1) professional claim, written from the claim model by our own code.

One interchange per file: ISA/GS/ST envelope, submitter (1000A) and receiver (1000B), billing
provider (2000A/2010AA), subscriber and payer (2000B), the patient (2000C) when the client is not
the subscriber, the claim (2300: CLM with frequency code 1, or 7/8 plus REF*F8 with the payer's claim number for a
replacement or void;
HI with ABK/ABF and no decimal points), the referring provider (2310A) when one is set, the
rendering provider (2310B) when it differs from the billing NPI, and one LX/SV1/DTP*472 per line. Control numbers come from a persisted counter.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from models import MAX_MODIFIERS
from scribe.export.base import CLAIM_CLIENT_NEEDS, ExportContext, Exporter, Missing, add_on_review_page
from scribe.export.tables import RELATIONSHIP_CODES, insurance_types

ELEMENT, COMPONENT, REPETITION, SEGMENT = "*", ":", "^", "~"
VERSION = "005010X222A1"


def clean(value: object, max_len: int | None = None) -> str:
    """X12 basic character set: ASCII upper case, no delimiters, single spaces."""
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"[*~:^\\|\n\r\t]", " ", text.upper())
    text = re.sub(r"[^A-Z0-9 !\"&'()+,\-./;?=%@#]", "", text)
    text = " ".join(text.split())
    return text[:max_len].rstrip() if max_len else text


def amount(value: Decimal) -> str:
    """X12 decimal: no trailing zeros, no needless decimal point ('120', '32.5')."""
    q = Decimal(value).quantize(Decimal("0.01"))
    text = format(q.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _seg(*elements: object) -> str:
    parts = [str(e) for e in elements]
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()  # trailing empty elements are never sent
    return ELEMENT.join(parts)


class X12Writer:
    """Builds the 837P segments of one claim from the export context."""

    def __init__(self, ctx: ExportContext) -> None:
        self.ctx = ctx
        self.s = ctx.settings
        self.c = ctx.client
        self.body: list[str] = []  # ST .. SE

    def add(self, *elements: object) -> None:
        self.body.append(_seg(*elements))

    def build(self) -> str:
        ctx, s = self.ctx, self.s
        control = ctx.control_number() if ctx.control_number else 1
        now = ctx.now
        sender = clean(s.submitter.id, 15)
        receiver = clean(s.receiver.id, 15)
        isa = _seg(
            "ISA", "00", " " * 10, "00", " " * 10, "ZZ", sender.ljust(15), "ZZ", receiver.ljust(15),
            f"{now:%y%m%d}", f"{now:%H%M}", REPETITION, "00501", f"{control:09d}", "0", s.x12.usage, COMPONENT,
        )
        gs = _seg("GS", "HC", sender, receiver, f"{now:%Y%m%d}", f"{now:%H%M}", control, "X", VERSION)
        self.add("ST", "837", "0001", VERSION)
        self.add("BHT", "0019", "00", clean(ctx.claim_reference, 30), f"{now:%Y%m%d}", f"{now:%H%M}", "CH")
        self._submitter_receiver()
        self._billing_provider()
        self._subscriber()
        self._claim()
        self.add("SE", len(self.body) + 1, "0001")
        trailer = [_seg("GE", "1", control), _seg("IEA", "1", f"{control:09d}")]
        return "".join(f"{seg}{SEGMENT}\n" for seg in [isa, gs, *self.body, *trailer])

    def _submitter_receiver(self) -> None:
        sub, rec = self.s.submitter, self.s.receiver
        self.add("NM1", "41", "2", clean(sub.name, 60), "", "", "", "", "46", clean(sub.id, 80))
        self.add("PER", "IC", clean(sub.contact_name, 60), "TE", sub.contact_phone)
        self.add("NM1", "40", "2", clean(rec.name, 60), "", "", "", "", "46", clean(rec.id, 80))

    def _billing_provider(self) -> None:
        p = self.s.practice
        self.add("HL", "1", "", "20", "1")
        self.add("PRV", "BI", "PXC", p.taxonomy)
        self.add("NM1", "85", "2", clean(p.name, 60), "", "", "", "", "XX", p.billing_npi)
        self.add("N3", clean(p.address, 55))
        self.add("N4", clean(p.city, 30), p.state, p.zip)
        self.add("REF", "EI" if p.tax_id_type == "EIN" else "SY", p.tax_id)

    def _subscriber(self) -> None:
        c = self.c
        self_pay = c.relationship == "self"
        self.add("HL", "2", "1", "22", "0" if self_pay else "1")
        filing = insurance_types()[c.insurance_type].claim_filing
        self.add("SBR", "P", "18" if self_pay else "", clean(c.group_number, 50), "", "", "", "", "", filing)
        if self_pay:
            first, last, dob, sex = c.first_name, c.last_name, c.date_of_birth, c.sex
        else:
            first, last = c.subscriber_first_name, c.subscriber_last_name
            dob, sex = c.subscriber_date_of_birth, c.subscriber_sex
        self.add("NM1", "IL", "1", clean(last, 60), clean(first, 35), "", "", "", "MI", clean(c.member_id, 80))
        self._address_and_demographics(dob, sex)
        self.add("NM1", "PR", "2", clean(c.payer_name, 60), "", "", "", "", "PI", clean(c.payer_id, 80))
        if not self_pay:
            self.add("HL", "3", "2", "23", "0")
            self.add("PAT", RELATIONSHIP_CODES[c.relationship])
            self.add("NM1", "QC", "1", clean(c.last_name, 60), clean(c.first_name, 35))
            self._address_and_demographics(c.date_of_birth, c.sex)

    def _address_and_demographics(self, dob, sex) -> None:
        c = self.c
        self.add("N3", clean(c.address, 55))
        self.add("N4", clean(c.city, 30), c.state, c.zip)
        self.add("DMG", "D8", f"{dob:%Y%m%d}", sex)

    def _claim(self) -> None:
        ctx, s = self.ctx, self.s
        claim = ctx.claim
        charges = ctx.line_charges()
        pos = ctx.place_of_service
        self.add("CLM", clean(ctx.claim_reference, 38), amount(sum(charges, Decimal("0"))), "", "",
                 COMPONENT.join([pos, "B", ctx.frequency]), "Y", "A", "Y", "Y")
        if ctx.frequency in ("7", "8"):  # the payer's claim number of the claim replaced or voided
            self.add("REF", "F8", clean(ctx.original_reference, 50))
        codes = [dx.x12 for dx in claim.diagnoses]
        self.add("HI", *[f"{'ABK' if i == 0 else 'ABF'}{COMPONENT}{code}" for i, code in enumerate(codes)])
        referring = ctx.referring()
        if referring:  # loop 2310A, referring (DN) or ordering (DK) provider
            qualifier, first, last, npi = referring
            self.add("NM1", qualifier, "1", clean(last, 60), clean(first, 35), "", "", "", "XX", npi)
        prov = s.provider
        if prov.npi and prov.npi != s.practice.billing_npi:
            self.add("NM1", "82", "1", clean(prov.last_name, 60), clean(prov.first_name, 35), "", "", "", "XX", prov.npi)
            self.add("PRV", "PE", "PXC", s.practice.taxonomy)
        for n, (line, charge) in enumerate(zip(claim.lines, charges), 1):
            self.add("LX", n)
            procedure = COMPONENT.join(["HC", line.cpt, *line.modifiers[:MAX_MODIFIERS]])
            pointers = COMPONENT.join(str(p) for p in line.diagnosis_pointers[:4])
            self.add("SV1", procedure, amount(charge), "UN", line.units, "", "", pointers)
            self.add("DTP", "472", "D8", f"{claim.date_of_service or ctx.session.date_of_service:%Y%m%d}")


class X12Exporter(Exporter):
    name = "837p"
    extension = "x12"
    label = "X12 837P electronic claim (005010X222A1)"
    is_claim = True
    practice_needs = (
        "practice.name", "practice.address", "practice.city", "practice.state", "practice.zip",
        "practice.tax_id", "practice.billing_npi", "practice.taxonomy",
        "submitter.id", "submitter.name", "submitter.contact_name", "submitter.contact_phone",
        "receiver.id", "receiver.name",
    )
    client_needs = CLAIM_CLIENT_NEEDS

    def missing(self, ctx: ExportContext) -> list[Missing]:
        out = super().missing(ctx)
        zip_code = ctx.settings.practice.zip
        if zip_code and len(zip_code) != 9:
            out.append(Missing(what="practice.zip with all 9 digits (the 837P billing address needs ZIP+4)",
                               command="scribe settings set practice.zip 123456789"))
        if not ctx.claim.diagnoses and ctx.claim.lines:
            out.append(Missing(what="a diagnosis on the claim",
                               command=add_on_review_page(ctx.session.id)))
        return out

    def render(self, ctx: ExportContext) -> bytes:
        from scribe.export.x12_check import problems

        text = X12Writer(ctx).build()
        errors = problems(text)
        if errors:  # never hand the practice a file its clearinghouse will reject
            from scribe.errors import Refused

            raise Refused("The 837P file did not pass validation: " + "; ".join(errors[:5]),
                          "Please report this; no file was written.")
        return text.encode("ascii")

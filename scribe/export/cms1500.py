"""CMS-1500 (02/12) claim data: the form's fields from the claim, as CSV and as a print-on-form PDF.

Both outputs come from one function (``form_pages``), so the CSV a practice checks is exactly what
lands on the red form. Positions live in data/cms1500_layout.json (10 cpi / 6 lpi grid, the grid
the form is designed on); a printer that feeds the form a little off is corrected with the
``cms1500.offset_x`` / ``offset_y`` settings. Six service lines a page; more lines, more pages,
each page with its own total.

Items are filled as NUCC instructs, except where the client's kind of insurance has its own
instructions (data/cms1500_rules.json: for Medicare primary, items 4, 6, 7 and 11a-d blank, item 11
'NONE', no 33b, as CMS's manual says). Address lines take the USPS standard abbreviations
(data/usps_abbreviations.json) before anything is cut to fit a box, and a value that still does
not fit raises FIELD_TOO_LONG, naming the box and where to shorten it, instead of being cut
silently. Item 17 names the referring or ordering provider (settings, or the client's own).
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import re
import string
from decimal import Decimal
from functools import cache

from pydantic import BaseModel, ConfigDict

from billing.messages import finding
from models import MAX_MODIFIERS
from scribe.export.base import CLAIM_CLIENT_NEEDS, ExportContext, Exporter
from scribe.export.tables import read_data, insurance_types

LETTERS = string.ascii_uppercase[:12]  # item 21 A-L


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Grid(_Strict):
    font: str
    size: float
    char_width_pt: float
    line_height_pt: float
    top_pt: float
    left_pt: float
    page_width_pt: float
    page_height_pt: float


class FormField(_Strict):
    id: str
    box: str
    label: str
    line: int | None = None  # None for service-line fields: the row comes from the line number
    col: int
    width: int
    money: bool = False


class ServiceRows(_Strict):
    first_line: int
    line_step: int


class Layout(_Strict):
    about: str
    grid: Grid
    lines_per_page: int
    service_rows: ServiceRows
    fields: list[FormField]
    line_fields: list[FormField]


@cache
def layout() -> Layout:
    return Layout.model_validate(json.loads(read_data("cms1500_layout.json")))


class InsuranceRules(_Strict):
    source: str
    blank: list[str] = []
    values: dict[str, str] = {}


class FormRules(_Strict):
    about: str
    by_insurance_type: dict[str, InsuranceRules]
    sources: dict[str, str]


class Abbreviations(_Strict):
    about: str
    words: dict[str, str]


@cache
def form_rules() -> FormRules:
    return FormRules.model_validate(json.loads(read_data("cms1500_rules.json")))


@cache
def abbreviations() -> dict[str, str]:
    return Abbreviations.model_validate(json.loads(read_data("usps_abbreviations.json"))).words


ADDRESS_FIELDS = ("5_street", "7_street", "32_street", "33_street")  # street lines; city names are never abbreviated


def usps(text: str) -> str:
    """An address line in upper case with USPS Publication 28 abbreviations ('SUITE 200' -> 'STE 200')."""
    words = abbreviations()
    return re.sub(r"[A-Z]+", lambda m: words.get(m.group(0), m.group(0)), " ".join(text.upper().split()))


class Placed(BaseModel):
    """One value on one page: where it goes and what it says."""

    page: int
    service_line: int | None
    field: FormField
    line: int
    value: str


def _zip(code: str | None) -> str:
    """NUCC: a 9-digit ZIP code is written with its hyphen."""
    return f"{code[:5]}-{code[5:]}" if code and len(code) == 9 else (code or "")


def _name(last: str | None, first: str | None) -> str:
    return f"{last or ''}, {first or ''}".upper().strip(", ")


def _date_parts(prefix: str, day) -> dict[str, str]:
    return {f"{prefix}_mm": f"{day:%m}", f"{prefix}_dd": f"{day:%d}", f"{prefix}_yyyy": f"{day:%Y}"} if day else {}


def _claim_fields(ctx: ExportContext) -> dict[str, str]:
    s, c = ctx.settings, ctx.client
    p, prov = s.practice, s.provider
    self_pay = c.relationship == "self"
    ins_last = c.last_name if self_pay else c.subscriber_last_name
    ins_first = c.first_name if self_pay else c.subscriber_first_name
    values = {
        "payer_name": c.payer_name,
        f"1_{insurance_types()[c.insurance_type].box1}": "X",
        "1a": c.member_id,
        "2": _name(c.last_name, c.first_name),
        **_date_parts("3", c.date_of_birth),
        "3_m" if c.sex == "M" else "3_f": "X" if c.sex in ("M", "F") else "",
        "4": _name(ins_last, ins_first),
        "5_street": c.address, "5_city": c.city, "5_state": c.state, "5_zip": _zip(c.zip),
        "5_area": (c.phone or "")[:3], "5_phone": f"{c.phone[3:6]}-{c.phone[6:]}" if c.phone else "",
        f"6_{c.relationship}": "X",
        "7_street": c.address, "7_city": c.city, "7_state": c.state, "7_zip": _zip(c.zip),
        "11": c.group_number or "NONE",
        "10a_no": "X", "10b_no": "X", "10c_no": "X", "11d_no": "X",
        **_date_parts("11a", c.date_of_birth if self_pay else c.subscriber_date_of_birth),
        "11c": c.payer_name,
        "12": "SIGNATURE ON FILE", "13": "SIGNATURE ON FILE",
        "21_ind": "0",
        "25": p.tax_id, "25_ein" if p.tax_id_type == "EIN" else "25_ssn": "X",
        "26": ctx.claim_reference, "27_yes": "X",
        "31": " ".join(x for x in (prov.first_name, prov.last_name, prov.credential) if x),
        "31_date": f"{(ctx.session.confirmed_at or ctx.now):%m/%d/%y}",
        "32_name": p.name, "32_street": p.address, "32_city": f"{p.city} {p.state} {_zip(p.zip)}", "32a": p.billing_npi,
        "33_name": p.name, "33_street": p.address, "33_city": f"{p.city} {p.state} {_zip(p.zip)}", "33a": p.billing_npi,
        "33_area": (p.phone or "")[:3], "33_phone": f"{p.phone[3:6]}-{p.phone[6:]}" if p.phone else "",
        "33b": f"ZZ {p.taxonomy}" if p.taxonomy else "",
    }
    sex = c.sex if self_pay else c.subscriber_sex
    if sex in ("M", "F"):
        values[f"11a_{sex.lower()}"] = "X"
    for letter, dx in zip(LETTERS, ctx.claim.diagnoses):
        values[f"21_{letter}"] = dx.x12  # item 21 takes the code without its decimal point
    referring = ctx.referring()
    if referring:
        qualifier, first, last, npi = referring
        values["17_qual"], values["17"], values["17b"] = qualifier, f"{first} {last}".strip(), npi
    if ctx.frequency in ("7", "8"):  # resubmission code and the payer's claim number of the original
        values["22_code"], values["22_ref"] = ctx.frequency, ctx.original_reference
    rules = form_rules().by_insurance_type.get(c.insurance_type)
    if rules is not None:
        values = {k: v for k, v in values.items() if not any(fnmatch.fnmatchcase(k, pat) for pat in rules.blank)}
        values |= rules.values
    for key in ADDRESS_FIELDS:
        if values.get(key):
            values[key] = usps(str(values[key]))
    return {k: str(v) for k, v in values.items() if v not in (None, "")}


def too_long(ctx: ExportContext, pages: list[list[Placed]]) -> list:
    """FIELD_TOO_LONG for each value that does not fit its box (once per field), never a silent cut."""
    out, seen = [], set()
    sources = form_rules().sources
    client = ctx.session.client or "CLIENT"
    for page in pages:
        for item in page:
            f = item.field
            if f.money or f.id in seen or len(item.value) <= f.width:
                continue
            seen.add(f.id)
            where = sources.get(f.id, "the practice or client settings").replace("CLIENT", client)
            out.append(finding("FIELD_TOO_LONG", box=f.box, label=f.label, length=len(item.value), width=f.width,
                               cut=len(item.value) - f.width, where=where))
    return out


def form_pages(ctx: ExportContext) -> list[list[Placed]]:
    """Every value of every page of the claim, with its place on the form."""
    lay = layout()
    top = _claim_fields(ctx)
    by_id = {f.id: f for f in lay.fields}
    unknown = set(top) - set(by_id)
    if unknown:  # a value with no place on the form is a bug, never silently dropped
        raise KeyError(f"CMS-1500 layout has no place for {sorted(unknown)}")
    lines = list(zip(ctx.claim.lines, ctx.line_charges()))
    per_page = lay.lines_per_page
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    dos = ctx.claim.date_of_service or ctx.session.date_of_service
    pos = ctx.place_of_service
    rendering = ctx.settings.provider.npi or ctx.settings.practice.billing_npi
    pages = []
    for page_no, chunk in enumerate(chunks, 1):
        placed = [Placed(page=page_no, service_line=None, field=f, line=f.line, value=top[f.id])
                  for f in lay.fields if f.id in top and f.id != "28"]
        total = sum((charge for _, charge in chunk), Decimal("0"))
        placed.append(Placed(page=page_no, service_line=None, field=by_id["28"], line=by_id["28"].line,
                             value=f"{total:.2f}"))
        for i, (line, charge) in enumerate(chunk):
            row = lay.service_rows.first_line + i * lay.service_rows.line_step
            values = {
                "24A_from_mm": f"{dos:%m}", "24A_from_dd": f"{dos:%d}", "24A_from_yy": f"{dos:%y}",
                "24A_to_mm": f"{dos:%m}", "24A_to_dd": f"{dos:%d}", "24A_to_yy": f"{dos:%y}",
                "24B": pos, "24D_cpt": line.cpt, "24D_mod": " ".join(line.modifiers[:MAX_MODIFIERS]),
                "24E": "".join(LETTERS[p - 1] for p in line.diagnosis_pointers[:4]),
                "24F": f"{charge:.2f}", "24G": str(line.units), "24J": rendering,
            }
            n = (page_no - 1) * per_page + i + 1
            placed += [Placed(page=page_no, service_line=n, field=f, line=row, value=values[f.id])
                       for f in lay.line_fields if values.get(f.id)]
        pages.append(placed)
    return pages


def printed(item: Placed) -> str:
    """The text as printed in its box: upper case, money as dollars and cents in two boxes."""
    f = item.field
    if f.money:
        return f"{Decimal(item.value):{f.width}.2f}".replace(".", " ")[-f.width:]
    return item.value.upper()[: f.width]


CLIENT_NEEDS = tuple(n for n in CLAIM_CLIENT_NEEDS if n != "payer_id")  # paper needs no electronic payer id
PRACTICE_NEEDS = (
    "practice.name", "practice.address", "practice.city", "practice.state", "practice.zip",
    "practice.tax_id", "practice.billing_npi", "provider.first_name", "provider.last_name",
)


class Cms1500Csv(Exporter):
    name = "cms1500-csv"
    extension = "csv"
    label = "CMS-1500 fields as CSV"
    is_claim = True
    practice_needs = PRACTICE_NEEDS
    client_needs = CLIENT_NEEDS

    def render(self, ctx: ExportContext) -> bytes:
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(["page", "service_line", "box", "field", "label", "value"])
        pages = form_pages(ctx)
        ctx.findings.extend(too_long(ctx, pages))
        for page in pages:
            for item in page:
                out.writerow([item.page, item.service_line or "", item.field.box, item.field.id,
                              item.field.label, item.value])
        return buf.getvalue().encode("utf-8")


class Cms1500Pdf(Exporter):
    name = "cms1500-pdf"
    extension = "pdf"
    label = "CMS-1500 data to print on the red form"
    is_claim = True
    practice_needs = PRACTICE_NEEDS
    client_needs = CLIENT_NEEDS

    def render(self, ctx: ExportContext) -> bytes:
        from reportlab.pdfgen import canvas

        g = layout().grid
        dx, dy = ctx.settings.cms1500.offset_x, ctx.settings.cms1500.offset_y
        buf = io.BytesIO()
        pdf = canvas.Canvas(buf, pagesize=(g.page_width_pt, g.page_height_pt), pageCompression=0)
        pdf.setTitle(f"CMS-1500 claim {ctx.claim_reference}")
        pdf.setAuthor(ctx.settings.practice.name or "")
        pages = form_pages(ctx)
        ctx.findings.extend(too_long(ctx, pages))
        for page in pages:
            pdf.setFont(g.font, g.size)
            for item in page:
                x = g.left_pt + (item.field.col - 1) * g.char_width_pt + dx
                y = g.page_height_pt - (g.top_pt + item.line * g.line_height_pt - 2) - dy
                pdf.drawString(x, y, printed(item))
            pdf.showPage()
        pdf.save()
        return buf.getvalue()

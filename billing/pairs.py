"""Code-pair (NCCI procedure-to-procedure) edits as data, loadable from the CMS practitioner PTP file.

A clinic drops the current quarter's CSV into its pairs folder; rows whose two codes are both in
our catalog replace the seeded pair (column order and modifier indicator come from CMS), while the
pair's *test* (what the documentation must show for the modifier) is kept from the seed table.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from billing import catalog
from billing._data import load_package_json
from billing.errors import bad_data_file, not_utf8


class PairTest(str, Enum):
    """What the note must show before the column-2 code gets a distinct-service modifier."""

    distinct_regions = "distinct_regions"
    separate_time_blocks = "separate_time_blocks"


class PairEdit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    column1: str = Field(pattern=r"^\d{5}$")
    column2: str = Field(pattern=r"^\d{5}$")
    modifier_allowed: bool
    test: PairTest
    effective: date | None = None
    deleted: date | None = None
    rationale: str = ""
    source: str = "seed"

    @property
    def rule_id(self) -> str:
        return f"PAIR_{self.column1}_{self.column2}_{self.test.value.upper()}"

    @staticmethod
    def parse_rule_id(rule_id: str) -> tuple[str, str, PairTest] | None:
        """(column 1, column 2, test) from a line's PAIR_... reason, the inverse of ``rule_id``."""
        parts = rule_id.split("_", 3)
        if len(parts) != 4 or parts[0] != "PAIR":
            return None
        try:
            return parts[1], parts[2], PairTest(parts[3].lower())
        except ValueError:
            return None

    def active_on(self, day: date | None) -> bool:
        if day is None:
            return self.deleted is None
        if self.effective and day < self.effective:
            return False
        return not (self.deleted and day >= self.deleted)

    def key(self) -> frozenset[str]:
        return frozenset((self.column1, self.column2))


class PairFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    default_test: PairTest
    pairs: list[PairEdit]


class PairTable:
    """The pair edits in force, looked up in either order."""

    def __init__(self, seed: PairFile) -> None:
        self.default_test = seed.default_test
        self._seed_tests = {p.key(): p.test for p in seed.pairs}
        self._pairs: dict[frozenset[str], list[PairEdit]] = {p.key(): [p] for p in seed.pairs}
        self._loaded: set[frozenset[str]] = set()

    def add_cms_rows(self, rows: list[PairEdit]) -> None:
        for row in rows:
            key = row.key()
            if key not in self._loaded:  # the first CMS row for a pair replaces the seeded one
                self._pairs[key] = []
                self._loaded.add(key)
            self._pairs[key].append(row)

    def test_for(self, a: str, b: str) -> PairTest:
        return self._seed_tests.get(frozenset((a, b)), self.default_test)

    def find(self, a: str, b: str, day: date | None = None) -> PairEdit | None:
        candidates = [p for p in self._pairs.get(frozenset((a, b)), []) if p.active_on(day)]
        return max(candidates, key=lambda p: p.effective or date.min, default=None)

    def all(self) -> list[PairEdit]:
        return [p for group in self._pairs.values() for p in group]


_HEADERS = {
    "column 1": "column1",
    "column 2": "column2",
    "effective date": "effective",
    "deletion date": "deleted",
    "modifier": "modifier",
    "ptp edit rationale": "rationale",
}


def _cms_date(value: str, where: str) -> date | None:
    value = value.strip()
    if value in ("", "*"):
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise bad_data_file(where, f"'{value}' is not a date written YYYYMMDD") from None


def read_cms_csv(path: Path, table: PairTable) -> list[PairEdit]:
    """Rows of a CMS practitioner PTP file (CSV) whose two codes are both codes we bill.

    The CMS layout: Column 1, Column 2, "* = in existence prior to 1996", Effective Date,
    Deletion Date (* = none), Modifier (0 = not allowed, 1 = allowed, 9 = not applicable),
    PTP Edit Rationale. Notice lines before the header row are skipped.
    """
    where = str(path)
    known = set(catalog.codes())
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise bad_data_file(where, exc.strerror or str(exc)) from exc
    try:
        with handle:
            rows, columns = _read_cms_rows(csv.reader(handle), table, known, where, path.name)
    except UnicodeDecodeError as exc:
        raise not_utf8(where, exc) from None
    except csv.Error as exc:
        raise bad_data_file(where, f"it is not a readable CSV file ({exc})") from None
    if columns is None:
        raise bad_data_file(where, "no header row starting with 'Column 1' (the CMS PTP layout)")
    return rows


def _read_cms_rows(reader, table: PairTable, known: set[str], where: str,
                   source: str) -> tuple[list[PairEdit], dict[str, int] | None]:
    """The rows after the header row; (rows, None) when no header row was found."""
    rows: list[PairEdit] = []
    columns: dict[str, int] | None = None
    for record in reader:
        cells = [c.strip() for c in record]
        if columns is None:
            if cells and cells[0].lower().startswith("column 1"):
                columns = _header_columns(cells, where)
            continue
        if not cells or not any(cells):
            continue
        if len(cells) <= max(columns.values()):
            raise bad_data_file(where, f"line {reader.line_num} has {len(cells)} columns, fewer than the header")
        one, two = cells[columns["column1"]], cells[columns["column2"]]
        if one not in known or two not in known:
            continue
        indicator = cells[columns["modifier"]]
        if indicator not in ("0", "1", "9"):
            raise bad_data_file(where, f"modifier indicator '{indicator}' is not 0, 1 or 9")
        if indicator == "9":
            continue  # not applicable: the edit was deleted
        rows.append(
            PairEdit(
                column1=one,
                column2=two,
                modifier_allowed=indicator == "1",
                test=table.test_for(one, two),
                effective=_cms_date(cells[columns["effective"]], where),
                deleted=_cms_date(cells[columns["deleted"]], where),
                rationale=cells[columns["rationale"]] if "rationale" in columns else "",
                source=source,
            )
        )
    return rows, columns


def _header_columns(cells: list[str], where: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        low = cell.lower()
        for prefix, name in _HEADERS.items():
            if low.startswith(prefix) and name not in found:
                found[name] = i
    missing = [h for h, n in _HEADERS.items() if n not in found and n != "rationale"]
    if missing:
        raise bad_data_file(where, f"the header lacks the column(s) {', '.join(missing)}")
    return found


def load_pairs(extra_csvs: Iterable[Path] = ()) -> PairTable:
    """The seeded pair table, updated by CMS-layout CSV files (e.g. the current quarter's)."""
    table = PairTable(load_package_json(PairFile, "pairs.json"))
    for path in extra_csvs:
        table.add_cms_rows(read_cms_csv(Path(path), table))
    return table

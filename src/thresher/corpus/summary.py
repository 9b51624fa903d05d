"""The outcome counts of a run: returned by ``run()``, printed by ``thresher run``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["Summary"]


@dataclass
class Summary:
    """What happened to every record a run met. ``records`` excludes ignored responses."""

    extracted: int = 0
    #: Empty bodies by reason (``EmptyReason`` values).
    empty: Counter[str] = field(default_factory=Counter)
    #: Failures by error kind (``timeout``, ``corrupt WARC record``, ``DecodeError``, ...).
    failed: Counter[str] = field(default_factory=Counter)
    #: Records already in the store from an earlier run, not redone.
    skipped: int = 0
    #: Records whose bytes equal a record extracted before: stored, not re-extracted.
    duplicates: int = 0
    #: WARC responses that are no page (not HTML, not 2xx), by why; not stored.
    ignored: Counter[str] = field(default_factory=Counter)
    #: SOURCE arguments that named nothing readable (missing path, empty glob).
    source_problems: int = 0
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return (
            self.extracted
            + sum(self.empty.values())
            + sum(self.failed.values())
            + self.skipped
            + self.duplicates
        )

    @property
    def processed(self) -> int:
        """Records handled by this run (not skipped)."""
        return self.records - self.skipped

    @property
    def ok(self) -> bool:
        return not self.failed and not self.source_problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "extracted": self.extracted,
            "empty": dict(self.empty),
            "failed": dict(self.failed),
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "ignored": dict(self.ignored),
            "source_problems": self.source_problems,
            "seconds": round(self.seconds, 3),
        }

    def render(self, console: Console) -> None:
        """The closing table of ``thresher run``."""
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        table = Table(
            title=f"{self.records:,} records in {self.seconds:.1f} s ({rate:,.1f} records/s)",
            title_justify="left",
        )
        table.add_column("outcome")
        table.add_column("records", justify="right")
        table.add_row("extracted", f"{self.extracted:,}")
        for name, counts in (
            ("empty", self.empty),
            ("failed", self.failed),
            ("ignored (not a page)", self.ignored),
        ):
            table.add_row(name, f"{sum(counts.values()):,}")
            for reason, count in counts.most_common():
                table.add_row(f"  {reason}", f"{count:,}")
        table.add_row("identical content seen before", f"{self.duplicates:,}")
        table.add_row("skipped (already done)", f"{self.skipped:,}")
        if self.source_problems:
            table.add_row("sources not found", f"{self.source_problems:,}")
        console.print(table)

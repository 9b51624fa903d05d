"""What a store holds: counts by status, reason and error kind, and the runs that filled it."""

from __future__ import annotations

import json
import os
from typing import Any

from thresher.corpus.store import Store

__all__ = ["story_counts", "store_stats", "ungrouped_note"]


def story_counts(store: Store) -> dict[str, int] | None:
    """Stories written by `thresher stories`, those with several captures, and extracted
    records added since the last grouping (in no story yet); None before any grouping."""
    exists = store.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_members'"
    ).fetchone()
    if exists is None:
        return None
    stories, multi = store.execute(
        "SELECT count(*), coalesce(sum(n > 1), 0) FROM "
        "(SELECT count(*) AS n FROM story_members GROUP BY story_id)"
    ).fetchone()
    ungrouped = store.execute(
        "SELECT count(*) FROM records WHERE status = 'extracted' "
        "AND id NOT IN (SELECT record_id FROM story_members)"
    ).fetchone()[0]
    return {"stories": stories, "multi_capture_stories": multi, "ungrouped_records": ungrouped}


def ungrouped_note(counts: dict[str, int] | None) -> str | None:
    """The line saying that records were added after the last grouping, if they were."""
    if not counts or not counts["ungrouped_records"]:
        return None
    missing = counts["ungrouped_records"]
    return (
        f"{missing:,} {'record was' if missing == 1 else 'records were'} added after the last "
        "grouping and belong to no story yet: run `thresher stories` to group them"
    )


def store_stats(store: Store) -> dict[str, Any]:
    """Counts of the store's rows, computed by SQLite (no row is loaded)."""

    def one(sql: str) -> Any:
        return store.execute(sql).fetchone()[0]

    def by(sql: str) -> dict[str, int]:
        return dict(store.execute(sql).fetchall())

    cursor = store.execute("SELECT * FROM runs ORDER BY id")
    names = [column[0] for column in cursor.description]
    runs = []
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        summary = row.get("summary_json")
        runs.append(
            {
                "id": row["id"],
                "started_at": row["started_at"],
                "finished_at": row["finished_at"],
                "thresher_version": row["thresher_version"],
                "status": _run_status(row),
                "summary": json.loads(summary) if summary else None,
            }
        )
    return {
        "records": one("SELECT count(*) FROM records"),
        "by_status": by("SELECT status, count(*) FROM records GROUP BY status ORDER BY 2 DESC"),
        "empty_reasons": by(
            "SELECT reason, count(*) FROM records WHERE status = 'empty' GROUP BY reason ORDER BY 2 DESC"
        ),
        "failed_kinds": by(
            "SELECT error_kind, count(*) FROM records WHERE status = 'failed' "
            "GROUP BY error_kind ORDER BY 2 DESC"
        ),
        "duplicates": one("SELECT count(*) FROM records WHERE duplicate_of IS NOT NULL"),
        "distinct_contents": one("SELECT count(DISTINCT content_hash) FROM records"),
        "sources": one("SELECT count(DISTINCT source) FROM records"),
        "stories": story_counts(store),
        "runs": runs,
    }


def _run_status(row: dict[str, Any]) -> str:
    """How a run ended. A run still marked ``running`` whose process is gone was killed (the
    next run records it as interrupted; this only reads)."""
    status = row.get("status") or ("finished" if row.get("finished_at") else "running")
    if status == "running" and not _alive(row.get("pid")):
        return "interrupted"
    return str(status)


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True

"""The store contract other commands rely on: column names, stable ids, the read API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from thresher.corpus.records import Outcome, Provenance
from thresher.corpus.store import Store
from thresher.errors import StoreError
from thresher.models import Article, Block, BlockKind

CONTRACT = (
    "id",
    "source",
    "record_id",
    "offset",
    "url",
    "captured_at",
    "content_hash",
    "thresher_version",
    "status",
    "reason",
    "title",
    "published",
    "text",
    "article_json",
)


def _outcome(n: int, status: str = "extracted") -> Outcome:
    article = Article(title=f"T{n}", blocks=(Block(BlockKind.PARAGRAPH, f"body {n}"),))
    return Outcome(
        Provenance(
            "src.warc",
            f"<urn:{n}>",
            n * 100,
            url=f"https://example.test/{n}",
            captured_at="2024-01-02T03:04:05+00:00",
        ),
        f"sha1:{n:032d}",
        status,
        title=article.title,
        text=article.text,  # type: ignore[arg-type]
        article_json=article.to_json(),
    )


def test_contract_columns_exist(tmp_path: Path) -> None:
    Store(tmp_path / "s.db").close()
    db = sqlite3.connect(tmp_path / "s.db")
    columns = [row[1] for row in db.execute("PRAGMA table_info(records)")]
    assert set(CONTRACT) <= set(columns)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rewrite_keeps_the_id_and_foreign_tables_stay_valid(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        run_id = store.begin_run({}, "test")
        first = store.write(_outcome(1), "test", run_id)
        store.commit()
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute(
        "CREATE TABLE story_members (record_id INTEGER PRIMARY KEY REFERENCES records(id), story_id INTEGER)"
    )
    db.execute("INSERT INTO story_members VALUES (?, 7)", (first,))
    db.commit()
    db.close()
    with Store(tmp_path / "s.db") as store:  # a store with extra tables opens as before
        again = store.write(_outcome(1, "empty"), "test", run_id)
        store.commit()
        assert again == first
        assert store.execute("SELECT count(*) FROM records").fetchone()[0] == 1
        assert store.is_done(("src.warc", "<urn:1>", 100))
        assert not store.is_done(("src.warc", "<urn:1>", 101))


def test_read_api_streams_extracted_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        run_id = store.begin_run({}, "test")
        ids = [
            store.write(_outcome(n, status), "test", run_id)
            for n, status in ((1, "extracted"), (2, "empty"), (3, "extracted"))
        ]
        store.commit()
        got = list(store.iter_articles())
        assert [row[0] for row in got] == [ids[0], ids[2]]
        assert got[1][1:3] == ("https://example.test/3", "2024-01-02T03:04:05+00:00")
        assert got[1][3].text == "body 3" and store.get_article(ids[2]) == got[1][3]


def test_readonly_store_refuses_missing_files_and_writes(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)
    Store(tmp_path / "s.db").close()
    store = Store(tmp_path / "s.db", readonly=True)
    with pytest.raises(StoreError, match="readonly"):
        store.begin_run({}, "test")
    store._db.close()


def test_other_commands_keep_their_tables_in_a_transaction(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        row_id = store.write(_outcome(1), "test", store.begin_run({}, "test"))
        store.commit()
        with store.transaction() as db:
            db.execute(
                "CREATE TABLE story_members (record_id INTEGER PRIMARY KEY "
                "REFERENCES records(id), story_id INTEGER)"
            )
            db.execute("INSERT INTO story_members VALUES (?, 1)", (row_id,))
        with pytest.raises(ZeroDivisionError), store.transaction() as db:
            db.execute("INSERT INTO story_members VALUES (?, 2)", (row_id + 1,))
            raise ZeroDivisionError
        assert store.connection.execute("SELECT * FROM story_members").fetchall() == [(row_id, 1)]

"""SOURCE arguments to files: folders, globs, explicit files, problems."""

from __future__ import annotations

from pathlib import Path

from thresher.corpus.sources import SourceFile, SourceProblem, expand_sources


def _tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    for name in ("a.html", "b/c.warc.gz", "b/deep/d.jsonl", "b/deep/e.txt.gz", "b/notes.md", "z.htm"):
        (root / name).write_bytes(b"x")


def test_folders_are_walked_in_sorted_order_with_kinds(tmp_path: Path) -> None:
    _tree(tmp_path)
    got = [
        (Path(f.path).relative_to(tmp_path).as_posix(), f.kind)
        for f in expand_sources([str(tmp_path)])
        if isinstance(f, SourceFile)
    ]
    assert got == [
        ("a.html", "html"),
        ("z.htm", "html"),
        ("b/c.warc.gz", "warc"),
        ("b/deep/d.jsonl", "jsonl"),
        ("b/deep/e.txt.gz", "text"),
    ]


def test_globs_explicit_files_and_repeats(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(
        expand_sources(
            [
                f"{tmp_path}/**/*.gz",
                str(tmp_path / "b" / "notes.md"),
                str(tmp_path / "b"),
                f"{tmp_path}/*.none",
            ]
        )
    )
    files = [Path(i.path).name for i in items if isinstance(i, SourceFile)]
    # notes.md is read because it is named; c.warc.gz is not read a second time via its folder.
    assert sorted(files) == ["c.warc.gz", "d.jsonl", "e.txt.gz", "notes.md"]
    assert len(files) == len(set(files))
    problems = [i for i in items if isinstance(i, SourceProblem)]
    assert [(p.source, p.message) for p in problems] == [
        (f"{tmp_path}/*.none", "no file matches this pattern")
    ]


def test_missing_path_is_a_problem_not_an_error(tmp_path: Path) -> None:
    assert list(expand_sources([str(tmp_path / "nope")])) == [
        SourceProblem(str(tmp_path / "nope"), "no such file or directory")
    ]

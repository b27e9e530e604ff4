"""Atomic writes: a reader sees the old file or the new one, never a fragment."""

from __future__ import annotations

import stat

import pytest

from gazetteer import atomic_path


def test_written_file_replaces_the_old_one_whole(tmp_path):
    target = tmp_path / "deeper" / "out.txt"  # missing folders are created
    with atomic_path(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
        assert not target.exists()  # nothing at the destination until the block ends
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("killed mid-write")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]

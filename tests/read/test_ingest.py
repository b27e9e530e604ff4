"""Ingest: every format and encoding read into Articles, every bad input reported as Skipped."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

from geo.read.ingest import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, read_articles
from geo.schema import Article, Skipped

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

RUSSIAN = (
    "Российские войска продвинулись у Покровска 3 ноября, сообщили в штабе. По словам местных "
    "властей, в городе остаются около семи тысяч жителей, большинство из них пожилые люди.\n"
    "Украинские военные заявили, что бои продолжаются на окраинах Мирнограда, а снабжение "
    "гарнизона затруднено из-за ударов беспилотников по дорогам. Эвакуация из соседних сёл "
    "продолжается.\n"
)
UKRAINIAN = (
    "Українські військові повідомили, що бої тривають поблизу Покровська та Мирнограда. "
    "За словами місцевої влади, у місті залишаються кілька тисяч мешканців.\n"
)


def read(*paths: str | Path) -> list[Article | Skipped]:
    return list(read_articles(paths))


def only(*paths: str | Path) -> Article:
    """The one Article read from ``paths`` (fails on anything else)."""
    results = read(*paths)
    assert len(results) == 1 and isinstance(results[0], Article), results
    return results[0]


def skipped(*paths: str | Path) -> Skipped:
    results = read(*paths)
    assert len(results) == 1 and isinstance(results[0], Skipped), results
    return results[0]


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


# --- text files ------------------------------------------------------------------------------


def test_txt_with_date_header_keeps_the_whole_text(tmp_path):
    raw = (
        " date 2025-11-03 World\n"
        "Fighting near Pokrovsk\n"
        "Russian forces advanced near Pokrovsk on November 3.\n"
    )
    article = only(write(tmp_path / "report-1.txt", raw))
    assert article.article_id == "report-1"
    assert article.published == dt.date(2025, 11, 3)
    assert article.title == "Fighting near Pokrovsk"
    assert article.text == raw  # header included: offsets stay those of the file
    assert article.path == str(tmp_path / "report-1.txt")


def test_txt_headers_title_url_source(tmp_path):
    raw = (
        "Title: Shelling in Kherson\n"
        "url https://news.example.org/kherson\n"
        "source: Example Wire\n"
        "DATE: 2024-02-29\n"
        "\n"
        "Kherson was shelled overnight, officials said.\n"
    )
    article = only(write(tmp_path / "kherson.md", raw))
    assert (article.title, article.url, article.source) == (
        "Shelling in Kherson", "https://news.example.org/kherson", "Example Wire",
    )  # fmt: skip
    assert article.published == dt.date(2024, 2, 29)
    assert article.text == raw


@pytest.mark.parametrize(
    "first_line",
    [
        "Source of the blast near Kramatorsk is unclear, officials said.",
        "Title fights continue in Kupiansk as troops hold the line.",
        "Date palms do not grow near Izium.",
        "url and other words",
    ],
)
def test_sentences_that_start_like_headers_are_text(tmp_path, first_line):
    article = only(write(tmp_path / "a.txt", f"{first_line}\nMore text about Izium.\n"))
    assert article.title == first_line
    assert (article.source, article.url, article.published) == ("", "", None)


def test_headers_only_at_the_top(tmp_path):
    raw = "Ukrainian troops held Kupiansk.\nsource: Example Wire\ndate 2025-01-02\n"
    article = only(write(tmp_path / "a.txt", raw))
    assert (article.source, article.published) == ("", None)


def test_impossible_header_date_is_ignored(tmp_path):
    article = only(write(tmp_path / "a.txt", "date 2025-13-45\nStrikes on Odesa\nText.\n"))
    assert article.published is None
    assert article.title == "Strikes on Odesa"  # the line is still a header, not the title


def test_sentence_run_onto_the_date_line_is_the_title(tmp_path):
    # As in seed 003: the scraper put the first sentence on the date line.
    raw = " date 2025-11-12 Ukraine's army said its forces withdrew from three villages.\n\nMore.\n"
    article = only(write(tmp_path / "a.txt", raw))
    assert article.published == dt.date(2025, 11, 12)
    assert article.title == "Ukraine's army said its forces withdrew from three villages."


def test_title_fallback_skips_one_word_lines_and_is_capped(tmp_path):
    long_line = "Russian forces advanced near Pokrovsk " * 10
    article = only(write(tmp_path / "a.txt", f"close\nclose\n\n{long_line}\nMore text.\n"))
    assert article.title == long_line[:200].rstrip()
    assert only(write(tmp_path / "b.txt", "\n\nMenu\n")).title == "Menu"


def test_crlf_becomes_lf(tmp_path):
    article = only(write(tmp_path / "a.txt", "date 2025-11-03\r\nKharkiv\r\nShelling.\r\n"))
    assert article.text == "date 2025-11-03\nKharkiv\nShelling.\n"
    assert article.published == dt.date(2025, 11, 3)


# --- JSON ------------------------------------------------------------------------------------


def test_jsonl_reports_bad_lines_by_number_and_reads_the_rest(tmp_path):
    lines = [
        json.dumps({"id": 42, "text": "Russian forces advanced near Pokrovsk on November 3.",
                    "title": "Pokrovsk", "url": "https://example.org/p", "source": "Wire",
                    "published": "2025-11-03T08:00:00Z"}),
        "{not json",
        "",
        json.dumps({"text": "Drones struck Kharkiv.\r\nTwo people were hurt.",
                    "published": "2025-02-30"}),
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"id": "", "text": "Shelling in Nikopol."}),
    ]  # fmt: skip
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    results = read(path)
    assert [type(r).__name__ for r in results] == [
        "Article", "Skipped", "Article", "Skipped", "Skipped", "Skipped", "Article",
    ]  # fmt: skip
    first, bad, second, not_object, no_text, empty_text, third = results
    assert (first.article_id, first.title, first.url, first.source) == (
        "42", "Pokrovsk", "https://example.org/p", "Wire",
    )  # fmt: skip
    assert first.published == dt.date(2025, 11, 3)
    assert first.path == f"{path}:1"
    assert bad.path == f"{path}:2" and "invalid JSON" in bad.reason
    assert second.article_id == "feed-4" and second.path == f"{path}:4"
    assert second.text == "Drones struck Kharkiv.\nTwo people were hurt."
    assert second.title == "Drones struck Kharkiv."
    assert second.published is None  # impossible date ignored
    assert not_object.path == f"{path}:5" and "object" in not_object.reason
    assert no_text.path == f"{path}:6" and "text" in no_text.reason
    assert empty_text.path == f"{path}:7" and "empty" in empty_text.reason
    assert third.article_id == "feed-8"


def test_json_single_object(tmp_path):
    record = {"text": "Kramatorsk was hit by a glide bomb.", "published": "2025-06-01"}
    article = only(write(tmp_path / "strike.json", json.dumps(record)))
    assert article.article_id == "strike"
    assert article.published == dt.date(2025, 6, 1)
    assert article.title == "Kramatorsk was hit by a glide bomb."
    assert only(write(tmp_path / "b.json", json.dumps({**record, "id": "k-1"}))).article_id == "k-1"


def test_json_list_with_a_bad_item(tmp_path):
    items = [
        {"text": "Fighting near Vovchansk continued.", "source": "Wire"},
        {"text": ""},
        "not an object",
        {"id": 7, "text": "Sumy region shelled.", "title": "Sumy"},
    ]
    path = write(tmp_path / "batch.json", json.dumps(items, ensure_ascii=False))
    results = read(path)
    assert [r.path for r in results] == [f"{path}:{i}" for i in (1, 2, 3, 4)]
    assert [type(r) for r in results] == [Article, Skipped, Skipped, Article]
    assert results[0].article_id == "batch-1" and results[0].source == "Wire"
    assert results[3].article_id == "7" and results[3].title == "Sumy"


def test_invalid_json_file_is_skipped(tmp_path):
    result = skipped(write(tmp_path / "broken.json", '{"text": "Kherson'))
    assert "invalid JSON" in result.reason


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Fighting near Pokrovsk</title>
<meta name="date" content="2025-11-03">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.org/pokrovsk">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Fighting near Pokrovsk</h1>
<p>Russian forces advanced near Pokrovsk on November 3, according to the regional governor.</p>
<p>Residents of Myrnohrad were told to leave the town as shelling continued through the night.</p>
</article><footer>Copyright Example News</footer></body></html>
"""


def test_html_main_text_and_metadata(tmp_path):
    article = only(write(tmp_path / "pokrovsk.html", PAGE))
    assert article.article_id == "pokrovsk"
    assert article.title == "Fighting near Pokrovsk"
    assert article.published == dt.date(2025, 11, 3)
    assert article.url == "https://news.example.org/pokrovsk"
    assert article.source == "Example News"
    assert article.text.startswith("Fighting near Pokrovsk\n")
    assert "Residents of Myrnohrad were told to leave" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text


def test_html_title_is_prefixed_when_not_in_the_text(tmp_path):
    page = """<html><head><title>Shelling in Kherson</title>
<meta property="article:published_time" content="2025-10-21T08:30:00+02:00"></head>
<body><article><p>Russian artillery shelled Kherson overnight, the administration said.</p>
<p>Two people were wounded in the Dniprovskyi district of the city.</p></article></body></html>
"""
    article = only(write(tmp_path / "kherson.htm", page))
    assert article.text.startswith("Shelling in Kherson\nRussian artillery shelled Kherson")
    assert article.published == dt.date(2025, 10, 21)


def test_html_without_text_is_skipped(tmp_path):
    assert "no main text" in skipped(write(tmp_path / "empty.html", "<html></html>")).reason


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "utf-8"),
        (RUSSIAN, "utf-8-sig"),
        (RUSSIAN, "utf-16"),  # BOM in the machine's byte order
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8_r"),
        (UKRAINIAN, "cp1251"),
        # Short or upper-case: charset-normalizer alone takes these koi8-r texts for cp1251.
        ("Шёл дождь.", "koi8_r"),
        ("ВОЙСКА ОТОШЛИ ОТ ПОКРОВСКА", "koi8_r"),
        ("ВОЙСКА ОТОШЛИ ОТ ПОКРОВСКА", "cp1251"),
        # English quoting a Cyrillic name: charset-normalizer alone says cp1252.
        ("Officials in Kharkiv (Харьков) reported shelling overnight.", "cp1251"),
        ("Officials in Kharkiv (Харьков) reported shelling overnight.", "koi8_r"),
        ("Le café de la gare à Kherson est fermé depuis lundi, dit le maire.", "latin_1"),
        ("It’s “closed” — the café near Odesa’s port.", "cp1252"),
    ],
)
def test_encodings_decode_exactly(tmp_path, text, encoding):
    article = only(write(tmp_path / "a.txt", text, encoding))
    assert article.text == text


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_utf16_with_bom_both_byte_orders(tmp_path, bom, encoding):
    article = only(write(tmp_path / "a.txt", bom + RUSSIAN.encode(encoding)))
    assert article.text == RUSSIAN


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    article = only(write(tmp_path / "a.txt", "date 2025-11-07\nKupiansk\n", "utf-8-sig"))
    assert article.text == "date 2025-11-07\nKupiansk\n"
    assert article.published == dt.date(2025, 11, 7)  # the header is still at the very top


def test_cp1251_json_and_jsonl(tmp_path):
    record = {"text": RUSSIAN, "title": "Покровск"}
    data = json.dumps(record, ensure_ascii=False)
    assert only(write(tmp_path / "a.json", data, "cp1251")).title == "Покровск"
    assert only(write(tmp_path / "b.jsonl", data + "\n", "koi8_r")).text == RUSSIAN


# --- bad files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (gzip.compress(b"Russian forces advanced near Pokrovsk."), "gzip"),
        (b"Pokrovsk\x00\x00\x00\x01\x02\x00\x00\xff", "NUL"),
    ],
)
def test_binary_files_named_txt_are_skipped(tmp_path, content, kind):
    result = skipped(write(tmp_path / "report.txt", content))
    assert result.reason.startswith("binary file") and kind in result.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", "\ufeff".encode()])
def test_empty_files_are_skipped(tmp_path, content):
    assert skipped(write(tmp_path / "a.txt", content)).reason == "empty file"


def test_files_over_the_size_limit_are_skipped_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: the size is all that is checked
    reason = skipped(path).reason
    assert "too large" in reason and f"{MAX_FILE_BYTES:,}" in reason


def test_explicit_bad_paths(tmp_path):
    missing, pdf = tmp_path / "missing.txt", write(tmp_path / "notes.pdf", "Kyiv")
    results = read(missing, pdf)
    assert results == [
        Skipped(str(missing), "no such file or folder"),
        Skipped(str(pdf), results[1].reason),
    ]
    assert "unsupported file type '.pdf'" in results[1].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_and_folder_are_skipped(tmp_path):
    secret = write(tmp_path / "in" / "secret.txt", "Kherson")
    locked = tmp_path / "in" / "locked"
    write(locked / "inside.txt", "Odesa")
    write(tmp_path / "in" / "visible.txt", "Mykolaiv")
    secret.chmod(0)
    locked.chmod(0)
    try:
        results = read(tmp_path / "in")
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert [type(r) for r in results] == [Skipped, Skipped, Article]
    assert results[0].path == str(locked) and "permission denied" in results[0].reason
    assert results[1].path == str(secret) and "permission denied" in results[1].reason


def test_permission_errors_are_skipped_even_as_root(tmp_path, monkeypatch):
    # The chmod test above cannot run as root; here the OS is made to refuse instead.
    write(tmp_path / "in" / "secret.txt", "Kherson")
    write(tmp_path / "in" / "locked" / "inside.txt", "Odesa")
    write(tmp_path / "in" / "visible.txt", "Mykolaiv")
    read_bytes, scandir = Path.read_bytes, os.scandir

    def refuse(error_path: Path) -> PermissionError:
        return PermissionError(13, "Permission denied", str(error_path))

    def guarded_read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise refuse(self)
        return read_bytes(self)

    def guarded_scandir(path):
        if Path(path).name == "locked":
            raise refuse(path)
        return scandir(path)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    results = read(tmp_path / "in")
    assert results[0] == Skipped(
        str(tmp_path / "in" / "locked"), "cannot read folder: permission denied"
    )
    assert results[1] == Skipped(
        str(tmp_path / "in" / "secret.txt"), "cannot read: permission denied"
    )
    assert isinstance(results[2], Article) and results[2].article_id == "visible"


def test_unreadable_file_does_not_crash(tmp_path):
    # Runs as root too: whatever the mode allows, the answer is an Article or a Skipped.
    path = write(tmp_path / "secret.txt", "Kherson was shelled.")
    path.chmod(0)
    try:
        results = read(path)
    finally:
        path.chmod(0o644)
    assert len(results) == 1 and isinstance(results[0], Article | Skipped)


# --- folders ---------------------------------------------------------------------------------


def test_folder_walk_order_suffixes_and_hidden_files(tmp_path):
    write(tmp_path / "b.txt", "Kharkiv was shelled.")
    write(tmp_path / "a.md", "Sumy was shelled.")
    write(tmp_path / "sub" / "c.json", json.dumps({"text": "Izium"}))
    write(tmp_path / "sub" / "deeper" / "d.htm", PAGE)
    write(tmp_path / "z.jsonl", json.dumps({"text": "Lyman"}) + "\n")
    write(tmp_path / "E.TXT", "Upper-case suffix: Bakhmut.")
    write(tmp_path / ".hidden.txt", "Not read.")
    write(tmp_path / ".git" / "x.txt", "Not read.")
    write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "README", "No suffix.")
    write(tmp_path / "notes.pdf", b"%PDF-1.7")
    ids = [r.article_id for r in read(tmp_path)]
    assert ids == ["E", "a", "b", "c", "d", "z-1"]
    assert read(tmp_path) == read(tmp_path)  # deterministic
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}


def test_explicit_files_keep_the_given_order(tmp_path):
    b, a = write(tmp_path / "b.txt", "Kharkiv"), write(tmp_path / "a.txt", "Sumy")
    hidden = write(tmp_path / ".c.txt", "Odesa")  # named explicitly: read
    assert [r.article_id for r in read(b, str(a), hidden, tmp_path / "b.txt")] == [
        "b", "a", ".c", "b",
    ]  # fmt: skip


def test_symlink_loops_are_reported_not_followed_forever(tmp_path):
    folder = tmp_path / "reports"
    write(folder / "a.txt", "Kupiansk")
    write(folder / "sub" / "b.txt", "Lyman")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    (folder / "self").symlink_to(folder / "self")  # a link to itself
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "twin").symlink_to(folder / "sub", target_is_directory=True)
    results = read(folder)
    assert [r.article_id for r in results if isinstance(r, Article)] == ["a", "b"]
    reasons = {Path(r.path).name: r.reason for r in results if isinstance(r, Skipped)}
    assert "symlink loop" in reasons["back"]
    assert "symbolic links" in reasons["self"] and "symbolic links" in reasons["self.txt"]
    assert "already read" in reasons["twin"]


def test_symlinked_folder_outside_is_followed(tmp_path):
    write(tmp_path / "elsewhere" / "x.txt", "Pokrovsk")
    write(tmp_path / "reports" / "a.txt", "Kupiansk")
    (tmp_path / "reports" / "more").symlink_to(tmp_path / "elsewhere")
    assert [r.article_id for r in read(tmp_path / "reports")] == ["a", "x"]


def test_never_raises_on_odd_inputs(tmp_path):
    write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    write(tmp_path / "junk.html", bytes(range(1, 256)) * 10)
    write(tmp_path / "ctrl.txt", bytes(range(1, 32)) * 20)
    write(tmp_path / "odd.jsonl", "\u2028\n1\nnull\n")
    write(tmp_path / "bad-bom.txt", b"\xef\xbb\xbf\xff\xfe")
    results = read(tmp_path, tmp_path / "nothing-here")
    assert all(isinstance(r, Article | Skipped) for r in results)
    assert results[-1] == Skipped(str(tmp_path / "nothing-here"), "no such file or folder")


# --- the seeds -------------------------------------------------------------------------------


def test_seed_folder_reads_as_five_articles():
    results = read(SEEDS)
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(isinstance(r, Article) for r in results)
    assert [r.article_id for r in results] == stems and len(stems) == 5
    for article in results:  # offset safety: the text is the file, as decoded
        assert article.text == Path(article.path).read_bytes().decode().replace("\r\n", "\n")
        assert article.title
    first = results[0]
    assert first.article_id == "000_07fcca786c75a230"
    assert first.published == dt.date(2025, 11, 7)
    assert first.title == "Why is Zelensky Refusing to Abandon Pokrovsk?"


def test_big_jsonl_is_streamed_line_by_line(tmp_path, monkeypatch):
    from geo.read import formats, ingest

    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 200)  # make a small file count as big
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": f"Shelling near Pokrovsk, day {i}."})
             for i in range(20)]
    lines.insert(3, "{broken")
    lines.insert(5, json.dumps({"id": "huge", "text": "x" * 500}))
    path.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe not utf-8\n")
    out = list(ingest.read_articles([path]))
    articles = [a for a in out if isinstance(a, Article)]
    skipped = {s.path.rsplit(":", 1)[1]: s.reason for s in out if isinstance(s, Skipped)}
    assert [a.article_id for a in articles] == [f"a{i}" for i in range(20)]
    assert set(skipped) == {"4", "6", "23"}
    assert "record too large" in skipped["6"] and "UTF-8" in skipped["23"]

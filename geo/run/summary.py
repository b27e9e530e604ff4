"""What a run read, skipped and found: printed at the end by the command line, and kept for
``--report``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from geo.run.extract import ArticleResult
from geo.schema import Article, PublishedSource, ResolutionStatus, Skipped


@dataclass
class RunSummary:
    """What a run read, skipped and found: printed at the end, and kept for reports."""

    articles: int = 0
    reused: int = 0  # articles whose result came from the store
    skipped: list[Skipped] = field(default_factory=list)
    mentions: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved_names: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        share = f"{100 * self.resolved / self.mentions:.0f}%" if self.mentions else "-"
        stored = f" ({self.reused} from the store)" if self.reused else ""
        out = [f"articles read: {self.articles}{stored}, skipped: {len(self.skipped)}",
               f"mentions: {self.mentions} (resolved {share}, ambiguous {self.ambiguous}, "
               f"unresolved {sum(self.unresolved_names.values())})"]
        if self.unresolved_names:
            names = ", ".join(f"{name} ({count})"
                              for name, count in self.unresolved_names.most_common(20))
            out.append(f"unresolved names: {names}")
        out += [f"skipped {s.path}: {s.reason}" for s in self.skipped]
        out += [f"warning: {w}" for w in self.warnings]
        return out

    def exit_code(self, strict: bool = False) -> int:
        """0: every input was processed; 3: some were skipped (1 with ``strict``); 1: none
        could be processed."""
        if not self.articles:
            return 1
        if self.skipped:
            return 1 if strict else 3
        return 0

    def as_json(self, exit_code: int) -> dict:
        """The run report (``--report FILE``)."""
        return {
            "articles_read": self.articles,
            "articles_from_store": self.reused,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "mentions": self.mentions,
            "resolved": self.resolved,
            "ambiguous": self.ambiguous,
            "unresolved": dict(self.unresolved_names.most_common()),
            "warnings": self.warnings,
            "exit_code": exit_code,
        }


def account(summary: RunSummary, article: Article, result: ArticleResult) -> None:
    summary.articles += 1
    from_metadata = result.published_source == PublishedSource.METADATA
    ignored = article.published_raw or (article.published if not from_metadata else None)
    if ignored:
        summary.warnings.append(f"{article.path or article.article_id}: metadata date "
                                f"{ignored} ignored (impossible or in the future)")
    if result.note:
        summary.warnings.append(f"{article.path or article.article_id}: {result.note}")
    summary.mentions += len(result)
    resolutions = result.column("resolution")
    summary.resolved += resolutions.count(ResolutionStatus.RESOLVED)
    summary.ambiguous += resolutions.count(ResolutionStatus.AMBIGUOUS)
    if ResolutionStatus.UNRESOLVED in resolutions:
        surfaces = result.column("surface")
        summary.unresolved_names.update(surface for surface, resolution
                                        in zip(surfaces, resolutions, strict=True)
                                        if resolution == ResolutionStatus.UNRESOLVED)

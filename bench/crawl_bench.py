"""Benchmark a re-crawl of an unchanged site: it should cost under 10% of the first crawl.

    .venv/bin/python bench/crawl_bench.py [--pages 100] [--hash-embedder]

Serves a 100-page site on 127.0.0.1 (the test site in tests/fakes/site.py, its pages in
tests/fixtures/docsite repeated), crawls it into a fresh index, then crawls it again. The second
crawl should be all conditional GETs answered 304, with nothing parsed or embedded. Uses the
real embedding model when it loads, else the deterministic hash embedder (and says so).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fakes.embedder import HashEmbedder  # noqa: E402
from fakes.site import DocSite, corpus_pages  # noqa: E402

from ingest.web import SiteSource, crawl_sources  # noqa: E402
from knowledge.embed import Embedder  # noqa: E402
from knowledge.errors import ModelNotAvailable  # noqa: E402
from knowledge.store import Index  # noqa: E402

TARGET_RATIO = 0.10


def embedder(use_hash: bool) -> tuple[Embedder, str]:
    if not use_hash:
        try:
            from knowledge.embed import DEFAULT_MODEL, SentenceTransformerEmbedder

            return SentenceTransformerEmbedder(DEFAULT_MODEL), f"{DEFAULT_MODEL} (real model)"
        except (ModelNotAvailable, ImportError) as exc:
            print(f"real model unavailable ({exc}); using the hash embedder")
    return HashEmbedder(), "HashEmbedder (deterministic fake, no model weights)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rate", type=float, default=500.0, help="requests/s (local mirror)")
    parser.add_argument("--hash-embedder", action="store_true")
    args = parser.parse_args()
    model, label = embedder(args.hash_embedder)
    work = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    with DocSite(corpus_pages(args.pages)) as site:
        source = SiteSource(
            name="bench",
            kind="sitemap",
            start_urls=[f"{site.base_url}/sitemap.xml"],
            allow=[site.docs_url, f"{site.base_url}/sitemap.xml"],
            rate=args.rate,
            concurrency=8,
            max_pages=args.pages + 10,
        )
        index = Index(work / "index", model)
        runs = []
        for _ in range(2):
            report = crawl_sources(index, [source], data_dir=work, allow_private=True)
            runs.append(report)
            print(report.summary())
    first, second = runs[0].seconds, runs[1].seconds
    ratio = second / first
    print(f"embedder: {label}")
    print(f"first crawl:  {first:.2f} s ({runs[0].total('new')} pages indexed)")
    print(f"second crawl: {second:.2f} s ({runs[1].total('not_modified')} not modified)")
    verdict = "OK" if ratio < TARGET_RATIO else "SLOW"
    print(f"ratio: {ratio:.3f} (target < {TARGET_RATIO:.2f}) {verdict}")
    if ratio >= TARGET_RATIO:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

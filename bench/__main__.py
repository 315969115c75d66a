"""make bench: every benchmark in turn (normalization, crawl, storage, search, public SQL, crashes,
extraction, the shared crawl on Redis, story clusters)."""
import importlib
import sys

BENCHMARKS = ("bench_normalize", "bench_crawl", "bench_search", "bench_public_sql", "bench_crash",
              "bench_extract", "bench_learn", "bench_cluster", "bench_stories", "bench_newsroom")


def main() -> int:
    # The names are this runner's; each module reads its own options from sys.argv.
    wanted, sys.argv[1:] = sys.argv[1:], []
    wanted = wanted or BENCHMARKS
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

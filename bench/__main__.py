"""make bench: run every benchmark in turn (normalization, crawl and storage, search)."""
import importlib
import sys

BENCHMARKS = ("bench_normalize", "bench_crawl", "bench_search", "bench_newsroom")


def main() -> int:
    wanted = sys.argv[1:] or BENCHMARKS
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

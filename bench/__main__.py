"""make bench: every benchmark in turn (normalization, crawl, storage, search, public SQL, crashes,
extraction, the shared crawl on Redis, story clusters, the newsroom pages)."""
import importlib
import sys

BENCHMARKS = ("bench_normalize", "bench_crawl", "bench_search", "bench_public_sql", "bench_crash",
              "bench_extract", "bench_learn", "bench_cluster", "bench_stories", "bench_newsroom")


def run_each(default: tuple[str, ...]) -> int:
    """Run the bench modules named on the command line (all of `default` when none), in turn."""
    # Leading names are this runner's; the options after them are left for each module's parser.
    args = sys.argv[1:]
    names = next((i for i, a in enumerate(args) if a.startswith("-")), len(args))
    wanted, sys.argv[1:] = args[:names], args[names:]
    for name in wanted or default:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(run_each(BENCHMARKS))

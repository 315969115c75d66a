"""make eval: run every accuracy evaluation in turn (each module prints its own tables)."""
import importlib
import sys

EVALUATIONS: tuple[str, ...] = ("eval_extraction", "eval_learned", "eval_stories", "eval_search")


def main() -> int:
    # The names are this runner's; each module reads its own options from sys.argv.
    wanted, sys.argv[1:] = sys.argv[1:], []
    wanted = wanted or EVALUATIONS
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

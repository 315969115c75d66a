"""make eval: run every accuracy evaluation in turn (each module prints its own tables)."""
import importlib
import sys

EVALUATIONS: tuple[str, ...] = ("eval_extraction", "eval_learned", "eval_stories", "eval_search")


def main() -> int:
    wanted = sys.argv[1:] or EVALUATIONS
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

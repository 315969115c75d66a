"""make eval: every accuracy evaluation in turn (each module prints its own tables)."""
import sys

from bench.__main__ import run_each

EVALUATIONS = ("eval_extraction", "eval_learned", "eval_stories", "eval_search")

if __name__ == "__main__":
    sys.exit(run_each(EVALUATIONS))

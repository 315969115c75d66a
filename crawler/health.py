"""Health check after each run: a site's figures against its earlier runs; alerts name the field."""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from crawler import storage

FIELDS = ("title", "date", "author", "body")


@dataclass(frozen=True)
class Limits:
    history: int  # earlier finished runs compared with
    min_sample: int  # fewer extracted articles than this say nothing about coverage
    coverage_drop: float  # how far below its median a field's coverage may fall
    max_generic: float  # the largest share of articles the generic fallback may read


def limits(settings) -> Limits:
    """The HEALTH_* settings, checked: a misconfigured check must stop the run, not wave it through."""
    return Limits(history=_number(settings, "HEALTH_HISTORY", int, 1, 1000),
                  min_sample=_number(settings, "HEALTH_MIN_SAMPLE", int, 1, 100_000),
                  coverage_drop=_number(settings, "HEALTH_COVERAGE_DROP", float, 0.0, 1.0),
                  max_generic=_number(settings, "HEALTH_MAX_GENERIC", float, 0.0, 1.0))


def _number(settings, name: str, kind: type, low, high):
    value = settings.get(name)
    try:
        number = kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise ValueError(f"setting {name} must be a {kind.__name__} from {low} to {high}, not {value!r}")
    return number


def seen(run: dict) -> int:
    """Articles the run came across: stored now, or already stored and still listed."""
    return (run["articles_found"] or 0) + (run["links_skipped"] or 0)


def extracted(run: dict) -> int:
    """Articles the run extracted, kept or rejected: the sample coverage is measured on."""
    return (run["articles_found"] or 0) + (run["articles_rejected"] or 0)


def check(run: dict, earlier: list[dict], limits: Limits) -> list[str]:
    """Alerts for one run given the site's earlier runs (newest first); empty when it looks healthy."""
    site, alerts = run["site"], []
    worked = [r for r in earlier if seen(r)]
    if not seen(run) and worked:
        alerts.append(f"{site}: no article found, where the run of {worked[0]['started_at'][:10]} "
                      f"saw {seen(worked[0])}")
    sample = extracted(run)
    if sample < limits.min_sample:
        return alerts
    for field in FIELDS:
        now = run[f"coverage_{field}"]
        usual = [r[f"coverage_{field}"] for r in earlier
                 if extracted(r) >= limits.min_sample and r[f"coverage_{field}"] is not None]
        if usual and now < median(usual) - limits.coverage_drop:
            alerts.append(f"{site}: {field} coverage fell to {now:.0%} of {sample} articles, from a "
                          f"usual {median(usual):.0%} (allowed drop {limits.coverage_drop:.0%})")
    generic = (run["articles_generic"] or 0) / sample
    if generic > limits.max_generic:
        alerts.append(f"{site}: {run['articles_generic']} of {sample} articles ({generic:.0%}) came "
                      f"from the generic fallback, over the {limits.max_generic:.0%} limit: "
                      "the layout may have changed")
    return alerts


def proposal(db, run: dict) -> list[str]:
    """The site's learned template as a declaration for an operator to confirm, when the run used
    a fallback: the selectors missed, so the template may be what the spider should now say."""
    template = storage.learned_template(db, run["site"])
    if not run["articles_generic"] or template is None:
        return []
    return [f"{run['site']}: selectors learned on {template['learned_at'][:16]} from "
            f"{template['pages']} of the site's pages read what the spider's selectors missed; "
            f"check them and paste into spiders/{run['site']}.py:\n{template['declaration']}"]


def judge(db, run: dict, limits: Limits) -> list[str]:
    """Check a finished run against the site's earlier runs and record the verdict on its row."""
    try:
        history = storage.last_runs(db, run["site"], limits.history + 1)
        alerts = check(run, [r for r in history if r["id"] < run["id"]][:limits.history], limits)
        alerts += proposal(db, run) if alerts else []
        health = "alert" if alerts else "ok"
    except Exception as error:  # noqa: BLE001 (a check that breaks must fail the run, never pass it)
        alerts, health = [f"{run['site']}: health check crashed: {error!r}"], "error"
    storage.record_health(db, run["id"], health, "\n".join(alerts) or None)
    return alerts

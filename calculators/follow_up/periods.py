"""»Følg op«: did the practice's change work? Two periods' counts compared exactly, answered in plain Danish.

The page sends the four fields as typed; `follow_up` returns plain JSON (no inf or nan, which JSON.parse refuses)
with the numbers for the small chart and the sentences for the screen and the printout. Words stay neutral, as
everywhere in the calculator: a change in video use has no agreed good direction, so "steget"/"faldet", never
"bedre"/"dårligere".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import partial
from typing import Any

from ..danish import EN_DASH, format_number, format_p_value, format_ratio, level_text, round_up
from ..errors import failure, read_fields
from ..parsing.follow_up_fields import read_count, read_days, read_optional_listed
from ..stats.events_needed import POWER, events_needed
from ..stats.rate_ratio import rate_ratio
from ..stats.rates import exact_interval
from .csv_export import follow_up_csv

LEVEL = 0.95
ALPHA = 0.05  # 1 - LEVEL, written out: the float 1 - 0.95 is 0.050000000000000044, and p = 0,05 is not below it
# Rates per week: a practice plans its staff and schedule by the week, the video pack's trial period (14 days) is
# two weeks, and usual counts give one or two digits per week, where per day gives "0,4" and per 14 or 30 days
# would tie the unit to one of the two periods when they differ.
PER_DAYS = 7
UNIT = "pr. uge"
PER_LISTED = 1000
UNIT_PER_LISTED = "pr. uge pr. 1.000 tilmeldte"
FEW_EVENTS = 10  # as the calculator's caution: under 10 events, chance dominates
MANY_EVENTS = 100
# The test asks only whether Poisson noise explains the difference; counts in the hundreds also move with what
# differs between two periods besides the change (DESIGN: "totals in the hundreds vary more than chance alone").
MANY_EVENTS_CAUTION = (
    "Tal i hundredvis svinger mere fra periode til periode, end tilfældigheder alene giver: årstid, ferier og "
    "bemanding er ofte forskellige i to perioder, så en forskel kan have andre grunde end ændringen."
)
DEFAULT_NAME = "Ydelser"
MAX_NAME = 80
FIELDS = (
    ("before", "Antal før", read_count),
    ("before_days", "Dage før", read_days),
    ("after", "Antal efter", read_count),
    ("after_days", "Dage efter", read_days),
    # Optional: when both are given, the periods are compared per patient and day, so a growing list is no change.
    ("before_listed", "Tilmeldte før", read_optional_listed),
    ("after_listed", "Tilmeldte efter", read_optional_listed),
)
LISTED_PAIR = "Udfyld både »Tilmeldte før« og »Tilmeldte efter«, eller lad dem begge være tomme."


def follow_up(request: Mapping[str, Any]) -> dict[str, Any]:
    """Parse and compare; a user's mistake comes back as {"ok": False, ...}, never as an exception.

    As run(): every field is checked, "error" and "field" name the first in the form's order, "errors" lists all.
    An optional "name" (what was counted, e.g. the indicator's name) labels the CSV's row.
    """
    values, errors = read_fields(request, [(field, partial(read, label=label)) for field, label, read in FIELDS])
    given = [field for field in ("before_listed", "after_listed") if values.get(field) is not None]
    if len(given) == 1 and not errors:
        missing = "after_listed" if given == ["before_listed"] else "before_listed"
        errors.append({"field": missing, "error": LISTED_PAIR})
    if errors:
        return failure(errors)
    result = compare_periods(**values)
    name = " ".join(str(request.get("name") or "").split())[:MAX_NAME] or DEFAULT_NAME
    return {"ok": True, "result": result, "csv": follow_up_csv([{"name": name, "computed": True, **result}])}


def compare_periods(
    before: int,
    before_days: int,
    after: int,
    after_days: int,
    before_listed: int | None = None,
    after_listed: int | None = None,
) -> dict[str, Any]:
    """The answer for the page: "periods" (before, after: count, days, listed, rate, lower, upper per week, for the
    chart, with their texts and sentence), the ratio after/before with its interval (None where infinite or
    undefined) and texts, "p_value", "verdict" ("change", "chance", "borderline" or "no_events"), "caution",
    "events_needed" and "sentences", everything the page says, in order: the verdict first, then the numbers.

    With both list sizes the exposure of a period is its days times its listed patients (R's poisson.test with
    T = days x patients), so a list that grows at an unchanged rate per patient is no change; without them, days."""
    per_patient = before_listed is not None and after_listed is not None
    before_exposure = before_days * (before_listed if per_patient else 1)
    after_exposure = after_days * (after_listed if per_patient else 1)
    unit = UNIT_PER_LISTED if per_patient else UNIT
    ratio, lower, upper, p_value = rate_ratio(before, before_exposure, after, after_exposure, LEVEL)
    periods = [
        _period("Før", before, before_days, before_listed if per_patient else None),
        _period("Efter", after, after_days, after_listed if per_patient else None),
    ]
    # One decimal (3,1 pr. uge), two when a rate is under 1 (0,43 pr. uge), for both periods alike.
    decimals = 2 if any(0 < period["rate"] < 1 for period in periods) else 1
    for period in periods:
        _describe_period(period, decimals, unit)

    verdict = _verdict(before + after, lower, upper, p_value)
    needed = None if verdict == "change" else events_needed(before, before_exposure, after, after_exposure, LEVEL)
    caution = _caution(min(before, after), needed, before + after)
    change_sentence = _change_sentence(ratio, lower, upper, periods, unit)
    sentences = [_verdict_sentence(verdict, p_value), *(s for s in (change_sentence,) if s)]
    sentences += [period["sentence"] for period in periods]
    sentences += [s for s in (caution,) if s]
    return {
        "level": level_text(LEVEL),
        "unit": unit,
        "per_days": PER_DAYS,
        "per_listed": PER_LISTED if per_patient else None,
        "periods": periods,
        "ratio": _finite(ratio),
        "ratio_lower": lower,
        "ratio_upper": _finite(upper),
        "ratio_text": None if not math.isfinite(ratio) else format_ratio(ratio),
        "ratio_interval_text": _ratio_interval_text(lower, upper),
        "change_percent": _finite((ratio - 1) * 100),
        "p_value": p_value,
        "p_text": format_p_value(p_value, ALPHA),
        "verdict": verdict,
        "events_needed": needed,
        "caution": caution,
        "sentences": sentences,
    }


def _period(label: str, count: int, days: int, listed: int | None) -> dict[str, Any]:
    low, high = exact_interval(count, LEVEL)
    scale = PER_DAYS / days if listed is None else PER_DAYS * PER_LISTED / (days * listed)
    return {
        "label": label,
        "count": count,
        "days": days,
        "listed": listed,
        "rate": count * scale,
        "lower": low * scale,
        "upper": high * scale,
    }


def _describe_period(period: dict[str, Any], decimals: int, unit: str) -> None:
    period["rate_text"] = format_number(period["rate"], decimals)
    period["interval_text"] = (
        f"{format_number(period['lower'], decimals)}{EN_DASH}{format_number(period['upper'], decimals)}"
    )
    period["sentence"] = (
        f"{period['label']}: {_events(period['count'])} på {_days(period['days'])}{_listed(period['listed'])}, dvs. "
        f"{period['rate_text']} {unit} ({level_text(LEVEL)} sikkerhedsinterval {period['interval_text']})."
    )


def _verdict(total: int, lower: float, upper: float, p_value: float) -> str:
    """ "change", "chance", "borderline" (the interval and the p-value disagree) or "no_events".

    The interval (Clopper-Pearson, "central") and binom.test's p-value (outcomes no more likely than the one
    seen) are R's two standard answers and are not the same test: in about 0,5 % of small cases one leaves out 1
    and the other does not. Saying so keeps the page from contradicting the interval it prints.
    """
    if total == 0:
        return "no_events"
    by_interval = lower > 1 or upper < 1
    by_p_value = p_value < ALPHA
    if by_interval and by_p_value:
        return "change"
    if not by_interval and not by_p_value:
        return "chance"
    return "borderline"


def _verdict_sentence(verdict: str, p_value: float) -> str:
    p = format_p_value(p_value, ALPHA)
    if verdict == "no_events":
        return "Der er ingen ydelser i nogen af perioderne, så der er intet at sammenligne."
    if verdict == "change":
        return f"Forskellen mellem de to perioder er større, end tilfældigheder alene kan forklare ({p})."
    if verdict == "chance":
        return (
            f"Forskellen mellem de to perioder er ikke større, end tilfældigheder kan forklare ({p}): "
            "antallet svinger fra periode til periode, også når intet er ændret."
        )
    return (
        f"Forskellen mellem de to perioder ligger lige på grænsen af, hvad tilfældigheder kan forklare ({p}). "
        "Tag den som et forsigtigt tegn, ikke som et sikkert resultat."
    )


def _change_sentence(ratio: float, lower: float, upper: float, periods: list[dict[str, Any]], unit: str) -> str | None:
    before, after = periods
    if math.isnan(ratio):
        return None
    if math.isinf(ratio):
        return (
            f"Antallet {unit} er steget fra 0 til {after['rate_text']}. Forholdet mellem efter og før kan ikke "
            f"regnes ud, når der var 0 før, men med {level_text(LEVEL)} sikkerhed er raten efter mindst "
            f"{format_ratio(lower)} gange raten før."
        )
    if ratio == 1:
        direction = f"Antallet {unit} er det samme i de to perioder"
    else:
        word = "steget" if ratio > 1 else "faldet"
        direction = f"Antallet {unit} er {word} med {_percent(abs(ratio - 1))}"
    return (
        f"{direction}: forholdet mellem efter og før er {format_ratio(ratio)} ({level_text(LEVEL)} "
        f"sikkerhedsinterval {_ratio_interval_text(lower, upper)}), dvs. {_change_range(lower, upper)}."
    )


def _change_range(lower: float, upper: float) -> str:
    """The interval of the ratio as a change in per cent, in words."""
    if upper <= 1:
        return f"et fald på mellem {_percent(1 - upper, False)} og {_percent(1 - lower)}"
    if lower >= 1:
        if math.isinf(upper):
            return f"en stigning på mindst {_percent(lower - 1)}"
        return f"en stigning på mellem {_percent(lower - 1, False)} og {_percent(upper - 1)}"
    if math.isinf(upper):
        return f"alt fra et fald på {_percent(1 - lower)} til en stigning uden øvre grænse"
    return f"alt fra et fald på {_percent(1 - lower)} til en stigning på {_percent(upper - 1)}"


def _caution(smallest: int, needed: int | None, total: int) -> str | None:
    parts = []
    if total and smallest < FEW_EVENTS:
        parts.append(
            f"Tallene er små (under {FEW_EVENTS} i mindst én af perioderne), så tilfældigheder fylder "
            "meget, og sikkerhedsintervallet er bredt."
        )
    if needed is not None:
        factor = needed / total
        times = format_number(factor, 0 if factor >= 2 else 1)
        parts.append(
            f"Er ændringen reel og lige så stor, skal der omkring {format_number(round_up(needed), 0)} ydelser i "
            f"alt til (før og efter tilsammen) for med {format_number(POWER * 100, 0)} % sandsynlighed at kunne "
            f"skelne den fra tilfældigheder: omkring {times} gange så mange som nu, dvs. perioder, der er omkring "
            f"{times} gange så lange."
        )
    if smallest >= MANY_EVENTS:
        parts.append(MANY_EVENTS_CAUTION)
    return " ".join(parts) or None


def _ratio_interval_text(lower: float, upper: float) -> str:
    if math.isinf(upper):
        return f"{format_ratio(lower)} til uendelig"
    return f"{format_ratio(lower)}{EN_DASH}{format_ratio(upper)}"


def _percent(fraction: float, sign: bool = True) -> str:
    """0.553 -> "55 %"; with sign=False the per cent sign is left for the "og … %" that follows."""
    text = format_number(fraction * 100, 0)
    return f"{text} %" if sign else text


def _events(count: int) -> str:
    return f"{format_number(count, 0)} {'ydelse' if count == 1 else 'ydelser'}"


def _days(days: int) -> str:
    return f"{format_number(days, 0)} {'dag' if days == 1 else 'dage'}"


def _listed(listed: int | None) -> str:
    return "" if listed is None else f" med {format_number(listed, 0)} tilmeldte"


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None

"""Parity: the calculators give the same answers in the browser (Pyodide under Node) as in CPython (harness.py
says how), for the statistics, the parsing and every page request through the door."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from harness import ROOT, first_difference, run_cases

# ---------------------------------------------------------------------------------------------------------
# The cases. Each runs one calculators function over one or more argument lists; a page's request (`compare`,
# `follow_up`, ...) goes through the one door, calculators.handle, and gets the
# real reference JSON of the pack added inside the interpreter, as the worker adds it.
# ---------------------------------------------------------------------------------------------------------

ALL_CODES = "4436;30\n1003;2\n0101;6.000\n0120;150\n0201;1.200"


def _run(case_id: str, text, listed="2.000", cluster_id="klynge-a-fiktiv") -> dict:
    return {
        "id": f"run-{case_id}",
        "function": "compare",
        # As after the user has checked the list size (plausibility.py): these cases are about the answers.
        "calls": [{"args": [{"text": text, "listed": listed, "cluster_id": cluster_id, "listed_checked": True}]}],
    }


def _calls(case_id: str, function: str, arg_lists: list[list], **kwargs) -> dict:
    return {"id": case_id, "function": function, "calls": [{"args": args, "kwargs": kwargs} for args in arg_lists]}


RUN_CASES = [
    # An ok result for every cluster, with different list sizes and counts.
    _run("cluster-k1", ALL_CODES, "2.000", "klynge-a-fiktiv"),
    {
        "id": "run-error-listed-question",
        "function": "compare",
        "calls": [
            {
                "args": [
                    {
                        "text": "4436;120\n1003;8\n0101;21.000\n0120;1.100\n0201;30.000",
                        "listed": "450",  # 4.500 typed a digit short
                        "cluster_id": "klynge-a-fiktiv",
                    }
                ]
            }
        ],
    },
    _run("cluster-k2", "4436;4\n1003;1\n0101;3.100\n0120;80\n0201;700", "850", "klynge-b-fiktiv"),
    # Patients by sex and age typed in: the standardised ratios beside the rates.
    {
        "id": "run-sex-and-age",
        "function": "compare",
        "calls": [
            {
                "args": [
                    {
                        "text": ALL_CODES,
                        "listed": "2.000",
                        "cluster_id": "klynge-a-fiktiv",
                        "listed_checked": True,
                        **{f"band-{i}": n for i, n in enumerate([180, 350, 300, 120, 50, 190, 360, 300, 110, 40])},
                    }
                ]
            }
        ],
    },
    _run("cluster-k3", "4436;120\n1003;15\n0101;14.500\n0120;400\n0201;2.900", "5.400", "klynge-c-fiktiv"),
    _run("cluster-k4", "4436;0\n1003;0\n0101;9.000\n0120;0\n0201;2.000", "3.300", "klynge-d-fiktiv"),
    # Paste shapes.
    _run("tab-listed-as-int", "4436\t30\n1003\t2\n0101\t6000\n0120\t150\n0201\t1200", 2000, "klynge-b-fiktiv"),
    _run("semicolon-thousands-dot", "4436;1.030\n0101;16.000\n0201;1.200", "12.500", "klynge-c-fiktiv"),
    _run(
        "spaces-thousands-nbsp",
        "4436 30\n0101 6\u00a0000\n0201   1\u00a0200\n0120 1\u202f050",
        "2\u00a0000",
        "klynge-a-fiktiv",
    ),
    _run("error-spaces-thousands-space", "4436 30\n0101 6 000\n0201 1200", "2000", "klynge-a-fiktiv"),
    _run("comma-and-colon", "4436,30\n1003: 2\n0101 : 6000", "2000", "klynge-d-fiktiv"),
    _run("header-line", "Ydelseskode;Antal\n4436;30\n0101;6.000", "2000", "klynge-a-fiktiv"),
    _run("code-without-leading-zero", "101;6000\n201;1200\n4436;25\n120;99", "1.800", "klynge-b-fiktiv"),
    _run("duplicate-codes", "4436;10\n4436;5\n0101;6000\n4436;1", "2000", "klynge-a-fiktiv"),
    _run("unknown-code", "0999;4\n4436;30\n0101;6000\n7777;1", "2000", "klynge-a-fiktiv"),
    _run(
        "crlf-blank-lines-trailing-cells-quotes",
        '\r\n4436;30;;\r\n\r\n"1003";"2"\r\n\'0101;6.000;\r\n',
        "2000",
        "klynge-b-fiktiv",
    ),
    _run("small-counts-exact-interval", "4436;3\n1003;1\n0101;9\n0120;7\n0201;5", "950", "klynge-d-fiktiv"),
    _run("large-counts", "4436;98.765\n0101;1.234.567\n0201;400.000", "250.000", "klynge-c-fiktiv"),
    _run("tiny-list", "4436;1\n0101;3", "1", "klynge-b-fiktiv"),
    _run("codes-not-pasted-not-computed", "4436;30\n0101;6.000", "2000", "klynge-a-fiktiv"),
    _run("count-first-header", "Antal\tYdelseskode\n30\t4436\n2\t1003\n6000\t0101\n150\t0120\n1200\t0201"),
    _run(
        "three-columns",
        "0101;Konsultation, dagtid;6.000\n4436;Video;30\n1003;Video;2\n0120;Årsstatus;150\n0201;Telefon;1.200",
    ),
    _run(
        "header-with-patients-spaces",
        "Kode Antal Patienter\n4436 30 25\n1003 2 2\n0101 6000 1800\n0120 150 140\n0201 1200 700",
    ),
    _run(
        "bom-zero-width-full-width",
        "\ufeff\uff14\uff14\uff13\uff16\uff1b30\n\u200b1003;2\n0101;6000\n0120;150\n0201;1200",
    ),
    _run("error-space-merged-numbers", "4436 56 150\n0101;6000"),
    _run("error-count-first-without-header", "120;4436\n6000;0101"),
    _run("error-nothing-computable", "1003;4"),
    # Every kind of user error.
    _run("error-empty", ""),
    _run("error-blank-lines", "  \n\t\n "),
    _run("error-text-none", None),
    _run("error-negative", "4436;-5"),
    _run("error-negative-unicode-minus", "4436;\u22125\n0101;6000"),
    _run("error-decimal", "4436;12,5"),
    _run("error-unreadable", "4436;12.5"),
    _run("error-not-a-number", "4436;mange"),
    _run("error-too-large", "4436;1234567890123"),
    _run("error-no-count", "0101;6000\n4436"),
    _run("error-no-count-trailing-separator", "4436;"),
    _run("error-code-too-long", "44360;5"),
    _run("error-not-a-code", "video;5"),
    _run("error-not-code-and-count", "hej"),
    _run("error-only-unknown-codes", "0999;5\n8888;1"),
    _run("error-listed-empty", ALL_CODES, ""),
    _run("error-listed-none", ALL_CODES, None),
    _run("error-listed-zero", ALL_CODES, "0"),
    _run("error-listed-negative", ALL_CODES, "-100"),
    _run("error-listed-decimal", ALL_CODES, "12,5"),
    _run("error-listed-unreadable", ALL_CODES, "12.5"),
    _run("error-listed-text", ALL_CODES, "mange"),
    _run("error-listed-too-large", ALL_CODES, "99999999999999"),
    _run("error-unknown-cluster", ALL_CODES, "2000", "k9"),
    _run("error-no-cluster", ALL_CODES, "2000", None),
    _run("error-all-fields", "hej", "0", "Z"),
]

RATE_CI_CASES = [
    _calls("rate_ci-counts-0-30", "rate_ci", [[count, 2000] for count in range(31)]),
    _calls("rate_ci-counts-0-30-level-998", "rate_ci", [[count, 1234] for count in range(31)], level=0.998),
    _calls("rate_ci-large", "rate_ci", [[count, 54321] for count in (50, 99, 100, 1000, 12345, 10**6, 10**9)]),
    _calls("rate_ci-errors", "rate_ci", [[-1, 2000], [5, 0], [5, -3]]),
    _calls(
        "funnel_point",
        "funnel_point",
        [
            [pooled, listed, tau2]
            for pooled in (0.3, 4.5, 45.0, 3012.7)
            for listed in (1, 850, 2000, 25000)
            for tau2 in (0.0, 0.004)
        ],
    ),
    _calls(
        "estimate_overdispersion",
        "estimate_overdispersion",
        [
            [[12, 80, 30, 9, 60, 44], [1200, 3400, 2500, 1800, 5000, 2200], 234 / 16.1],
            [[6000, 5000, 7000, 6500, 5500], [2000] * 5, 3000.0],
            [[20, 20, 20, 20, 20], [2000] * 5, 10.0],
        ],
    ),
    _calls(
        "exact_interval",
        "stats.rates.exact_interval",
        [[count, level] for count in (0, 1, 2, 9, 10, 47, 1500, 98_765) for level in (0.95, 0.998)],
    ),
]

CHI2_P = [
    0,
    1e-12,
    1e-6,
    0.001,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    0.75,
    0.9,
    0.95,
    0.975,
    0.99,
    0.999,
    1 - 1e-6,
    1 - 1e-12,
    1,
]
CHI2_CASES = [
    _calls(f"chi2_ppf-df-{df}", "chi2_ppf", [[p, df] for p in CHI2_P])
    for df in (0.5, 1, 2, 3, 5, 10, 18, 19, 20, 21, 60, 200, 2000, 20001)
] + [
    _calls("chi2_ppf-errors", "chi2_ppf", [[0.5, 0], [0.5, -1], [-0.1, 2], [1.1, 2]]),
    _calls(
        "incomplete_gamma",
        "special.gamma.incomplete_gamma",
        [[a, x] for a in (0.5, 1, 4.5, 30, 1000) for x in (0, 1e-8, 0.5, 3, 29, 31, 900, 1100)],
    ),
]

KNOWN = ["4436", "1003", "0101", "0120", "0201"]
PARSE_COUNTS_CASES = [
    _calls(
        "parse_counts-shapes",
        "parse_counts",
        [
            ["0101;1.234\n4436\t12\n1003 7\n0120: 3\n0201,  1 500"],
            ["Kode;Antal\n101;5\n1;2\n0101;6"],
            ["\ufeff0101;5"],
            ["0101;0\n4436;-0"],
            ["  \n0101 ; 5 ;\n"],
        ],
    ),
    _calls(
        "parse_counts-known-codes",
        "parse_counts",
        [
            ["101;5\n0999;1\n4436;2\n0999;3", KNOWN],
            ["4436;1\n4436;2\n4436;3", KNOWN],
            ["0999;1", KNOWN],
        ],
    ),
    _calls(
        "parse_counts-errors",
        "parse_counts",
        [
            [""],
            [None],
            ["4436"],
            ["4436;x"],
            ["12345;1"],
            ["abc def ghi"],
            ["4436;1,5"],
            ["4436;1.2.3"],
            ["4436;" + "9" * 13],
            ["Konsultation;0101;1234"],
            ["0101;5\nhej"],
        ],
    ),
]

PARSE_INT_CASES = [
    _calls(
        "parse_int-ok",
        "parse_listed",
        [
            ["1"],
            ["1234"],
            ["1.234"],
            ["1 234"],
            ["1\u00a0234"],
            ["12.500"],
            ["  987  "],
            [2000],
            ["0001"],
            ["999999999999"],
        ],
    ),
    _calls(
        "parse_int-errors",
        "parse_listed",
        [
            [""],
            [None],
            ["0"],
            ["-5"],
            ["\u22125"],
            ["12,5"],
            ["12.5"],
            ["1.23.456"],
            ["abc"],
            ["9999999999999"],
            ["1 2 3"],
            ["-0"],
        ],
    ),
]

FORMAT_NUMBER_CASES = [
    _calls(
        "format_number-default",
        "danish.format_number",
        [
            [0],
            [0.0],
            [-0.0],
            [0.05],
            [0.15],
            [0.25],
            [-0.04],
            [-0.05],
            [1.25],
            [12.34],
            [999.95],
            [1234.5],
            [1234567.891],
            [1e15],
            [123456789012],
            [2.675],
            [1 / 3],
            [10 / 3 * 1000],
        ],
    ),
    _calls(
        "format_number-decimals",
        "danish.format_number",
        [[x, d] for x in (0.125, 2.5, 1234.5678, 1e-7, 98765.4321) for d in (0, 2, 3)],
    ),
    _calls("format_number-no-grouping", "danish.format_number", [[x, 1, False] for x in (1234.56, 1234567.0, 0.45)]),
    _calls("format_number-errors", "danish.format_number", [[math.inf], [-math.inf], [True], [1.0, -1]]),
]

QUANTILE_CASES = [
    _calls(
        "quantiles",
        "quantiles",
        [
            [[5.0]],
            [[1.0, 2.0]],
            [[3.0, 1.0, 2.0]],
            [[10.0, 20.0, 30.0, 40.0]],
            [[0.1 * i for i in range(1, 14)]],
            [[1 / 3, 2 / 3, 1.0, 4 / 3, 5 / 3, 7 / 3]],
            [[12.5, 12.5, 12.5, 3.0, 99.25]],
            [[1000 * i / 1234 for i in (17, 3, 99, 41, 8, 65, 23)]],
            [[]],
        ],
    ),
]


def _follow_up(before, before_days, after, after_days) -> list:
    return [{"before": before, "before_days": before_days, "after": after, "after_days": after_days}]


# »Følg op«: the exact comparison of two periods, zero counts, large counts, and every kind of bad field.
RATE_RATIO_CASES = [
    _calls(
        "rate_ratio-small",
        "rate_ratio",
        [[before, 14, after, 14] for before in (0, 1, 3, 9) for after in (0, 1, 5, 10)],
    ),
    _calls(
        "rate_ratio-periods-and-levels",
        "rate_ratio",
        [[40, 90, 18, 90], [10, 365, 3, 30], [1, 90, 2, 14], [2208, 841, 1, 93], [25_000, 365, 2_400, 30]],
    ),
    _calls("rate_ratio-level-998", "rate_ratio", [[40, 90, 18, 90], [3, 14, 5, 14], [0, 7, 12, 7]], level=0.998),
    _calls("rate_ratio-large", "rate_ratio", [[10**6, 365, 10**6 + 3000, 365], [10**9, 3650, 10**9 + 10**5, 3650]]),
    _calls("rate_ratio-errors", "rate_ratio", [[-1, 14, 5, 14], [5, 0, 5, 14], [1.5, 14, 5, 14], [5, 14, 5, -1]]),
]
FOLLOW_UP_INDICATORS = [
    {"id": "video", "name": "Videokonsultationer", "codes": ["4436", "1003"]},
    {"id": "konsultationer", "name": "Konsultationer", "codes": ["0101"]},
    {"id": "telefon", "name": "Telefonkonsultationer", "codes": ["0201"]},
]
FOLLOW_UP_CASES = [
    _calls(
        "follow_up-examples",
        "follow_up",
        [
            _follow_up("40", "90", "18", "90"),
            _follow_up("3", "14", "5", "14"),
            _follow_up("1.234", "365", "120", "30"),
            _follow_up("1", "90", "2", "14"),
            _follow_up("50", "90", "60", "90"),
            _follow_up("2", "90", "1", "14"),
        ],
    ),
    _calls(
        "follow_up-zeros",
        "follow_up",
        [
            _follow_up("0", "14", "0", "14"),
            _follow_up("0", "14", "5", "14"),
            _follow_up("12", "30", "0", "30"),
            _follow_up("7", "14", "7", "14"),
        ],
    ),
    _calls(
        "follow_up-errors",
        "follow_up",
        [
            _follow_up("", "0", "-3", "5.000"),
            _follow_up("12,5", "12.5", "mange", None),
            _follow_up(None, None, None, None),
            _follow_up("9" * 13, "-14", "\u22123", "3.654"),
        ],
    ),
    _calls(
        "follow_up_table",
        "follow_up_table",
        [
            [
                {
                    "indicators": FOLLOW_UP_INDICATORS,
                    "before_text": before,
                    "after_text": after,
                    "before_days": "90",
                    "after_days": days,
                }
            ]
            for before, after, days in [
                ("4436;30\n1003;10\n0101;1.200\n0201;300", "4436\t12\n1003\t6\n101\t1.150\n0201\t280", "30"),
                ("4436;40\n0101;1.200\n0999;3", "4436;18\n1003;2\n0101;1.150", "90"),
                ("0101;5", "4436;5", "90"),
                ("", "4436;x", "0"),
            ]
        ],
    ),
]

CASES = (
    RUN_CASES
    + RATE_CI_CASES
    + CHI2_CASES
    + PARSE_COUNTS_CASES
    + PARSE_INT_CASES
    + FORMAT_NUMBER_CASES
    + QUANTILE_CASES
    + RATE_RATIO_CASES
    + FOLLOW_UP_CASES
)

# ---------------------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------------
# Running both sides
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    return run_cases(tmp_path_factory.mktemp("parity"), CASES)


# ---------------------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------------------


def test_enough_cases_with_unique_ids():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 40


def test_pyodide_imports_the_package_from_the_unpacked_zip(outputs):
    assert outputs["pyodide"]["calculators_file"] == "/home/pyodide/calculators-package/calculators/__init__.py"
    assert outputs["pyodide"]["python"].startswith("3.")
    assert Path(outputs["cpython"]["calculators_file"]) == ROOT / "calculators" / "__init__.py"


@pytest.mark.parametrize("case_id", [case["id"] for case in CASES])
def test_same_result_in_pyodide_as_in_cpython(outputs, case_id):
    expected = outputs["cpython"]["results"][case_id]
    actual = outputs["pyodide"]["results"][case_id]
    difference = first_difference(expected, actual)
    assert difference is None, (
        f"{case_id}: CPython {sys.version.split()[0]} og Pyodide (Python {outputs['pyodide']['python'].split()[0]}) "
        f"er uenige / disagree at {difference}"
    )


def test_every_run_case_answers_as_intended(outputs):
    """Guards the cases themselves: the ok cases are ok, the error cases are errors, nothing raised."""
    for case in RUN_CASES:
        [outcome] = outputs["cpython"]["results"][case["id"]]
        assert "value" in outcome, f"{case['id']}: run raised {outcome}"
        assert outcome["value"]["ok"] is not case["id"].startswith("run-error-"), case["id"]
    [typed] = outputs["cpython"]["results"]["run-sex-and-age"]
    assert len(typed["value"]["result"]["standardised"]["rows"]) == 4  # the ratios are among what is compared


def test_every_follow_up_case_answers_as_intended(outputs):
    """Guards the »Følg op« cases: results where results are meant, refusals where refusals are."""
    results = outputs["cpython"]["results"]
    assert all(outcome["value"]["ok"] for outcome in results["follow_up-examples"] + results["follow_up-zeros"])
    assert not any(outcome["value"]["ok"] for outcome in results["follow_up-errors"])
    assert [outcome["value"]["ok"] for outcome in results["follow_up_table"]] == [True, True, False, False]
    assert all(outcome.get("raised") == "ValueError" for outcome in results["rate_ratio-errors"])
    assert all(
        "value" in outcome
        for case in RATE_RATIO_CASES
        if case["id"] != "rate_ratio-errors"
        for outcome in results[case["id"]]
    )


@pytest.mark.parametrize(
    "expected, actual, where",
    [
        ({"a": [1.0, 2.0]}, {"a": [1.0, 2.0 * (1 + 1e-10)]}, "$.a[1]"),
        ({"a": 1}, {"a": 1.0}, "$.a: type int"),
        ({"a": "12,3"}, {"a": "12,4"}, "$.a"),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, "$: keys"),
        ([math.inf], [1e308], "$[0]"),
        ([None], [0], "$[0]: type NoneType"),
    ],
)
def test_the_comparison_catches_a_difference(expected, actual, where):
    found = first_difference(expected, actual)
    assert found is not None and found.startswith(where), found


def test_the_comparison_allows_last_bit_float_noise():
    assert first_difference([0.1 + 0.2, math.inf, 0.0], [0.3, math.inf, 0.0]) is None

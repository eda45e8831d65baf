"""The calculator: one practice's rates against its cluster's. request.py takes the form's values, compare.py
computes every number (verdicts, positions, funnel limits), summary.py says what stands out, page.py and
csv_export.py shape the answer for the page and for Excel."""

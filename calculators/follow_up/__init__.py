"""»Følg op«: did a practice's change work? Two periods' counts compared exactly: periods.py for one count per
period, table.py for every indicator of a pack from two pasted tables, csv_export.py for Excel."""

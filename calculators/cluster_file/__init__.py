"""The cluster data file ("klyngedatafil"): its format (format.py), written by `make klyngedata` (write.py) and read
in the browser (read.py); loaded in a page (load.py), compared against by the calculator (compare.py) and shown
whole in »Klyngens overblik« (overview.py)."""

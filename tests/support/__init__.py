"""What the tests and `make bench` share (site.py) and what the browser tests share (browser.py)."""

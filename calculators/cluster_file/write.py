"""Writing a cluster data file (format.py describes it): what `make klyngedata` sends to a cluster."""

from __future__ import annotations

from ..csv_writer import csv_text
from .format import (
    ANONYMOUS,
    BAND_HEADER,
    END,
    EXPECTED_PREFIX,
    INDICATOR_HEADER,
    OPEN,
    PRACTICE_HEADER,
    SIGNATURE,
    SIGNATURE_WITH_BANDS,
    ClusterFile,
    expected_text,
    rate_text,
)
from .read import read_cluster_file


def write_cluster_file(data: ClusterFile) -> str:
    """The file's text, BOM first and CRLF line ends as Excel writes them. Data the reader would refuse raise its
    InputError (fewer than 5 practices, say); data it would read back differently raise ValueError."""
    ids = tuple(indicator.id for indicator in data.indicators)
    bands = [(*BAND_HEADER, *ids), *((b.sex, b.age, str(b.listed), *map(str, b.counts)) for b in data.bands), ()]
    rows = [
        SIGNATURE_WITH_BANDS if data.standardised else SIGNATURE,
        ("Klyngepakke", data.pack, data.pack_name),
        ("Første dag", data.period.first.isoformat()),
        ("Sidste dag", data.period.last.isoformat()),
        ("Klynge", data.cluster),
        ("Dato", data.date.isoformat()),
        ("Data", OPEN if data.open else ANONYMOUS),
        ("Antal praksis", str(len(data.practices))),
        ("Regionens praksis", str(data.region_practices)),
        ("Regionens tilmeldte", str(data.region_listed)),
        (),
        INDICATOR_HEADER,
        *(
            (i.id, i.name, ", ".join(i.codes), str(i.region_count), rate_text(data.region_rate(i)))
            for i in data.indicators
        ),
        (),
        *(bands if data.standardised else ()),
        (*PRACTICE_HEADER, *ids, *((EXPECTED_PREFIX + id_ for id_ in ids) if data.standardised else ())),
        *((p.label, str(p.listed), *map(str, p.counts), *map(expected_text, p.expected)) for p in data.practices),
        (END,),
    ]
    line_breaks = [cell for row in rows for cell in row if "\n" in cell or "\r" in cell]
    if line_breaks:
        raise ValueError(f"a line break cannot be written into a cluster data file: {line_breaks[0]!r}")
    text = csv_text(rows)
    # A file the reader refuses, or reads differently, must never leave the writer.
    if read_cluster_file(text) != data:
        raise ValueError("the cluster data does not survive writing; names must not start or end with spaces")
    return text

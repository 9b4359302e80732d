"""The fact catalog: load, validate, index and search the YAML files in ``data/``."""

from .catalog import Catalog, Counts, TimelineItem, choose_fact
from .dates import PartialDate, Precision, parse_date
from .errors import CatalogError, Problem
from .loader import DEFAULT_DATA_DIR, discover, load_catalog
from .models import (
    Brand,
    Collaboration,
    Confidence,
    Entry,
    Event,
    Fact,
    Line,
    Person,
    Question,
    Ref,
    Release,
    Silhouette,
    Source,
    Technology,
)
from .search import Match, NameIndex
from .text import compact, normalise

__all__ = [
    "DEFAULT_DATA_DIR",
    "Brand",
    "Catalog",
    "CatalogError",
    "Collaboration",
    "Confidence",
    "Counts",
    "Entry",
    "Event",
    "Fact",
    "Line",
    "Match",
    "NameIndex",
    "PartialDate",
    "Person",
    "Precision",
    "Problem",
    "Question",
    "Ref",
    "Release",
    "Silhouette",
    "Source",
    "Technology",
    "TimelineItem",
    "choose_fact",
    "compact",
    "discover",
    "load_catalog",
    "normalise",
    "parse_date",
]

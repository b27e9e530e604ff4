"""Gazetteer: any name a war report uses for a place -> the place and its coordinates, offline.

This module's names are the gazetteer's public API: ``geo`` (and any other caller) uses these
and nothing deeper, so the gazetteer's insides can change without breaking its users.
"""

from .adjectives import town_forms
from .cli import run_place
from .common import (
    FrontlineError,
    atomic_path,
    cache_dir,
    data_dir,
    user_supplement_path,
)
from .confidence import Scored, is_ambiguous, judge, same_place
from .import_cli import run_gazetteer
from .normalize import exact_key, fold_key, fold_key_of_exact, has_cyrillic
from .records import COUNTRY, NAME_TYPES, REGION, SETTLEMENT, Candidate, Kind, Place, Resolution
from .resolver import Gazetteer, stopwords
from .user_supplement import SupplementError
from .wordclass import is_attribute, is_common_noun, is_function_word, verb_lemma

__all__ = [
    "COUNTRY", "NAME_TYPES", "REGION", "SETTLEMENT", "Candidate", "FrontlineError", "Gazetteer",
    "Kind", "Place", "Resolution", "Scored", "SupplementError", "atomic_path", "cache_dir",
    "data_dir", "exact_key", "fold_key", "fold_key_of_exact", "has_cyrillic", "is_ambiguous",
    "is_attribute", "is_common_noun", "is_function_word", "judge", "run_gazetteer", "run_place",
    "same_place", "stopwords", "town_forms", "user_supplement_path", "verb_lemma",
]  # fmt: skip

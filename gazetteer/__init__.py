"""Gazetteer: any name a war report uses for a place -> the place and its coordinates, offline."""

from .records import Candidate, Place, Resolution
from .resolver import Gazetteer

__all__ = ["Candidate", "Gazetteer", "Place", "Resolution"]

"""Classifying mentions: what a mention does in its sentence (``role``: a place, or a capital
standing for its government).
"""

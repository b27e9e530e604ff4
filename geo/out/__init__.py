"""Outputs: the mentions table in GIS formats (``table``) and the dated HTML map (``map``).
"""

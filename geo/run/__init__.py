"""Running the pipeline: one article's stages chained (``extract``), where that work runs
(``engines``), results kept between runs (``store``), rows assembled into the table
(``assemble``), the run put together (``pipeline``) and counted (``summary``).
"""

"""Reading: files and folders -> articles (``ingest``, ``decoding``, ``formats``), and what the
later stages need from the text alone: sentence bounds (``sentences``) and dates (``dates``).
"""

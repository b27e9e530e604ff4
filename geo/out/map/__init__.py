"""The dated map: mentions -> dated layers (``layers``) -> one HTML page (``render``), with the
page's own JavaScript and CSS in ``assets/``.
"""

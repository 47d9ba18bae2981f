"""Printing: the print dialogs, the system printer and the ledger export."""

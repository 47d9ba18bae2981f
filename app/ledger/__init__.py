"""Ledgers (台账) as Excel workbooks for the township office."""

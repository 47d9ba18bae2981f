"""Converters from public online-signature corpora to the labelled format of
`python -m bench.signatures --labelled FILE`."""

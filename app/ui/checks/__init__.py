"""The checks page: data-quality findings to review."""

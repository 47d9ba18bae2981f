"""Form definitions: XLSForm-style questions, expressions and validation."""

"""The prompts page: what is due and what to do next."""

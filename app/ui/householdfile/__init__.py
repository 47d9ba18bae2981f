"""One household's file: its members, incomes, cases, visits and forms."""

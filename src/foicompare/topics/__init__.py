"""Topic answers normalised to canonical vocabularies (first: SI 2020/445 flexibilities)."""

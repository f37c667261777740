"""foicompare: councils' FOI responses as one comparable DuckDB dataset."""

__version__ = "0.1.0"

"""`python -m foicompare.cli`."""

from foicompare.cli import main

main()

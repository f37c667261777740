"""``python -m foicompare`` runs the command line, exactly as the ``foicompare`` script does.

Example::

    python -m foicompare extract letter.pdf
"""

from foicompare.cli import main

if __name__ == "__main__":
    main()

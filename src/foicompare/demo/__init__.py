"""A seeded, deterministic demo corpus: a realistic FOI round robin with its ground truth.

One answer per current English children's services authority to the July 2020
coronavirus-flexibilities request and to the 2021 quality-assurance request, in PDF,
DOCX, HTML, EML and TXT, plus acknowledgements, clarifications, internal reviews, late
and missing answers. ``ground_truth.jsonl`` uses the format of ``../shared/corpus/labels.jsonl``.

>>> import tempfile
>>> from foicompare.demo import generate
>>> report = generate(tempfile.mkdtemp(), limit=2, formats=("txt", "html"))
>>> sorted(report.by_format) == ["html", "txt"]
True
"""

from foicompare.demo.generate import FORMATS, GenerateReport, generate, select_authorities

__all__ = ["FORMATS", "GenerateReport", "generate", "select_authorities"]

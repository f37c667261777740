"""WhatDoTheyKnow (Alaveteli) as a source: client, parsers and ingest.

>>> from foicompare.sources.whatdotheyknow import Wdtk, WdtkIngest
>>> Wdtk().base_url
'https://www.whatdotheyknow.com'
"""

from foicompare.sources.whatdotheyknow.client import WDTK_URL, Wdtk
from foicompare.sources.whatdotheyknow.ingest import WdtkIngest, WdtkReport, message_kind
from foicompare.sources.whatdotheyknow.parse import WdtkParseError

__all__ = ["WDTK_URL", "Wdtk", "WdtkIngest", "WdtkParseError", "WdtkReport", "message_kind"]

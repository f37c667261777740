"""UK local authorities: the packaged register and name → authority resolution.

>>> from foicompare import authorities
>>> authorities.resolve("Coventry City Council").code
'E08000026'
>>> authorities.resolve_document("Dear Sir,\\nYours sincerely\\nBarnet Council")["code"]
'E09000003'
"""

from foicompare.authorities.document import resolve_document
from foicompare.authorities.names import Resolution, resolve, resolve_domain
from foicompare.authorities.register import Authority, lookup, norm, register
from foicompare.authorities.tables import install

__all__ = [
    "Authority",
    "Resolution",
    "install",
    "lookup",
    "norm",
    "register",
    "resolve",
    "resolve_document",
    "resolve_domain",
]

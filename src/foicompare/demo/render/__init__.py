"""Renderers: one :class:`~foicompare.demo.model.Doc` to the bytes of one file format."""

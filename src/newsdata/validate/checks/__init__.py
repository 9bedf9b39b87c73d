"""The semantic checks, one family of codes per function, grouped by what they look at.

Each check is a :class:`~newsdata.validate.checks.base.SemanticCheck`: the codes it may
report and a function from the read-only :class:`~newsdata.validate.checks.base.ArticleUnderCheck`
to the problems it finds. :mod:`newsdata.validate.semantic` runs them in order.
"""

"""Every layer of a corpus as a table: the columns (:mod:`~newsdata.frames.columns`), the
one Arrow path (:mod:`~newsdata.frames.arrow`) and pandas frames
(:mod:`~newsdata.frames.pandas_view`).

Nothing is imported here: a frame of a built store must not import the models that the
column declarations are described by.
"""

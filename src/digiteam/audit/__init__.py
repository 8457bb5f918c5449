"""Who changed what, when, through what, and the values before and after.

Interfaces say who is acting (``acting``); services say what they changed (``record_*``).
Everything recorded inside one ``acting`` or ``change_set`` block is one attributed change set.
Interfaces use ``audit.context``; services use ``audit.record``.
"""

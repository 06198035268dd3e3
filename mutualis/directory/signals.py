"""Signals of the directory, for the apps below it (the directory imports none of them)."""

from django.dispatch import Signal

# Sent by groupings.replace_groupings once the groupings of a FINESS+ file replaced the stored
# ones (inside the same transaction); the initiatives map syncs on it.
groupings_loaded = Signal()

"""The day the unit tests are run "on": one date for every rule, window and reading of "now"."""

import datetime as dt

TODAY = dt.date(2026, 11, 25)

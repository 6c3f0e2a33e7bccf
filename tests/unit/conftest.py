import datetime as dt

import pytest

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def today() -> dt.date:
    return TODAY

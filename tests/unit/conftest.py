import datetime as dt

import pytest

from tests.today import TODAY


@pytest.fixture
def today() -> dt.date:
    return TODAY

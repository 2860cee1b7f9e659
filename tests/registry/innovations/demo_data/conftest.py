import io

import pytest

from registry.innovations import demo


@pytest.fixture
def seeded(db):
    """This app's demo data (the LAN innovations and the demo accounts), without the other apps' seeders."""
    demo.seed(stdout=io.StringIO())

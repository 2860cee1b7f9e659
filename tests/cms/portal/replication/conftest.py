from tests.fixtures_replication import *  # noqa: F403 (the replication fixtures)

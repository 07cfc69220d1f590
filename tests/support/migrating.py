"""Moving the database to a chosen set of migrations, as an upgrade or a downgrade does."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # (app, None) unapplies the app; the state is that of the migrations left applied.
    applied = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(applied).apps

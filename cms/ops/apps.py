from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health checks, backup and restore, tasks whose worker died."""

    name = "cms.ops"
    label = "ops"

    def ready(self):
        from django_tasks.signals import task_finished, task_started

        from cms.ops import task_liveness

        # Workers hold a liveness lock while a task runs (cms/ops/task_liveness.py).
        task_started.connect(task_liveness.on_task_started, dispatch_uid="ops-task-liveness-start")
        task_finished.connect(task_liveness.on_task_finished, dispatch_uid="ops-task-liveness-finish")

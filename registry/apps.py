from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "European Open LLM Registry"

    def ready(self):
        from registry.base_rows import ensure_base_rows

        post_migrate.connect(ensure_base_rows, sender=self, dispatch_uid="registry-base-rows")

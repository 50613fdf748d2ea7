"""The registry's only door to the Hugging Face Hub, and the only code that imports huggingface_hub.

It returns our frozen records (`HubModel`, `HubDataset`, `HubCard`), raises our exceptions (`HubError` and
subclasses) and knows nothing of Django.

Telemetry is switched off before huggingface_hub is imported because the library reads
HF_HUB_DISABLE_TELEMETRY once, at import: left on, it would fetch `{HF_ENDPOINT}/api/agent-harnesses`
(huggingface.co by default, whatever endpoint we configure) and add local details to the User-Agent.
"""

import os

os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

from registry.hub.client import DATASET_EXPAND, MODEL_EXPAND, HubClient  # noqa: E402
from registry.hub.errors import (  # noqa: E402
    HubError,
    HubGated,
    HubNotFound,
    HubRateLimited,
    HubUnavailable,
)
from registry.hub.records import HubCard, HubDataset, HubModel  # noqa: E402

__all__ = [
    "DATASET_EXPAND",
    "MODEL_EXPAND",
    "HubCard",
    "HubClient",
    "HubDataset",
    "HubError",
    "HubGated",
    "HubModel",
    "HubNotFound",
    "HubRateLimited",
    "HubUnavailable",
]

"""The short label of three stored leg values (after moderator overrides), as `Assessment.label` does."""

from registry.openness.types import _WEIGHTS_LABELS, Label, Value


def label_for(*, code: str, model: str, corpus: str) -> Label:
    """E2E open when all three legs are open, otherwise the label of the weights (model leg)."""
    values = (Value(code), Value(model), Value(corpus))
    if all(value is Value.OPEN for value in values):
        return Label.E2E_OPEN
    return _WEIGHTS_LABELS[Value(model)]

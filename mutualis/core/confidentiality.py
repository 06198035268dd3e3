"""Statistical confidentiality shared by the observatory and the needs analysis: no rate is
published when computed from fewer than ``minimum`` entities
(settings.MUTUALIS["SMALL_CELL_MINIMUM"])."""


def rate(part: int, whole: int, minimum: int) -> float | None:
    """``part`` in ``whole`` as a percentage to one decimal; None ("secret") when ``whole``
    is under ``minimum`` (or nothing at all)."""
    return round(100 * part / whole, 1) if whole >= max(minimum, 1) else None

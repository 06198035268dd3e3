"""Hooks this app plugs into the apps above it (registries they expose, never imports of ours)."""


def register_all() -> None:
    """Nothing registered yet; filled by the panels and leads providers."""

"""Hooks this app plugs into the apps above it (registries they expose, never imports of ours)."""


def register_all() -> None:
    from mutualis.grappes import panels
    from mutualis.specifications.leads import grappe_panel

    panels.register("specifications", grappe_panel)

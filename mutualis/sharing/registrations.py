"""Hooks this app plugs into the apps above it (registries they expose, never imports of ours)."""


def register_all() -> None:
    from mutualis.grappes import panels
    from mutualis.maturity import leads as maturity_leads
    from mutualis.sharing.leads import grappe_panel, shared_needs

    maturity_leads.register("sharing", shared_needs)
    panels.register("sharing", grappe_panel)
